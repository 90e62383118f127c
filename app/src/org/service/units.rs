//! Reading units: the agency's tree for HR's list, and one unit with its path,
//! sub-units, head and staff.

use super::{all_units, heads, hr_agency, hr_row, nodes, staff_counts};
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::org::model::{UnitDetail, UnitRef, UnitRow};
use crate::org::rules;
use crate::server::entities::{employee, unit};
use crate::server::Db;
use std::collections::HashMap;

/// A unit's row: itself, its depth in the tree, its head and its staff.
fn row(
    u: &unit::Model,
    depth: usize,
    heads: &HashMap<i32, employee::Model>,
    staff: &HashMap<i32, i64>,
) -> UnitRow {
    UnitRow {
        id: u.id,
        parent_id: u.parent_id,
        code: u.code.clone(),
        name: u.name.clone(),
        kind: u.kind,
        active: u.active,
        depth,
        head: heads.get(&u.id).map(|e| UnitRef {
            id: e.id,
            name: e.name.clone(),
        }),
        staff: staff.get(&u.id).copied().unwrap_or(0),
    }
}

pub async fn list_units(db: &Db, actor: &Actor) -> Result<Vec<UnitRow>, AppError> {
    let agency = hr_agency(actor)?;
    let units = all_units(db, agency).await?;
    let heads = heads(db, agency, None).await?;
    let staff = staff_counts(db, agency, None).await?;
    let by_id: HashMap<i32, &unit::Model> = units.iter().map(|u| (u.id, u)).collect();
    Ok(rules::depth_first(&nodes(&units))
        .into_iter()
        .filter_map(|p| Some(row(by_id.get(&p.id)?, p.depth, &heads, &staff)))
        .collect())
}

pub async fn get_unit(db: &Db, actor: &Actor, id: i32) -> Result<UnitDetail, AppError> {
    let u = hr_row::<unit::Entity>(db, actor, id).await?;
    let units = all_units(db, u.agency_id).await?;
    let name_of: HashMap<i32, &str> = units.iter().map(|x| (x.id, x.name.as_str())).collect();
    let r = |id: i32| UnitRef {
        id,
        name: name_of.get(&id).unwrap_or(&"").to_string(),
    };
    let mut path: Vec<UnitRef> = rules::ancestors(&nodes(&units), u.id)
        .into_iter()
        .skip(1)
        .map(r)
        .collect();
    path.reverse();
    let mut children: Vec<UnitRef> = units
        .iter()
        .filter(|c| c.parent_id == Some(u.id))
        .map(|c| r(c.id))
        .collect();
    children.sort_by(|a, b| a.name.cmp(&b.name));
    let heads = heads(db, u.agency_id, Some(&[u.id])).await?;
    let staff = staff_counts(db, u.agency_id, Some(&[u.id])).await?;
    Ok(UnitDetail {
        unit: row(&u, path.len(), &heads, &staff),
        path,
        children,
    })
}
