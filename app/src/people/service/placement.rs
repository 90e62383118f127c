//! Where an employee works: checking a unit, position and headship against the
//! database, and moving someone (ending the current assignment, starting the next),
//! so history is kept. Shared by the employee form and the CSV import.

use crate::error::{AppError, FieldError};
use crate::i18n::K;
use crate::people::input::ValidEmployee;
use crate::people::service::supervision;
use crate::server::db;
use crate::server::entities::{assignment, employee, position, unit};
use chrono::NaiveDate;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};

/// Unit, position and whether the employee heads the unit.
pub type Placement = (i32, i32, bool);

/// Checks unit, position and headship against the database: every problem as a
/// field error.
pub async fn check_placement(
    db: &impl ConnectionTrait,
    agency: i32,
    employee_id: Option<i32>,
    (unit_id, position_id, is_head): Placement,
) -> Result<(), AppError> {
    let mut errs = vec![];
    let unit = unit::Entity::find_by_id(unit_id).one(db).await?;
    if !unit.is_some_and(|u| u.agency_id == agency && u.active) {
        errs.push(FieldError::new("unit_id", K::ErrChoice));
    }
    let pos = position::Entity::find_by_id(position_id).one(db).await?;
    match pos.filter(|p| p.agency_id == agency && p.active) {
        None => errs.push(FieldError::new("position_id", K::ErrChoice)),
        Some(p) if is_head && !p.job_level.can_head_unit() => {
            errs.push(FieldError::new("is_head", K::ErrHeadNeedsStructural));
        }
        _ => {}
    }
    if is_head && errs.is_empty() {
        let head = assignment::Entity::current()
            .filter(assignment::Column::UnitId.eq(unit_id))
            .filter(assignment::Column::IsHead.eq(true))
            .one(db)
            .await?;
        if head.is_some_and(|h| Some(h.employee_id) != employee_id) {
            errs.push(FieldError::new("is_head", K::ErrUnitHasHead));
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errs))
    }
}

/// A NIP is unique nationally: taken in this agency or in another one.
pub async fn check_nip_free(
    db: &impl ConnectionTrait,
    nip: &str,
    except: Option<i32>,
) -> Result<(), AppError> {
    let found = employee::Entity::find()
        .filter(employee::Column::Nip.eq(nip))
        .one(db)
        .await?;
    if found.is_some_and(|e| Some(e.id) != except) {
        return Err(AppError::field("nip", K::ErrNipTaken));
    }
    Ok(())
}

/// The unit and position a form must name.
pub fn require_placement(v: &ValidEmployee) -> Result<Placement, AppError> {
    let mut errs = vec![];
    if v.unit_id.is_none() {
        errs.push(FieldError::new("unit_id", K::ErrRequired));
    }
    if v.position_id.is_none() {
        errs.push(FieldError::new("position_id", K::ErrRequired));
    }
    match (v.unit_id, v.position_id) {
        (Some(u), Some(p)) => Ok((u, p, v.is_head)),
        _ => Err(AppError::Validation(errs)),
    }
}

/// When the new assignment starts: the form's date, or today.
pub fn start_date(v: &ValidEmployee) -> NaiveDate {
    v.start_date
        .as_deref()
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(db::today)
}

/// Opens a new current assignment (the caller ends the previous one).
pub async fn start_assignment(
    db: &impl ConnectionTrait,
    agency: i32,
    employee_id: i32,
    (unit_id, position_id, is_head): Placement,
    start: NaiveDate,
) -> Result<(), AppError> {
    assignment::ActiveModel {
        agency_id: Set(agency),
        employee_id: Set(employee_id),
        position_id: Set(position_id),
        unit_id: Set(unit_id),
        is_head: Set(is_head),
        start_date: Set(start),
        end_date: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Moves an employee when unit, position or headship changed; returns whether it did.
pub async fn move_if_changed(
    db: &impl ConnectionTrait,
    agency: i32,
    employee_id: i32,
    placement: Placement,
    start: NaiveDate,
) -> Result<bool, AppError> {
    let current = supervision::current_assignment(db, employee_id).await?;
    if current
        .as_ref()
        .is_some_and(|a| (a.unit_id, a.position_id, a.is_head) == placement)
    {
        return Ok(false);
    }
    if let Some(a) = current {
        let end = if start > a.start_date {
            start
        } else {
            db::today().max(a.start_date)
        };
        let mut m: assignment::ActiveModel = a.into();
        m.end_date = Set(Some(end));
        m.update(db).await?;
    }
    start_assignment(db, agency, employee_id, placement, start).await?;
    Ok(true)
}
