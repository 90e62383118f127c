//! Employees of an agency (the list is in `employee_list`): the detail record, create,
//! edit (a change of unit or position ends the current assignment and starts a new one,
//! so history is kept), deactivate, and the login password HR hands out.

use crate::audit::service::{self as audit, By, Entry};
use crate::auth::model::Actor;
use crate::error::{AppError, FieldError, Msg};
use crate::i18n::K;
use crate::org::service::hr_agency;
use crate::people::input::{parse_employee, ValidEmployee};
use crate::people::job_level::JobLevel;
use crate::people::model::*;
use crate::people::service::{hr_employee, supervision};
use crate::server::entities::{assignment, employee, position, supervisor_link, unit, user};
use crate::server::{db, sql, write_tx, Db};
use chrono::NaiveDate;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;

pub async fn person_ref(db: &impl ConnectionTrait, id: i32) -> Result<Option<PersonRef>, AppError> {
    let r = sql::one(
        db,
        "SELECT e.id, e.name, e.nip, p.name AS position_name FROM employees e \
         LEFT JOIN assignments a ON a.employee_id = e.id AND a.end_date IS NULL \
         LEFT JOIN positions p ON p.id = a.position_id WHERE e.id = $1",
        vec![id.into()],
    )
    .await?;
    let Some(r) = r else { return Ok(None) };
    Ok(Some(PersonRef {
        id: sql::get(&r, "id")?,
        name: sql::get(&r, "name")?,
        nip: sql::get(&r, "nip")?,
        position_name: sql::get(&r, "position_name")?,
    }))
}

pub async fn assignment_history(
    db: &impl ConnectionTrait,
    employee_id: i32,
) -> Result<Vec<AssignmentView>, AppError> {
    let rows = sql::all(
        db,
        "SELECT a.unit_id, u.name AS unit_name, a.position_id, p.name AS position_name, p.job_level, \
         a.is_head, a.start_date, a.end_date FROM assignments a \
         JOIN units u ON u.id = a.unit_id JOIN positions p ON p.id = a.position_id \
         WHERE a.employee_id = $1 ORDER BY a.start_date DESC, a.id DESC",
        vec![employee_id.into()],
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok(AssignmentView {
                unit_id: sql::get(r, "unit_id")?,
                unit_name: sql::get(r, "unit_name")?,
                position_id: sql::get(r, "position_id")?,
                position_name: sql::get(r, "position_name")?,
                job_level: sql::get(r, "job_level")?,
                is_head: sql::get(r, "is_head")?,
                start_date: sql::get::<NaiveDate>(r, "start_date")?.to_string(),
                end_date: sql::get::<Option<NaiveDate>>(r, "end_date")?.map(|d| d.to_string()),
            })
        })
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(AppError::from)
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
    let e = hr_employee(db, actor, id).await?;
    let history = assignment_history(db, e.id).await?;
    let links = supervisor_link::Entity::find()
        .filter(supervisor_link::Column::EmployeeId.eq(e.id))
        .order_by_desc(supervisor_link::Column::ValidFrom)
        .all(db)
        .await?;
    let mut supervisor_links = vec![];
    for l in links {
        let supervisor = match l.supervisor_id {
            Some(s) => person_ref(db, s).await?,
            None => None,
        };
        supervisor_links.push(SupervisorLinkView {
            supervisor,
            reason: l.reason,
            valid_from: l.valid_from.format("%Y-%m-%d %H:%M").to_string(),
            valid_to: l.valid_to.map(|t| t.format("%Y-%m-%d %H:%M").to_string()),
        });
    }
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

