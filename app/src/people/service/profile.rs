//! The profile page: position, unit, supervisor and direct subordinates.

use crate::auth::model::Actor;
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::people::model::Profile;
use crate::people::nip::Nip;
use crate::people::service::employee_detail::{person_refs, supervisor_view};
use crate::people::service::{can_view, supervision};
use crate::server::entities::{agency, employee, position, unit};
use crate::server::Db;
use sea_orm::EntityTrait;

/// Subordinates listed on one profile at most (a large unit's head sees a link to the
/// unit's list instead of thousands of names).
const MAX_SUBORDINATES: usize = 200;

pub async fn profile(
    db: &Db,
    actor: &Actor,
    employee_id: Option<i32>,
) -> Result<Profile, AppError> {
    let id = match employee_id.or(actor.employee_id) {
        Some(id) => id,
        None => return Err(AppError::Conflict(Msg::new(K::ErrNoEmployeeRecord))),
    };
    let e = employee::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !can_view(db, actor, &e).await? {
        return Err(AppError::Forbidden);
    }
    let agency_name = agency::Entity::find_by_id(e.agency_id)
        .one(db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let current = supervision::current_assignment(db, e.id).await?;
    let mut unit_path = vec![];
    let (mut position_name, mut job_level) = (None, None);
    if let Some(a) = &current {
        for u in supervision::unit_chain(db, a.unit_id)
            .await?
            .into_iter()
            .rev()
        {
            if let Some(u) = unit::Entity::find_by_id(u).one(db).await? {
                unit_path.push(u.name);
            }
        }
        if let Some(p) = position::Entity::find_by_id(a.position_id).one(db).await? {
            position_name = Some(p.name);
            job_level = Some(p.job_level);
        }
    }
    let mut staff = supervision::subordinates_of(db, e.id).await?;
    staff.truncate(MAX_SUBORDINATES);
    let mut subordinates = person_refs(db, &staff).await?;
    subordinates.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Profile {
        employee_id: e.id,
        nip: Nip::parse(&e.nip)
            .map(|n| n.grouped())
            .unwrap_or(e.nip.clone()),
        supervisor: supervisor_view(db, &e).await?,
        name: e.name,
        sex: e.sex,
        status: e.status,
        active: e.active,
        agency_name,
        unit_path,
        position_name,
        job_level,
        is_head: current.as_ref().is_some_and(|a| a.is_head),
        since: current.map(|a| a.start_date.to_string()),
        subordinates,
    })
}
