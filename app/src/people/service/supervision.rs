//! The supervisor of an employee (derived from the unit heads unless HR overrode it,
//! see `people::supervision`), the reverse (direct subordinates), and HR's overrides,
//! kept as dated rows so the history is never lost.

use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::{AppError, FieldError, Problems};
use crate::i18n::K;
use crate::people::model::SupervisorForm;
use crate::people::nip::Nip;
use crate::people::service::hr_employee;
use crate::people::supervision::{self as rules, Override, Place, Source};
use crate::server::entities::{assignment, employee, supervisor_link, unit};
use crate::server::{db, sql, write_tx, Db};
use sea_orm::{
    raw_sql, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult,
    QueryFilter, QuerySelect, Set,
};
use serde_json::json;
use std::collections::{HashMap, HashSet};

pub async fn current_assignment(
    db: &impl ConnectionTrait,
    employee_id: i32,
) -> Result<Option<assignment::Model>, AppError> {
    Ok(assignment::Entity::find()
        .filter(assignment::Column::EmployeeId.eq(employee_id))
        .filter(assignment::Column::EndDate.is_null())
        .one(db)
        .await?)
}

pub async fn current_unit(
    db: &impl ConnectionTrait,
    employee_id: i32,
) -> Result<Option<i32>, AppError> {
    Ok(current_assignment(db, employee_id)
        .await?
        .map(|a| a.unit_id))
}

#[derive(FromQueryResult)]
struct Link {
    id: i32,
}

/// The unit and its ancestors, own unit first.
pub async fn unit_chain(db: &impl ConnectionTrait, unit_id: i32) -> Result<Vec<i32>, AppError> {
    // SQL: a recursive walk up the unit tree, one statement on both backends.
    let stmt = raw_sql!(
        Postgres,
        "WITH RECURSIVE chain(id, parent_id, depth) AS (
           SELECT id, parent_id, 0 FROM units WHERE id = {unit_id}
           UNION ALL SELECT u.id, u.parent_id, c.depth + 1 FROM units u
           JOIN chain c ON u.id = c.parent_id WHERE c.depth < 64)
         SELECT id FROM chain ORDER BY depth"
    );
    let rows = Link::find_by_statement(sql::on(db, stmt)).all(db).await?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// Current heads of the given units.
async fn heads_of(db: &impl ConnectionTrait, units: &[i32]) -> Result<HashMap<i32, i32>, AppError> {
    if units.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = assignment::Entity::find()
        .filter(assignment::Column::UnitId.is_in(units.to_vec()))
        .filter(assignment::Column::EndDate.is_null())
        .filter(assignment::Column::IsHead.eq(true))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|a| (a.unit_id, a.employee_id))
        .collect())
}

pub async fn current_link(
    db: &impl ConnectionTrait,
    employee_id: i32,
) -> Result<Option<supervisor_link::Model>, AppError> {
    Ok(supervisor_link::Entity::find()
        .filter(supervisor_link::Column::EmployeeId.eq(employee_id))
        .filter(supervisor_link::Column::ValidTo.is_null())
        .one(db)
        .await?)
}

/// The effective supervisor of an employee and where it comes from.
pub async fn supervisor_of(
    db: &impl ConnectionTrait,
    e: &employee::Model,
) -> Result<Option<(i32, Source)>, AppError> {
    let hr = match current_link(db, e.id).await? {
        Some(l) => l
            .supervisor_id
            .map(Override::Supervisor)
            .unwrap_or(Override::Nobody),
        None => Override::None,
    };
    let chain = match current_unit(db, e.id).await? {
        Some(u) => unit_chain(db, u).await?,
        None => vec![],
    };
    let heads = heads_of(db, &chain).await?;
    let head_of = |u: i32| heads.get(&u).copied();
    let place = Place {
        employee_id: e.id,
        unit_chain: &chain,
        head_of: &head_of,
    };
    Ok(rules::supervisor(&place, hr))
}

