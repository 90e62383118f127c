//! Who may do what with a standard: HR of its agency, its participants (holders of
//! the position and leaders of units where it is held), or any reader.

use super::Row;
use crate::auth::model::Actor;
use crate::competency::model::StandardRights;
use crate::competency::rules::{StandardAction, StandardStatus};
use crate::error::AppError;
use crate::org::service::units_under;
use crate::people::service::supervision::current_assignment;
use crate::server::entities::assignment;
use sea_orm::{ColumnTrait, ConnectionTrait, PaginatorTrait, QueryFilter};

/// How the actor stands to a standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Hr,
    /// Holds the position, or leads a unit where someone holds it.
    Participant,
    /// Anyone else (ratified standards only).
    Reader,
}

pub async fn access(db: &impl ConnectionTrait, actor: &Actor, s: &Row) -> Result<Access, AppError> {
    if actor.is_hr_of(s.agency_id) {
        return Ok(Access::Hr);
    }
    if actor.agency_id != Some(s.agency_id) {
        return Ok(Access::Reader);
    }
    if let Some(me) = actor.employee_id {
        if current_assignment(db, me)
            .await?
            .is_some_and(|a| a.position_id == s.position_id)
        {
            return Ok(Access::Participant);
        }
    }
    let led = actor.led_units(s.agency_id);
    if !led.is_empty() {
        // One query, not one unit chain per unit where the position is held.
        let units = units_under(db, s.agency_id, &led).await?;
        let held = assignment::Entity::current()
            .filter(assignment::Column::PositionId.eq(s.position_id))
            .filter(assignment::Column::UnitId.is_in(units))
            .count(db)
            .await?;
        if held > 0 {
            return Ok(Access::Participant);
        }
    }
    Ok(Access::Reader)
}

/// What the access allows on a standard in its state; None: may not read it at all.
pub fn rights(access: Option<Access>, status: StandardStatus) -> Option<StandardRights> {
    use StandardStatus::*;
    let published = matches!(status, Ratified | Superseded);
    match access {
        Some(Access::Hr) => Some(StandardRights {
            edit: status.allows(StandardAction::Edit),
            comment: false,
            answer: status == Open,
            read_comments: true,
            revise: status.allows(StandardAction::Revise),
        }),
        Some(Access::Participant) if status == Open || published => Some(StandardRights {
            comment: status.allows(StandardAction::Comment),
            read_comments: status == Open,
            ..Default::default()
        }),
        _ if published => Some(StandardRights::default()),
        _ => None,
    }
}
