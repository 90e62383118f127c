//! HR's changes to units: create, edit, move (never below itself), deactivate (only
//! when nothing would be orphaned), reactivate.

use super::{all_units, hr_agency, hr_unit, nodes, staff_counts};
use crate::audit::service::{self as audit, By};
use crate::auth::model::Actor;
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::org::input::{parse_unit, ValidUnit};
use crate::org::model::UnitForm;
use crate::org::rules;
use crate::server::entities::unit;
use crate::server::{db, write_tx, Db};
use sea_orm::{ActiveModelTrait, ConnectionTrait, EntityTrait, Set};
use serde_json::json;

async fn check_unit(
    db: &impl ConnectionTrait,
    agency: i32,
    unit_id: Option<i32>,
    v: &ValidUnit,
) -> Result<(), AppError> {
    let units = all_units(db, agency).await?;
    if units
        .iter()
        .any(|u| u.code == v.code && Some(u.id) != unit_id)
    {
        return Err(AppError::field("code", K::ErrCodeTaken));
    }
    rules::check_parent(&nodes(&units), unit_id, v.parent_id)
        .map_err(|e| AppError::Validation(vec![e]))
}

fn snapshot(u: &unit::Model) -> serde_json::Value {
    json!({ "code": u.code, "name": u.name, "kind": u.kind, "parent_id": u.parent_id, "active": u.active })
}

pub async fn create_unit(db: &Db, actor: &Actor, form: &UnitForm) -> Result<i32, AppError> {
    let agency = hr_agency(actor)?;
    let v = parse_unit(form)?;
    let tx = write_tx(db).await?;
    check_unit(&tx, agency, None, &v).await?;
    let now = db::now();
    let m = unit::ActiveModel {
        agency_id: Set(agency),
        parent_id: Set(v.parent_id),
        code: Set(v.code),
        name: Set(v.name),
        kind: Set(v.kind),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::change(
        &tx,
        actor,
        agency,
        "create",
        "unit",
        m.id,
        json!({ "after": snapshot(&m) }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(m.id)
}

pub async fn update_unit(db: &Db, actor: &Actor, id: i32, form: &UnitForm) -> Result<(), AppError> {
    let v = parse_unit(form)?;
    let tx = write_tx(db).await?;
    let before = hr_unit(&tx, actor, id).await?;
    check_unit(&tx, before.agency_id, Some(id), &v).await?;
    let mut m: unit::ActiveModel = before.clone().into();
    m.code = Set(v.code);
    m.name = Set(v.name);
    m.kind = Set(v.kind);
    m.parent_id = Set(v.parent_id);
    m.updated_at = Set(db::now());
    let after = m.update(&tx).await?;
    audit::change(
        &tx,
        actor,
        before.agency_id,
        "update",
        "unit",
        id,
        json!({ "before": snapshot(&before), "after": snapshot(&after) }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}

/// Deactivates (or reactivates) a unit. A unit that still has active units below it
/// or people assigned to it cannot be deactivated: they would be orphaned.
pub async fn set_unit_active(
    db: &Db,
    actor: &Actor,
    id: i32,
    active: bool,
) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let before = hr_unit(&tx, actor, id).await?;
    if !active {
        let units = all_units(&tx, before.agency_id).await?;
        if units.iter().any(|u| u.parent_id == Some(id) && u.active) {
            return Err(AppError::Conflict(Msg::new(K::ErrUnitHasChildren)));
        }
        let staff = staff_counts(&tx, before.agency_id)
            .await?
            .get(&id)
            .copied()
            .unwrap_or(0);
        if staff > 0 {
            return Err(AppError::Conflict(
                Msg::new(K::ErrUnitHasStaff).with("count", staff),
            ));
        }
    } else if let Some(p) = before.parent_id {
        let parent = unit::Entity::find_by_id(p).one(&tx).await?;
        if parent.is_some_and(|p| !p.active) {
            return Err(AppError::Conflict(Msg::new(K::ErrUnitParentInactive)));
        }
    }
    let mut m: unit::ActiveModel = before.clone().into();
    m.active = Set(active);
    m.updated_at = Set(db::now());
    m.update(&tx).await?;
    audit::record_toggle(
        &tx,
        &By::from(actor),
        before.agency_id,
        "unit",
        id,
        before.active,
        active,
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}