/// Checks unit, position and headship against the database.
pub async fn check_placement(
    db: &impl ConnectionTrait,
    agency: i32,
    employee_id: Option<i32>,
    unit_id: i32,
    position_id: i32,
    is_head: bool,
) -> Result<(), Vec<FieldError>> {
    let mut errs = vec![];
    let unit = unit::Entity::find_by_id(unit_id)
        .one(db)
        .await
        .ok()
        .flatten();
    if !unit
        .as_ref()
        .is_some_and(|u| u.agency_id == agency && u.active)
    {
        errs.push(FieldError::new("unit_id", K::ErrChoice));
    }
    let pos = position::Entity::find_by_id(position_id)
        .one(db)
        .await
        .ok()
        .flatten();
    match pos.as_ref().filter(|p| p.agency_id == agency && p.active) {
        None => errs.push(FieldError::new("position_id", K::ErrChoice)),
        Some(p) if is_head && !JobLevel::parse(&p.job_level).is_some_and(|l| l.can_head_unit()) => {
            errs.push(FieldError::new("is_head", K::ErrHeadNeedsStructural));
        }
        _ => {}
    }
    if is_head && errs.is_empty() {
        let head = assignment::Entity::find()
            .filter(assignment::Column::UnitId.eq(unit_id))
            .filter(assignment::Column::EndDate.is_null())
            .filter(assignment::Column::IsHead.eq(true))
            .one(db)
            .await
            .ok()
            .flatten();
        if head.is_some_and(|h| Some(h.employee_id) != employee_id) {
            errs.push(FieldError::new("is_head", K::ErrUnitHasHead));
        }
    }
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs)
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

fn require_placement(v: &ValidEmployee) -> Result<(i32, i32), AppError> {
    let mut errs = vec![];
    if v.unit_id.is_none() {
        errs.push(FieldError::new("unit_id", K::ErrRequired));
    }
    if v.position_id.is_none() {
        errs.push(FieldError::new("position_id", K::ErrRequired));
    }
    match (v.unit_id, v.position_id) {
        (Some(u), Some(p)) => Ok((u, p)),
        _ => Err(AppError::Validation(errs)),
    }
}

pub fn start_date(v: &ValidEmployee) -> NaiveDate {
    v.start_date
        .as_deref()
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(db::today)
}

pub fn snapshot(e: &employee::Model) -> serde_json::Value {
    json!({ "nip": e.nip, "name": e.name, "sex": e.sex, "status": e.status, "active": e.active })
}