/// Direct subordinates: those HR pointed at this person, plus (as a unit head) the
/// staff of the unit, and below it the heads of sub-units, or the staff of sub-units
/// that have no head. Anyone HR assigned elsewhere is left out.
pub async fn subordinates_of(
    db: &impl ConnectionTrait,
    supervisor: i32,
) -> Result<Vec<i32>, AppError> {
    let mut out: Vec<i32> = supervisor_link::Entity::find()
        .filter(supervisor_link::Column::SupervisorId.eq(supervisor))
        .filter(supervisor_link::Column::ValidTo.is_null())
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.employee_id)
        .collect();
    let Some(a) = current_assignment(db, supervisor)
        .await?
        .filter(|a| a.is_head)
    else {
        return Ok(out);
    };
    let mut derived = vec![];
    let mut queue = vec![(a.unit_id, true)];
    while let Some((unit, own)) = queue.pop() {
        let heads = heads_of(db, &[unit]).await?;
        match heads.get(&unit) {
            Some(h) if !own => derived.push(*h),
            _ => {
                let staff: Vec<i32> = assignment::Entity::find()
                    .select_only()
                    .column(assignment::Column::EmployeeId)
                    .filter(assignment::Column::UnitId.eq(unit))
                    .filter(assignment::Column::EndDate.is_null())
                    .filter(assignment::Column::IsHead.eq(false))
                    .into_tuple()
                    .all(db)
                    .await?;
                derived.extend(staff);
                let kids: Vec<i32> = unit::Entity::find()
                    .select_only()
                    .column(unit::Column::Id)
                    .filter(unit::Column::ParentId.eq(unit))
                    .into_tuple()
                    .all(db)
                    .await?;
                queue.extend(kids.into_iter().map(|k| (k, false)));
            }
        }
    }
    let overridden: HashSet<i32> = if derived.is_empty() {
        HashSet::new()
    } else {
        supervisor_link::Entity::find()
            .filter(supervisor_link::Column::EmployeeId.is_in(derived.clone()))
            .filter(supervisor_link::Column::ValidTo.is_null())
            .all(db)
            .await?
            .into_iter()
            .map(|l| l.employee_id)
            .collect()
    };
    out.extend(
        derived
            .into_iter()
            .filter(|d| *d != supervisor && !overridden.contains(d)),
    );
    out.sort_unstable();
    out.dedup();
    Ok(out)
}

/// HR's choice for one employee's supervisor.
#[derive(Clone, Debug)]
pub enum Choice {
    /// The employee with this NIP.
    Nip(String),
    /// Nobody (the agency's top official).
    Nobody,
    /// Back to the supervisor derived from the unit heads.
    Derived,
}

async fn resolve(
    db: &impl ConnectionTrait,
    agency: i32,
    e: &employee::Model,
    nip: &str,
) -> Result<i32, AppError> {
    let nip = Nip::parse(nip).map_err(|mut f| {
        f.field = "supervisor_nip".into();
        AppError::Validation(vec![f])
    })?;
    let s = employee::Entity::find()
        .filter(employee::Column::Nip.eq(nip.as_str()))
        .filter(employee::Column::AgencyId.eq(agency))
        .filter(employee::Column::Active.eq(true))
        .one(db)
        .await?
        .ok_or_else(|| AppError::field("supervisor_nip", K::ErrSupervisorUnknown))?;
    if s.id == e.id {
        return Err(AppError::field("supervisor_nip", K::ErrSupervisorSelf));
    }
    // Walk up from the new supervisor: meeting the employee would close a loop.
    let mut cur = s.clone();
    for _ in 0..64 {
        match supervisor_of(db, &cur).await? {
            Some((up, _)) if up == e.id => {
                return Err(AppError::field("supervisor_nip", K::ErrSupervisorCycle))
            }
            Some((up, _)) => match employee::Entity::find_by_id(up).one(db).await? {
                Some(next) => cur = next,
                None => break,
            },
            None => break,
        }
    }
    Ok(s.id)
}

impl Choice {
    /// What the form's `mode` says: "nobody", "derived", or (otherwise) the NIP given.
    pub fn of(form: &SupervisorForm) -> Choice {
        match form.mode.as_str() {
            "nobody" => Choice::Nobody,
            "derived" => Choice::Derived,
            _ => Choice::Nip(form.supervisor_nip.clone()),
        }
    }
}

pub async fn set_supervisor(
    db: &Db,
    actor: &Actor,
    employee_id: i32,
    form: &SupervisorForm,
) -> Result<(), AppError> {
    let choice = Choice::of(form);
    let reason = form.reason.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut p = Problems::default();
    if reason.is_empty() {
        p.add(FieldError::new("reason", K::ErrRequired));
    }
    p.into_result()?;
    let tx = write_tx(db).await?;
    let e = hr_employee(&tx, actor, employee_id).await?;
    let new_sup = match &choice {
        Choice::Nip(nip) => Some(Some(resolve(&tx, e.agency_id, &e, nip).await?)),
        Choice::Nobody => Some(None),
        Choice::Derived => None,
    };
    let before = supervisor_of(&tx, &e).await?;
    let now = db::now();
    if let Some(link) = current_link(&tx, e.id).await? {
        let mut m: supervisor_link::ActiveModel = link.into();
        m.valid_to = Set(Some(now));
        m.update(&tx).await?;
    }
    if let Some(sup) = new_sup {
        supervisor_link::ActiveModel {
            agency_id: Set(e.agency_id),
            employee_id: Set(e.id),
            supervisor_id: Set(sup),
            reason: Set(reason.clone()),
            set_by_user_id: Set(Some(actor.user_id)),
            valid_from: Set(now),
            valid_to: Set(None),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
    }
    let after = supervisor_of(&tx, &e).await?;
    let said = |v: Option<(i32, Source)>| {
        v.map(|(s, src)| json!({ "supervisor_id": s, "set_by_hr": src == Source::SetByHr }))
    };
    let summary = json!({ "before": said(before), "after": said(after), "reason": reason });
    audit::change(
        &tx,
        actor,
        e.agency_id,
        "set_supervisor",
        "employee",
        e.id,
        summary,
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}
