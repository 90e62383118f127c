//! Reading one employee: who they are, where they worked (every assignment, latest
//! first), who supervises them and how that was decided over time.

use crate::auth::model::Actor;
use crate::error::AppError;
use crate::org::service::hr_row;
use crate::people::model::*;
use crate::people::service::supervision;
use crate::server::entities::{assignment, by_ids, employee, position, supervisor_link, unit};
use crate::server::Db;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use std::collections::HashMap;

/// Someone named on a page: name, NIP and current position.
pub async fn person_ref(db: &impl ConnectionTrait, id: i32) -> Result<Option<PersonRef>, AppError> {
    Ok(person_refs(db, &[id]).await?.remove(&id))
}

/// The people among `ids`, by id, in three queries however many.
pub async fn person_refs(
    db: &impl ConnectionTrait,
    ids: &[i32],
) -> Result<HashMap<i32, PersonRef>, AppError> {
    let people = by_ids::<employee::Model>(db, ids.iter().copied()).await?;
    let placed: HashMap<i32, i32> = assignment::Entity::current()
        .filter(assignment::Column::EmployeeId.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.employee_id, a.position_id))
        .collect();
    let positions = by_ids::<position::Model>(db, placed.values().copied()).await?;
    Ok(people
        .into_values()
        .map(|e| {
            let position_name = placed.get(&e.id).and_then(|p| positions.get(p));
            let person = PersonRef {
                position_name: position_name.map(|p| p.name.clone()),
                id: e.id,
                name: e.name,
                nip: e.nip,
            };
            (person.id, person)
        })
        .collect())
}

/// Every assignment of an employee, latest first.
pub async fn assignment_history(
    db: &impl ConnectionTrait,
    employee_id: i32,
) -> Result<Vec<AssignmentView>, AppError> {
    let rows = assignment::Entity::find()
        .filter(assignment::Column::EmployeeId.eq(employee_id))
        .order_by_desc(assignment::Column::StartDate)
        .order_by_desc(assignment::Column::Id)
        .all(db)
        .await?;
    let units = by_ids::<unit::Model>(db, rows.iter().map(|a| a.unit_id)).await?;
    let positions = by_ids::<position::Model>(db, rows.iter().map(|a| a.position_id)).await?;
    Ok(rows
        .into_iter()
        .filter_map(|a| {
            let (u, p) = (units.get(&a.unit_id)?, positions.get(&a.position_id)?);
            Some(AssignmentView {
                unit_id: a.unit_id,
                unit_name: u.name.clone(),
                position_id: a.position_id,
                position_name: p.name.clone(),
                job_level: p.job_level,
                is_head: a.is_head,
                start_date: a.start_date.to_string(),
                end_date: a.end_date.map(|d| d.to_string()),
            })
        })
        .collect())
}

pub async fn supervisor_view(
    db: &impl ConnectionTrait,
    e: &employee::Model,
) -> Result<Option<SupervisorView>, AppError> {
    let Some((id, src)) = supervision::supervisor_of(db, e).await? else {
        return Ok(None);
    };
    Ok(person_ref(db, id).await?.map(|person| SupervisorView {
        person,
        set_by_hr: src == crate::people::supervision::Source::SetByHr,
    }))
}

pub async fn get_employee(db: &Db, actor: &Actor, id: i32) -> Result<EmployeeDetail, AppError> {
    let e = hr_row::<employee::Entity>(db, actor, id).await?;
    let history = assignment_history(db, e.id).await?;
    let links = supervisor_link::Entity::find()
        .filter(supervisor_link::Column::EmployeeId.eq(e.id))
        .order_by_desc(supervisor_link::Column::ValidFrom)
        .all(db)
        .await?;
    let named: Vec<i32> = links.iter().filter_map(|l| l.supervisor_id).collect();
    let people = person_refs(db, &named).await?;
    let supervisor_links = links
        .into_iter()
        .map(|l| SupervisorLinkView {
            supervisor: l.supervisor_id.and_then(|s| people.get(&s).cloned()),
            reason: l.reason,
            valid_from: l.valid_from.format("%Y-%m-%d %H:%M").to_string(),
            valid_to: l.valid_to.map(|t| t.format("%Y-%m-%d %H:%M").to_string()),
        })
        .collect();
    Ok(EmployeeDetail {
        supervisor: supervisor_view(db, &e).await?,
        current: history.iter().find(|a| a.end_date.is_none()).cloned(),
        history,
        supervisor_links,
        id: e.id,
        nip: e.nip,
        name: e.name,
        sex: e.sex,
        status: e.status,
        active: e.active,
    })
}
