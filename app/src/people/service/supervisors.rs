//! The supervisors of many employees at once (a new campaign over a whole agency):
//! the same rule as `supervision::supervisor_of`, fed from three reads of the agency
//! (HR's overrides, the unit tree, the unit heads) instead of three per employee.

use crate::error::AppError;
use crate::people::supervision::{self as rules, Override, Place};
use crate::server::entities::{assignment, supervisor_link, unit};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

/// The effective supervisor of each (employee, current unit), by employee id.
pub async fn supervisors_of(
    db: &impl ConnectionTrait,
    agency: i32,
    placed: &[(i32, i32)],
) -> Result<HashMap<i32, Option<i32>>, AppError> {
    let overrides: HashMap<i32, Option<i32>> = supervisor_link::Entity::current()
        .filter(supervisor_link::Column::AgencyId.eq(agency))
        .all(db)
        .await?
        .into_iter()
        .map(|l| (l.employee_id, l.supervisor_id))
        .collect();
    let parents: HashMap<i32, Option<i32>> = unit::Entity::find()
        .select_only()
        .columns([unit::Column::Id, unit::Column::ParentId])
        .filter(unit::Column::AgencyId.eq(agency))
        .into_tuple::<(i32, Option<i32>)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let heads: HashMap<i32, i32> = assignment::Entity::current()
        .select_only()
        .columns([assignment::Column::UnitId, assignment::Column::EmployeeId])
        .filter(assignment::Column::AgencyId.eq(agency))
        .filter(assignment::Column::IsHead.eq(true))
        .into_tuple::<(i32, i32)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let head_of = |u: i32| heads.get(&u).copied();
    let mut chains: HashMap<i32, Vec<i32>> = HashMap::new();
    let mut out = HashMap::with_capacity(placed.len());
    for &(employee_id, unit_id) in placed {
        let chain = chains
            .entry(unit_id)
            .or_insert_with(|| chain_of(&parents, unit_id));
        let hr = match overrides.get(&employee_id) {
            Some(Some(s)) => Override::Supervisor(*s),
            Some(None) => Override::Nobody,
            None => Override::None,
        };
        let place = Place {
            employee_id,
            unit_chain: chain,
            head_of: &head_of,
        };
        out.insert(employee_id, rules::supervisor(&place, hr).map(|(s, _)| s));
    }
    Ok(out)
}

/// A unit and its ancestors, own unit first (at most 64, as `unit_chain` walks).
fn chain_of(parents: &HashMap<i32, Option<i32>>, unit: i32) -> Vec<i32> {
    let mut chain = vec![unit];
    let mut at = parents.get(&unit).copied().flatten();
    while let Some(u) = at {
        if chain.len() > 64 || chain.contains(&u) {
            break;
        }
        chain.push(u);
        at = parents.get(&u).copied().flatten();
    }
    chain
}
