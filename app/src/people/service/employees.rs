//! Employees of an agency (the list is in `employee_list`, the record in
//! `employee_detail`): create, edit (a change of unit or position ends the current
//! assignment and starts a new one, so history is kept), deactivate.

use crate::audit::service::{self as audit, By};
use crate::auth::model::Actor;
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::org::service::hr_agency;
use crate::people::input::parse_employee;
use crate::people::model::*;
use crate::people::service::hr_employee;
use crate::people::service::placement::*;
use crate::server::entities::{assignment, employee, supervisor_link, user};
use crate::server::{db, write_tx, Db};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

pub fn snapshot(e: &employee::Model) -> serde_json::Value {
    json!({ "nip": e.nip, "name": e.name, "sex": e.sex, "status": e.status, "active": e.active })
}

pub async fn create_employee(db: &Db, actor: &Actor, form: &EmployeeForm) -> Result<i32, AppError> {
    let agency = hr_agency(actor)?;
    let v = parse_employee(form)?;
    let placement = require_placement(&v)?;
    let tx = write_tx(db).await?;
    check_nip_free(&tx, v.nip.as_str(), None).await?;
    check_placement(&tx, agency, None, placement).await?;
    let now = db::now();
    let e = employee::ActiveModel {
        agency_id: Set(agency),
        nip: Set(v.nip.as_str().to_string()),
        name: Set(v.name.clone()),
        sex: Set(v.sex),
        status: Set(v.status),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    start_assignment(&tx, agency, e.id, placement, start_date(&v)).await?;
    let (unit_id, position_id, is_head) = placement;
    let summary = json!({ "after": snapshot(&e), "unit_id": unit_id,
                          "position_id": position_id, "is_head": is_head });
    audit::change(&tx, actor, agency, "create", "employee", e.id, summary).await?;
    crate::server::commit(tx).await?;
    Ok(e.id)
}

pub async fn update_employee(
    db: &Db,
    actor: &Actor,
    id: i32,
    form: &EmployeeForm,
) -> Result<(), AppError> {
    let v = parse_employee(form)?;
    let placement = require_placement(&v)?;
    let tx = write_tx(db).await?;
    let before = hr_employee(&tx, actor, id).await?;
    if !before.active {
        return Err(AppError::Conflict(Msg::new(K::ErrEmployeeInactive)));
    }
    check_nip_free(&tx, v.nip.as_str(), Some(id)).await?;
    check_placement(&tx, before.agency_id, Some(id), placement).await?;
    let mut m: employee::ActiveModel = before.clone().into();
    m.nip = Set(v.nip.as_str().to_string());
    m.name = Set(v.name.clone());
    m.sex = Set(v.sex);
    m.status = Set(v.status);
    m.updated_at = Set(db::now());
    let after = m.update(&tx).await?;
    let moved = move_if_changed(&tx, before.agency_id, id, placement, start_date(&v)).await?;
    let (unit_id, position_id, is_head) = placement;
    let moved_to = moved
        .then(|| json!({ "unit_id": unit_id, "position_id": position_id, "is_head": is_head }));
    let summary =
        json!({ "before": snapshot(&before), "after": snapshot(&after), "moved_to": moved_to });
    audit::change(
        &tx,
        actor,
        before.agency_id,
        "update",
        "employee",
        id,
        summary,
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}

/// Deactivating ends the current assignment, the supervisor links to and from the
/// person, and their login. Reactivating restores the record only; HR then assigns.
pub async fn set_employee_active(
    db: &Db,
    actor: &Actor,
    id: i32,
    active: bool,
) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let before = hr_employee(&tx, actor, id).await?;
    if !active {
        assignment::Entity::update_many()
            .col_expr(assignment::Column::EndDate, Expr::value(db::today()))
            .filter(assignment::Column::EmployeeId.eq(id))
            .filter(assignment::Column::EndDate.is_null())
            .exec(&tx)
            .await?;
        supervisor_link::Entity::update_many()
            .col_expr(supervisor_link::Column::ValidTo, Expr::value(db::now()))
            .filter(
                supervisor_link::Column::EmployeeId
                    .eq(id)
                    .or(supervisor_link::Column::SupervisorId.eq(id)),
            )
            .filter(supervisor_link::Column::ValidTo.is_null())
            .exec(&tx)
            .await?;
    }
    user::Entity::update_many()
        .col_expr(user::Column::Active, Expr::value(active))
        .filter(user::Column::EmployeeId.eq(id))
        .exec(&tx)
        .await?;
    let mut m: employee::ActiveModel = before.clone().into();
    m.active = Set(active);
    m.updated_at = Set(db::now());
    m.update(&tx).await?;
    let by = By::from(actor);
    audit::record_toggle(
        &tx,
        &by,
        before.agency_id,
        "employee",
        id,
        before.active,
        active,
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}
