//! Services of the people domain. Reads are scoped: HR sees its agency, a supervisor
//! their direct subordinates, a unit leader their units, everyone themself. Writes
//! are HR's alone.

pub mod employee_detail;
pub mod employee_list;
pub mod employees;
pub mod import;
pub mod login;
pub mod overview;
pub mod placement;
pub mod positions;
pub mod profile;
pub mod supervision;
pub mod supervisor_choice;
pub mod supervisors;

use crate::auth::model::Actor;
use crate::error::AppError;
use crate::server::entities::employee;
use sea_orm::{ConnectionTrait, EntityTrait};

/// The employee `id`, if the actor may read their record: NotFound when there is
/// none, Forbidden when the actor may not (see `can_view`).
pub async fn viewable(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<employee::Model, AppError> {
    let e = employee::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !can_view(db, actor, &e).await? {
        return Err(AppError::Forbidden);
    }
    Ok(e)
}

/// Whether the actor may read this employee's record: themself, HR of the agency,
/// the employee's current supervisor, or a leader of a unit above the employee.
async fn can_view(
    db: &impl ConnectionTrait,
    actor: &Actor,
    e: &employee::Model,
) -> Result<bool, AppError> {
    if actor.employee_id == Some(e.id) || actor.is_hr_of(e.agency_id) {
        return Ok(true);
    }
    if actor.agency_id != Some(e.agency_id) {
        return Ok(false);
    }
    if let Some(me) = actor.employee_id {
        if supervision::supervisor_of(db, e)
            .await?
            .is_some_and(|(s, _)| s == me)
        {
            return Ok(true);
        }
    }
    let led = actor.led_units(e.agency_id);
    if !led.is_empty() {
        if let Some(a) = supervision::current_assignment(db, e.id).await? {
            let chain = supervision::unit_chain(db, a.unit_id).await?;
            return Ok(chain.iter().any(|u| led.contains(u)));
        }
    }
    Ok(false)
}
