//! A programme's page: its details for everyone of the agency; the people in it
//! (with attendance, result and certificate) for HR only.

use super::catalogue::{competencies, member_agency, programme_in, rows};
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::server::entities::{assignment, by_ids, certificate, employee, enrolment, unit};
use crate::server::Db;
use crate::training::model::{Participant, ProgrammeDetail, ProgrammeForm, ProgrammeRow};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::{HashMap, HashSet};

async fn participants(
    db: &impl ConnectionTrait,
    programme_id: i32,
) -> Result<Vec<Participant>, AppError> {
    let rows = enrolment::Entity::find()
        .filter(enrolment::Column::ProgrammeId.eq(programme_id))
        .order_by_asc(enrolment::Column::Id)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let with_file: HashSet<i32> = certificate::Entity::find()
        .select_only()
        .column(certificate::Column::EnrolmentId)
        .filter(certificate::Column::EnrolmentId.is_in(ids))
        .into_tuple::<i32>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let people = by_ids::<employee::Model>(db, rows.iter().map(|r| r.employee_id)).await?;
    // Where each works now: one read for all of them, not one per person.
    let placed: HashMap<i32, i32> = assignment::Entity::current()
        .select_only()
        .columns([assignment::Column::EmployeeId, assignment::Column::UnitId])
        .filter(assignment::Column::EmployeeId.is_in(people.keys().copied()))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let units = by_ids::<unit::Model>(db, placed.values().copied()).await?;
    let mut out = vec![];
    for r in rows {
        let Some(p) = people.get(&r.employee_id) else {
            continue;
        };
        let unit = placed
            .get(&p.id)
            .and_then(|u| units.get(u))
            .map(|u| u.name.clone());
        out.push(Participant {
            enrolment_id: r.id,
            employee_id: p.id,
            nip: p.nip.clone(),
            name: p.name.clone(),
            unit: unit.unwrap_or_default(),
            status: r.status,
            by_hr: r.by_hr,
            attendance: r.attendance,
            certificate_no: r.certificate_no,
            certificate_file: with_file.contains(&r.id),
            completed_on: r.completed_on.map(|d| d.to_string()),
            jp: r.jp,
            note: r.note,
        });
    }
    Ok(out)
}

pub async fn detail(db: &Db, actor: &Actor, id: i32) -> Result<ProgrammeDetail, AppError> {
    let agency = member_agency(actor)?;
    let manage = actor.hr_agency() == Some(agency);
    let p = programme_in(db, agency, id).await?;
    if !p.active && !manage {
        return Err(AppError::NotFound);
    }
    let row = rows(db, vec![p], actor.employee_id)
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    Ok(ProgrammeDetail {
        form: form_of(&row),
        manage,
        competencies: if manage {
            competencies(db, agency).await?
        } else {
            vec![]
        },
        participants: if manage {
            participants(db, id).await?
        } else {
            vec![]
        },
        programme: row,
    })
}

/// The form as the programme stands (for editing).
pub fn form_of(p: &ProgrammeRow) -> ProgrammeForm {
    ProgrammeForm {
        code: p.code.clone(),
        name: p.name.clone(),
        jp: p.jp.to_string(),
        mode: p.mode.code().into(),
        provider: p.provider.clone(),
        starts_on: p.starts_on.clone(),
        ends_on: p.ends_on.clone(),
        capacity: p.capacity.to_string(),
        for_assessors: p.for_assessors.then(|| "on".into()),
        builds: p
            .builds
            .iter()
            .map(|b| format!("{}:{}", b.competency_id, b.level))
            .collect(),
    }
}
