//! The catalogue: every member of the agency reads it (with their own enrolment
//! beside each programme); HR adds and edits programmes, by the form or a CSV file
//! (`import.rs`).

use crate::audit::service::{self as audit, Audited};
use crate::auth::model::Actor;
use crate::competency::service::dictionary::usable_by;
use crate::error::{AppError, FieldError};
use crate::i18n::K;
use crate::server::entities::{competency, enrolment, programme, programme_competency as pc};
use crate::server::{write_tx, Db};
use crate::training::input::{parse_programme, ValidProgramme};
use crate::training::model::{Builds, Catalogue, EnrolStatus, ProgrammeForm, ProgrammeRow};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TryIntoModel,
};
use serde_json::json;
use std::collections::HashMap;

impl Audited for programme::Model {
    const ENTITY: &'static str = "programme";
    fn snapshot(&self) -> serde_json::Value {
        json!({ "code": self.code, "name": self.name, "jp": self.jp, "mode": self.mode.code(),
                "provider": self.provider, "starts_on": self.starts_on, "ends_on": self.ends_on,
                "capacity": self.capacity, "for_assessors": self.for_assessors, "active": self.active })
    }
}

/// The agency the reader belongs to (anyone with an employee record, or HR).
pub fn member_agency(actor: &Actor) -> Result<i32, AppError> {
    actor
        .hr_agency()
        .or(actor.agency_id)
        .ok_or(AppError::Forbidden)
}

/// The competencies a programme may build: (id, code, name), national first.
pub async fn competencies(
    db: &impl ConnectionTrait,
    agency: i32,
) -> Result<Vec<(i32, String, String)>, AppError> {
    Ok(usable_by(agency)
        .select_only()
        .columns([
            competency::Column::Id,
            competency::Column::Code,
            competency::Column::Name,
        ])
        .order_by_asc(competency::Column::Code)
        .into_tuple()
        .all(db)
        .await?)
}

