//! The supervisor of an employee (derived from the unit heads unless HR overrode it,
//! see `people::supervision`, and `supervisor_choice` for HR's overrides) and the
//! reverse, direct subordinates.

use crate::error::AppError;
use crate::org::service::children_of;
use crate::people::supervision::{self as rules, Override, Place, Source};
use crate::server::entities::{assignment, employee, supervisor_link};
use crate::server::sql;
use sea_orm::{raw_sql, ColumnTrait, ConnectionTrait, FromQueryResult, QueryFilter, QuerySelect};
use std::collections::{HashMap, HashSet};

pub async fn current_assignment(
    db: &impl ConnectionTrait,
    employee_id: i32,
) -> Result<Option<assignment::Model>, AppError> {
    Ok(assignment::Entity::current()
        .filter(assignment::Column::EmployeeId.eq(employee_id))
        .one(db)
        .await?)
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
    let rows = sql::all::<Link>(db, stmt).await?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

/// Current heads of the given units.
async fn heads_of(db: &impl ConnectionTrait, units: &[i32]) -> Result<HashMap<i32, i32>, AppError> {
    if units.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = assignment::Entity::current()
        .filter(assignment::Column::UnitId.is_in(units.to_vec()))
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
    Ok(supervisor_link::Entity::current()
        .filter(supervisor_link::Column::EmployeeId.eq(employee_id))
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
    let chain = match current_assignment(db, e.id).await?.map(|a| a.unit_id) {
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

/// Who a unit head supervises by the unit tree: the unit's staff, and below it the
/// heads of sub-units, or the staff of sub-units that have no head.
async fn derived_staff(
    db: &impl ConnectionTrait,
    agency: i32,
    own_unit: i32,
) -> Result<Vec<i32>, AppError> {
    let mut derived = vec![];
    let mut queue = vec![(own_unit, true)];
    while let Some((unit, own)) = queue.pop() {
        let heads = heads_of(db, &[unit]).await?;
        match heads.get(&unit) {
            Some(h) if !own => derived.push(*h),
            _ => {
                let staff: Vec<i32> = assignment::Entity::current()
                    .select_only()
                    .column(assignment::Column::EmployeeId)
                    .filter(assignment::Column::UnitId.eq(unit))
                    .filter(assignment::Column::IsHead.eq(false))
                    .into_tuple()
                    .all(db)
                    .await?;
                derived.extend(staff);
                let kids: Vec<i32> = children_of(agency, unit).into_tuple().all(db).await?;
                queue.extend(kids.into_iter().map(|k| (k, false)));
            }
        }
    }
    Ok(derived)
}

/// Direct subordinates: those HR pointed at this person, plus (as a unit head) the
/// staff of the unit, and below it the heads of sub-units, or the staff of sub-units
/// that have no head. Anyone HR assigned elsewhere is left out.
pub async fn subordinates_of(
    db: &impl ConnectionTrait,
    supervisor: i32,
) -> Result<Vec<i32>, AppError> {
    let mut out: Vec<i32> = supervisor_link::Entity::current()
        .filter(supervisor_link::Column::SupervisorId.eq(supervisor))
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
    let derived = derived_staff(db, a.agency_id, a.unit_id).await?;
    let overridden: HashSet<i32> = if derived.is_empty() {
        HashSet::new()
    } else {
        supervisor_link::Entity::current()
            .filter(supervisor_link::Column::EmployeeId.is_in(derived.clone()))
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
