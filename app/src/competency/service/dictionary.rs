//! The competency dictionary: national rows (read-only for agencies) and the
//! agency's technical competencies, which HR writes with five level descriptions.

use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::competency::model::{Competency, LevelText, TechnicalForm};
use crate::error::{AppError, FieldError, Problems};
use crate::i18n::K;
use crate::org::service::{hr_agency, id_list};
use crate::server::{db, sql, write_tx, Db};
use sea_orm::ConnectionTrait;
use serde_json::json;
use std::collections::HashMap;

/// Level texts of the given competencies, by competency id.
pub async fn levels_of(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<HashMap<i32, Vec<LevelText>>, AppError> {
    let mut out: HashMap<i32, Vec<LevelText>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    let list = id_list(ids);
    let rows = sql::all(
        db,
        &format!(
            "SELECT competency_id, level, description, indicators FROM competency_levels \
             WHERE competency_id IN ({list}) ORDER BY competency_id, level"
        ),
        vec![],
    )
    .await?;
    for r in rows {
        let id: i32 = sql::get(&r, "competency_id")?;
        let indicators: String = sql::get(&r, "indicators")?;
        out.entry(id).or_default().push(LevelText {
            level: sql::get::<i16>(&r, "level")? as u8,
            description: sql::get(&r, "description")?,
            indicators: serde_json::from_str(&indicators).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The national competencies and the agency's own, national first.
pub async fn competencies(
    db: &impl ConnectionTrait,
    agency: i32,
) -> Result<Vec<Competency>, AppError> {
    let rows = sql::all(
        db,
        "SELECT id, agency_id, code, grp, name, definition FROM competencies \
         WHERE active AND (agency_id IS NULL OR agency_id = $1) \
         ORDER BY CASE WHEN agency_id IS NULL THEN 0 ELSE 1 END, id",
        vec![agency.into()],
    )
    .await?;
    let ids: Vec<i32> = rows.iter().filter_map(|r| sql::get(r, "id").ok()).collect();
    let mut levels = levels_of(db, &ids).await?;
    rows.iter()
        .map(|r| {
            let id: i32 = sql::get(r, "id")?;
            Ok(Competency {
                id,
                code: sql::get(r, "code")?,
                group: sql::get(r, "grp")?,
                name: sql::get(r, "name")?,
                definition: sql::get(r, "definition")?,
                national: sql::get::<Option<i32>>(r, "agency_id")?.is_none(),
                levels: levels.remove(&id).unwrap_or_default(),
            })
        })
        .collect()
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
    let name = form.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 150 {
        p.add(FieldError::new("name", K::ErrRequired));
    }
    let definition = form.definition.trim().to_string();
    if definition.is_empty() {
        p.add(FieldError::new("definition", K::ErrRequired));
    }
    let mut levels = Vec::new();
    for (i, d) in form.levels.iter().enumerate() {
        let d = d.trim().to_string();
        if d.is_empty() {
            p.add(
                FieldError::new(&format!("level{}", i + 1), K::ErrLevelDescription)
                    .with("level", i + 1),
            );
        }
        let ind: Vec<String> = form.indicators[i]
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
    let taken = sql::one(
        &tx,
        "SELECT id FROM competencies WHERE agency_id = $1 AND code = $2",
        vec![agency.into(), v.code.clone().into()],
    )
    .await?;
    if taken.is_some() {
        return Err(AppError::field("code", K::ErrCodeTaken));
    }
    let row = sql::one(
        &tx,
        "INSERT INTO competencies (agency_id, code, grp, name, definition, active, created_at) \
         VALUES ($1, $2, 'teknis', $3, $4, $5, $6) RETURNING id",
        vec![
            agency.into(),
            v.code.clone().into(),
            v.name.clone().into(),
            v.definition.clone().into(),
            true.into(),
            db::now().into(),
        ],
    )
    .await?
    .ok_or_else(|| AppError::from(sea_orm::DbErr::RecordNotInserted))?;
    let id: i32 = sql::get(&row, "id")?;
    for (i, (d, ind)) in v.levels.iter().enumerate() {
        sql::exec(
            &tx,
            "INSERT INTO competency_levels (competency_id, level, description, indicators) VALUES ($1, $2, $3, $4)",
            vec![
                id.into(),
                (i as i16 + 1).into(),
                d.clone().into(),
                serde_json::to_string(ind).unwrap_or_else(|_| "[]".into()).into(),
            ],
        )
        .await?;
    }
    audit::change(
        &tx,
        actor,
        agency,
        "create",
        "competency",
        id,
        json!({ "after": { "code": v.code, "name": v.name, "levels": v.levels } }),
    )
    .await?;
    crate::server::commit(tx).await?;
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
            levels: std::array::from_fn(|i| format!("Level {}", i + 1)),
            indicators: std::array::from_fn(|_| "- satu\n\n• dua".into()),
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
