//! The competency dictionary: national rows (read-only for agencies) and the
//! agency's technical competencies, which HR writes with five level descriptions.

use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::competency::model::{Competency, CompetencyGroup, LevelText, TechnicalForm};
use crate::error::{AppError, FieldError, Problems};
use crate::i18n::K;
use crate::org::input::parse_name;
use crate::org::service::hr_agency;
use crate::server::entities::{competency, competency_level};
use crate::server::{sql, write_tx, Db};
use sea_orm::sea_query::ExprTrait;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Select,
    Set,
};
use serde_json::json;
use std::collections::HashMap;

/// The competencies an agency may use: the national ones and its own technical
/// ones, while active.
pub(crate) fn usable_by(agency: i32) -> Select<competency::Entity> {
    competency::Entity::find()
        .filter(competency::Column::Active.eq(true))
        .filter(
            competency::Column::AgencyId
                .is_null()
                .or(competency::Column::AgencyId.eq(agency)),
        )
}

/// Level texts of the given competencies, by competency id.
pub async fn levels_of(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<HashMap<i32, Vec<LevelText>>, AppError> {
    let rows = competency_level::Entity::find()
        .filter(competency_level::Column::CompetencyId.is_in(ids.iter().copied()))
        .order_by_asc(competency_level::Column::CompetencyId)
        .order_by_asc(competency_level::Column::Level)
        .all(db)
        .await?;
    let mut out: HashMap<i32, Vec<LevelText>> = HashMap::new();
    for r in rows {
        let indicators = serde_json::from_str(&r.indicators)
            .map_err(|e| sea_orm::DbErr::Json(format!("competency_levels.indicators: {e}")))?;
        out.entry(r.competency_id).or_default().push(LevelText {
            level: r.level as u8,
            description: r.description,
            indicators,
        });
    }
    Ok(out)
}

/// The national competencies and the agency's own, national first.
pub async fn competencies(
    db: &impl ConnectionTrait,
    agency: i32,
) -> Result<Vec<Competency>, AppError> {
    let mut rows = usable_by(agency)
        .order_by_asc(competency::Column::Id)
        .all(db)
        .await?;
    rows.sort_by_key(|c| c.agency_id.is_some());
    let ids: Vec<i32> = rows.iter().map(|c| c.id).collect();
    let mut levels = levels_of(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|c| Competency {
            levels: levels.remove(&c.id).unwrap_or_default(),
            national: c.agency_id.is_none(),
            id: c.id,
            code: c.code,
            group: c.grp,
            name: c.name,
            definition: c.definition,
        })
        .collect())
}

/// The dictionary of the actor's agency (any logged-in ASN may read it).
pub async fn dictionary(db: &Db, actor: &Actor) -> Result<Vec<Competency>, AppError> {
    let agency = actor.agency_id.ok_or(AppError::Forbidden)?;
    competencies(db, agency).await
}

struct ValidTechnical {
    code: String,
    name: String,
    definition: String,
    levels: Vec<(String, Vec<String>)>,
}

/// Checks the form: a T.n-style code, a name, and every level described.
fn check(form: &TechnicalForm) -> Result<ValidTechnical, AppError> {
    let mut p = Problems::default();
    let code = form.code.trim().to_uppercase();
    let code_ok = !code.is_empty()
        && code.len() <= 20
        && code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-');
    if !code_ok {
        p.add(FieldError::new("code", K::ErrCompetencyCode));
    } else if code.starts_with("M.") || code.starts_with("SK.") {
        p.add(FieldError::new("code", K::ErrCompetencyCodeNational));
    }
    let name = p
        .take(parse_name("name", &form.name, 150))
        .unwrap_or_default();
    let definition = form.definition.trim().to_string();
    if definition.is_empty() {
        p.add(FieldError::new("definition", K::ErrRequired));
    }
    let mut levels = Vec::new();
    for i in 0..5 {
        let d = form.levels.get(i).map_or("", |d| d.trim()).to_string();
        if d.is_empty() {
            p.add(
                FieldError::new(&format!("level{}", i + 1), K::ErrLevelDescription)
                    .with("level", i + 1),
            );
        }
        let ind: Vec<String> = form
            .indicators
            .get(i)
            .map_or("", String::as_str)
            .lines()
            .map(|l| l.trim().trim_start_matches(['-', '•']).trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        levels.push((d, ind));
    }
    p.into_result()?;
    Ok(ValidTechnical {
        code,
        name,
        definition,
        levels,
    })
}

pub async fn add_technical(db: &Db, actor: &Actor, form: &TechnicalForm) -> Result<i32, AppError> {
    let agency = hr_agency(actor)?;
    let v = check(form)?;
    let tx = write_tx(db).await?;
    let taken = competency::Entity::find()
        .filter(competency::Column::AgencyId.eq(agency))
        .filter(competency::Column::Code.eq(&v.code))
        .one(&tx)
        .await?;
    if taken.is_some() {
        return Err(AppError::field("code", K::ErrCodeTaken));
    }
    let id = competency::ActiveModel {
        agency_id: Set(Some(agency)),
        code: Set(v.code.clone()),
        grp: Set(CompetencyGroup::Teknis),
        name: Set(v.name.clone()),
        definition: Set(v.definition.clone()),
        active: Set(true),
        ..Default::default()
    }
    .insert(&tx)
    .await?
    .id;
    let levels = v
        .levels
        .iter()
        .enumerate()
        .map(|(i, (d, ind))| competency_level::ActiveModel {
            competency_id: Set(id),
            level: Set(i as i16 + 1),
            description: Set(d.clone()),
            indicators: Set(serde_json::to_string(ind).unwrap_or_else(|_| "[]".into())),
            ..Default::default()
        });
    sql::insert_many(&tx, levels.collect()).await?;
    let summary = json!({ "after": { "code": v.code, "name": v.name, "levels": v.levels } });
    audit::commit(tx, actor, agency, "create", "competency", id, summary).await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> TechnicalForm {
        TechnicalForm {
            code: "t.1".into(),
            name: "Pengetahuan kebijakan kesehatan".into(),
            definition: "Memahami kebijakan kesehatan.".into(),
            levels: (1..=5).map(|i| format!("Level {i}")).collect(),
            indicators: vec!["- satu\n\n• dua".into(); 5],
        }
    }

    #[test]
    fn a_technical_competency_needs_every_level_described() {
        let mut f = form();
        f.levels[2] = " ".into();
        let e = check(&f).err().unwrap();
        assert_eq!(e.fields().len(), 1);
        assert_eq!(e.fields()[0].field, "level3");
    }

    #[test]
    fn national_codes_are_refused_and_indicators_are_cleaned() {
        let mut f = form();
        f.code = "M.9".into();
        assert_eq!(check(&f).err().unwrap().fields()[0].field, "code");
        let v = check(&form()).unwrap();
        assert_eq!(v.code, "T.1");
        assert_eq!(v.levels[0].1, vec!["satu".to_string(), "dua".to_string()]);
    }
}