/// What each programme builds, by programme.
pub async fn builds_of(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<HashMap<i32, Vec<Builds>>, AppError> {
    let rows: Vec<(i32, i32, i16, String, String)> = pc::Entity::find()
        .select_only()
        .columns([
            pc::Column::ProgrammeId,
            pc::Column::CompetencyId,
            pc::Column::Level,
        ])
        .column(competency::Column::Code)
        .column(competency::Column::Name)
        .inner_join(competency::Entity)
        .filter(pc::Column::ProgrammeId.is_in(ids.iter().copied()))
        .order_by_asc(competency::Column::Code)
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<i32, Vec<Builds>> = HashMap::new();
    for (p, competency_id, level, code, name) in rows {
        out.entry(p).or_default().push(Builds {
            competency_id,
            code,
            name,
            level,
        });
    }
    Ok(out)
}

/// Seats taken per programme.
async fn taken(db: &impl ConnectionTrait, ids: &[i32]) -> Result<HashMap<i32, i64>, AppError> {
    let seats: Vec<EnrolStatus> = EnrolStatus::ALL
        .into_iter()
        .filter(|s| s.takes_seat())
        .collect();
    let rows: Vec<(i32, i64)> = enrolment::Entity::find()
        .select_only()
        .column(enrolment::Column::ProgrammeId)
        .column_as(enrolment::Column::Id.count(), "n")
        .filter(enrolment::Column::ProgrammeId.is_in(ids.iter().copied()))
        .filter(enrolment::Column::Status.is_in(seats))
        .group_by(enrolment::Column::ProgrammeId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

/// Programmes as lists show them, with the reader's own enrolment (`mine`).
pub async fn rows(
    db: &impl ConnectionTrait,
    programmes: Vec<programme::Model>,
    reader: Option<i32>,
) -> Result<Vec<ProgrammeRow>, AppError> {
    let ids: Vec<i32> = programmes.iter().map(|p| p.id).collect();
    let (mut builds, taken) = (builds_of(db, &ids).await?, taken(db, &ids).await?);
    let mine: HashMap<i32, EnrolStatus> = match reader {
        Some(e) => enrolment::Entity::find()
            .select_only()
            .columns([enrolment::Column::ProgrammeId, enrolment::Column::Status])
            .filter(enrolment::Column::EmployeeId.eq(e))
            .into_tuple::<(i32, EnrolStatus)>()
            .all(db)
            .await?
            .into_iter()
            .collect(),
        None => HashMap::new(),
    };
    Ok(programmes
        .into_iter()
        .map(|p| ProgrammeRow {
            builds: builds.remove(&p.id).unwrap_or_default(),
            taken: taken.get(&p.id).copied().unwrap_or(0),
            mine: mine.get(&p.id).copied(),
            open: p.active && p.ends_on >= crate::server::db::today(),
            id: p.id,
            code: p.code,
            name: p.name,
            jp: p.jp,
            mode: p.mode,
            provider: p.provider,
            starts_on: p.starts_on.to_string(),
            ends_on: p.ends_on.to_string(),
            capacity: p.capacity,
            for_assessors: p.for_assessors,
            active: p.active,
        })
        .collect())
}

pub async fn catalogue(db: &Db, actor: &Actor) -> Result<Catalogue, AppError> {
    let agency = member_agency(actor)?;
    let manage = actor.hr_agency() == Some(agency);
    let mut q = programme::Entity::find().filter(programme::Column::AgencyId.eq(agency));
    if !manage {
        q = q.filter(programme::Column::Active.eq(true));
    }
    let list = q
        .order_by_desc(programme::Column::StartsOn)
        .order_by_asc(programme::Column::Name)
        .all(db)
        .await?;
    Ok(Catalogue {
        programmes: rows(db, list, actor.employee_id).await?,
        manage,
        ask: actor.employee_id.is_some(),
        competencies: if manage {
            competencies(db, agency).await?
        } else {
            vec![]
        },
    })
}

/// A programme of the reader's agency (NotFound for another's).
pub async fn programme_in(
    db: &impl ConnectionTrait,
    agency: i32,
    id: i32,
) -> Result<programme::Model, AppError> {
    programme::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|p| p.agency_id == agency)
        .ok_or(AppError::NotFound)
}

/// Refuses a code another programme of the agency has, a competency the agency
/// may not use, or fewer seats than are taken.
async fn check(
    db: &impl ConnectionTrait,
    agency: i32,
    id: Option<i32>,
    v: &ValidProgramme,
) -> Result<(), AppError> {
    let field = |f: &str, k: K| AppError::Validation(vec![FieldError::new(f, k)]);
    let same_code = programme::Entity::find()
        .filter(programme::Column::AgencyId.eq(agency))
        .filter(programme::Column::Code.eq(v.code.clone()))
        .one(db)
        .await?;
    if same_code.is_some_and(|p| Some(p.id) != id) {
        return Err(field("code", K::ErrCodeTaken));
    }
    let usable: Vec<i32> = competencies(db, agency)
        .await?
        .into_iter()
        .map(|c| c.0)
        .collect();
    if v.builds.iter().any(|b| !usable.contains(&b.0)) {
        return Err(field("builds", K::ErrCompetencyUnknown));
    }
    let taken = match id {
        Some(id) => taken(db, &[id]).await?.get(&id).copied().unwrap_or(0),
        None => 0,
    };
    if i64::from(v.capacity) < taken {
        let e = FieldError::new("capacity", K::ErrTrCapacityTaken).with("taken", taken);
        return Err(AppError::Validation(vec![e]));
    }
    Ok(())
}

/// Writes a checked programme (new when `before` is None) and what it builds.
pub async fn save(
    tx: &impl ConnectionTrait,
    agency: i32,
    before: Option<&programme::Model>,
    v: ValidProgramme,
) -> Result<programme::Model, AppError> {
    check(tx, agency, before.map(|b| b.id), &v).await?;
    let mut m: programme::ActiveModel = match before {
        Some(b) => b.clone().into(),
        None => programme::ActiveModel {
            agency_id: Set(agency),
            active: Set(true),
            ..Default::default()
        },
    };
    m.code = Set(v.code);
    m.name = Set(v.name);
    m.jp = Set(v.jp);
    m.mode = Set(v.mode);
    m.provider = Set(v.provider);
    m.starts_on = Set(v.starts_on);
    m.ends_on = Set(v.ends_on);
    m.capacity = Set(v.capacity);
    m.for_assessors = Set(v.for_assessors);
    let saved = m.save(tx).await?;
    let p: programme::Model = saved.try_into_model()?;
    pc::Entity::delete_many()
        .filter(pc::Column::ProgrammeId.eq(p.id))
        .exec(tx)
        .await?;
    pc::Entity::insert_many(v.builds.iter().map(|&(c, level)| pc::ActiveModel {
        agency_id: Set(agency),
        programme_id: Set(p.id),
        competency_id: Set(c),
        level: Set(level),
        ..Default::default()
    }))
    .exec(tx)
    .await?;
    Ok(p)
}

pub async fn create(db: &Db, actor: &Actor, form: &ProgrammeForm) -> Result<i32, AppError> {
    let agency = actor.hr_agency().ok_or(AppError::Forbidden)?;
    let v = parse_programme(form)?;
    let tx = write_tx(db).await?;
    let p = save(&tx, agency, None, v).await?;
    audit::commit_created(tx, actor, &p, json!({ "builds": form.builds })).await?;
    Ok(p.id)
}

pub async fn update(db: &Db, actor: &Actor, id: i32, form: &ProgrammeForm) -> Result<(), AppError> {
    let agency = actor.hr_agency().ok_or(AppError::Forbidden)?;
    let v = parse_programme(form)?;
    let tx = write_tx(db).await?;
    let before = programme_in(&tx, agency, id).await?;
    let after = save(&tx, agency, Some(&before), v).await?;
    audit::commit_updated(
        tx,
        actor,
        (&before, &after),
        json!({ "builds": form.builds }),
    )
    .await?;
    Ok(())
}
