//! The profile page: position, unit, supervisor and direct subordinates.

use crate::auth::model::Actor;
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::people::model::Profile;
use crate::people::nip::Nip;
use crate::people::service::employee_detail::{person_refs, supervisor_view};
use crate::people::service::{supervision, viewable};
use crate::server::entities::{agency, by_ids, position, unit};
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
    let e = viewable(db, actor, id).await?;
    let agency_name = agency::Entity::find_by_id(e.agency_id)
        .one(db)
        .await?
        .map(|a| a.name)
        .unwrap_or_default();
    let current = supervision::current_assignment(db, e.id).await?;
    let (unit_path, position) = match &current {
        Some(a) => (
            path(db, a.unit_id).await?,
            position::Entity::find_by_id(a.position_id).one(db).await?,
        ),
        None => (vec![], None),
    };
    let (position_name, job_level) = match position {
        Some(p) => (Some(p.name), Some(p.job_level)),
        None => (None, None),
    };
    let mut staff = supervision::subordinates_of(db, e.id).await?;
    staff.truncate(MAX_SUBORDINATES);
    let mut subordinates: Vec<_> = person_refs(db, &staff).await?.into_values().collect();
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

/// The names of a unit and the units above it, from the top down.
async fn path(db: &Db, unit_id: i32) -> Result<Vec<String>, AppError> {
    let chain = supervision::unit_chain(db, unit_id).await?;
    let mut units = by_ids::<unit::Model>(db, chain.iter().copied()).await?;
    Ok(chain
        .iter()
        .rev()
        .filter_map(|u| Some(units.remove(u)?.name))
        .collect())
}