pub async fn create_employee(db: &Db, actor: &Actor, form: &EmployeeForm) -> Result<i32, AppError> {
    let agency = hr_agency(actor)?;
    let v = parse_employee(form)?;
    let (unit_id, position_id) = require_placement(&v)?;
    let tx = write_tx(db).await?;
    check_nip_free(&tx, v.nip.as_str(), None).await?;
    check_placement(&tx, agency, None, unit_id, position_id, v.is_head)
        .await
        .map_err(AppError::Validation)?;
    let now = db::now();
    let e = employee::ActiveModel {
        agency_id: Set(agency),
        nip: Set(v.nip.as_str().to_string()),
        name: Set(v.name.clone()),
        sex: Set(v.sex.code().into()),
        status: Set(v.status.code().into()),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    let placement = (unit_id, position_id, v.is_head);
    start_assignment(&tx, agency, e.id, placement, start_date(&v)).await?;
    audit::change(&tx, actor, agency, "create", "employee", e.id, json!({ "after": snapshot(&e), "unit_id": unit_id, "position_id": position_id, "is_head": v.is_head })).await?;
    crate::server::commit(tx).await?;
    Ok(e.id)
}

/// Opens a new current assignment (the caller ends the previous one).
pub async fn start_assignment(
    db: &impl ConnectionTrait,
    agency: i32,
    employee_id: i32,
    (unit_id, position_id, is_head): (i32, i32, bool),
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
        created_at: Set(db::now()),
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
    placement: (i32, i32, bool),
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

pub async fn update_employee(
    db: &Db,
    actor: &Actor,
    id: i32,
    form: &EmployeeForm,
) -> Result<(), AppError> {
    let v = parse_employee(form)?;
    let (unit_id, position_id) = require_placement(&v)?;
    let tx = write_tx(db).await?;
    let before = hr_employee(&tx, actor, id).await?;
    if !before.active {
        return Err(AppError::Conflict(Msg::new(K::ErrEmployeeInactive)));
    }
    check_nip_free(&tx, v.nip.as_str(), Some(id)).await?;
    check_placement(
        &tx,
        before.agency_id,
        Some(id),
        unit_id,
        position_id,
        v.is_head,
    )
    .await
    .map_err(AppError::Validation)?;
    let mut m: employee::ActiveModel = before.clone().into();
    m.nip = Set(v.nip.as_str().to_string());
    m.name = Set(v.name.clone());
    m.sex = Set(v.sex.code().into());
    m.status = Set(v.status.code().into());
    m.updated_at = Set(db::now());
    let after = m.update(&tx).await?;
    let moved = move_if_changed(
        &tx,
        before.agency_id,
        id,
        (unit_id, position_id, v.is_head),
        start_date(&v),
    )
    .await?;
    audit::change(&tx, actor, before.agency_id, "update", "employee", id, json!({
            "before": snapshot(&before), "after": snapshot(&after),
            "moved_to": if moved { json!({"unit_id": unit_id, "position_id": position_id, "is_head": v.is_head}) } else { json!(null) },
        })).await?;
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
        let today = db::today();
        sql::exec(
            &tx,
            "UPDATE assignments SET end_date = $1 WHERE employee_id = $2 AND end_date IS NULL",
            vec![today.into(), id.into()],
        )
        .await?;
        sql::exec(
            &tx,
            "UPDATE supervisor_links SET valid_to = $1 WHERE (employee_id = $2 OR supervisor_id = $2) AND valid_to IS NULL",
            vec![db::now().into(), id.into()],
        )
        .await?;
    }
    sql::exec(
        &tx,
        "UPDATE users SET active = $1 WHERE employee_id = $2",
        vec![active.into(), id.into()],
    )
    .await?;
    let mut m: employee::ActiveModel = before.clone().into();
    m.active = Set(active);
    m.updated_at = Set(db::now());
    m.update(&tx).await?;
    audit::record_toggle(
        &tx,
        &By::from(actor),
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

/// Creates the employee's login (username = NIP) or resets its password.
pub async fn set_login_password(
    db: &Db,
    actor: &Actor,
    id: i32,
    password: &str,
) -> Result<(), AppError> {
    crate::auth::rules::check_password_policy(password)
        .map_err(|e| AppError::Validation(vec![e]))?;
    let hash = crate::auth::service::hash_password(password)?;
    let tx = write_tx(db).await?;
    let e = hr_employee(&tx, actor, id).await?;
    if !e.active {
        return Err(AppError::Conflict(Msg::new(K::ErrEmployeeInactive)));
    }
    let existing = user::Entity::find()
        .filter(user::Column::EmployeeId.eq(id))
        .one(&tx)
        .await?;
    let action = match existing {
        Some(u) => {
            let mut m: user::ActiveModel = u.into();
            m.password_hash = Set(hash);
            m.update(&tx).await?;
            "reset_password"
        }
        None => {
            let u = user::ActiveModel {
                username: Set(e.nip.clone()),
                display_name: Set(e.name.clone()),
                password_hash: Set(hash),
                agency_id: Set(Some(e.agency_id)),
                employee_id: Set(Some(e.id)),
                active: Set(true),
                created_at: Set(db::now()),
                last_login_at: Set(None),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
            crate::server::entities::user_role::ActiveModel {
                user_id: Set(u.id),
                role: Set("employee".into()),
                agency_id: Set(Some(e.agency_id)),
                unit_id: Set(None),
                created_at: Set(db::now()),
                ..Default::default()
            }
            .insert(&tx)
            .await?;
            "create_login"
        }
    };
    // Existing sessions of the account end with a new password.
    sql::exec(
        &tx,
        "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE employee_id = $1)",
        vec![id.into()],
    )
    .await?;
    audit::record(
        &tx,
        &By::from(actor),
        Entry {
            agency_id: Some(e.agency_id),
            action,
            entity: "employee",
            entity_id: id.to_string(),
            summary: json!({ "username": e.nip }),
        },
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}
