//! HR's unit tree at any size (a regency has thousands of schools and puskesmas):
//! one level at a time, each unit with how many units sit below it, opened down to
//! a chosen unit; or a search by name or code with each hit's path. Heads and staff
//! are read for the shown units only.

use super::{heads, hr_agency, hr_row, staff_counts};
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::org::input::UnitKind;
use crate::org::model::{UnitBrowse, UnitHit, UnitNode, UnitRef, UnitRow, SEARCH_LIMIT};
use crate::server::entities::unit;
use crate::server::read_cache::ReadCache;
use crate::server::{sql, Db};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func};
use sea_orm::{
    raw_sql, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

#[derive(FromQueryResult)]
struct Level {
    id: i32,
    parent_id: Option<i32>,
    code: String,
    name: String,
    kind: UnitKind,
    active: bool,
    children: i64,
}

/// The units directly under `parent` (the top units for None), by name, with how
/// many units each has below it.
async fn level(
    db: &impl ConnectionTrait,
    agency: i32,
    parent: Option<i32>,
) -> Result<Vec<Level>, AppError> {
    // SQL: each row counts its children in a correlated subquery (an index lookup).
    let stmt = match parent {
        Some(p) => raw_sql!(
            Postgres,
            "SELECT u.id, u.parent_id, u.code, u.name, u.kind, u.active,
               (SELECT COUNT(*) FROM units c WHERE c.agency_id = u.agency_id AND c.parent_id = u.id) AS children
             FROM units u WHERE u.agency_id = {agency} AND u.parent_id = {p} ORDER BY u.name"
        ),
        None => raw_sql!(
            Postgres,
            "SELECT u.id, u.parent_id, u.code, u.name, u.kind, u.active,
               (SELECT COUNT(*) FROM units c WHERE c.agency_id = u.agency_id AND c.parent_id = u.id) AS children
             FROM units u WHERE u.agency_id = {agency} AND u.parent_id IS NULL ORDER BY u.name"
        ),
    };
    Ok(sql::all::<Level>(db, stmt).await?)
}

/// Rows for units with their heads and staff, read for these units only.
async fn rows(
    db: &impl ConnectionTrait,
    agency: i32,
    units: Vec<(Level, usize)>,
) -> Result<Vec<(UnitRow, i64)>, AppError> {
    let ids: Vec<i32> = units.iter().map(|(l, _)| l.id).collect();
    let heads = heads(db, agency, Some(&ids)).await?;
    let staff = staff_counts(db, agency, Some(&ids)).await?;
    Ok(units
        .into_iter()
        .map(|(l, depth)| {
            let row = UnitRow {
                id: l.id,
                parent_id: l.parent_id,
                code: l.code,
                name: l.name,
                kind: l.kind,
                active: l.active,
                depth,
                head: heads.get(&l.id).map(|e| UnitRef {
                    id: e.id,
                    name: e.name.clone(),
                }),
                staff: staff.get(&l.id).copied().unwrap_or(0),
            };
            (row, l.children)
        })
        .collect())
}

/// The ids from a top unit down to `id`, read by walking up (a handful of lookups).
async fn path_to(db: &impl ConnectionTrait, agency: i32, id: i32) -> Result<Vec<i32>, AppError> {
    let mut path = Vec::new();
    let mut at = Some(id);
    while let Some(u) = at {
        if path.contains(&u) || path.len() > 64 {
            break;
        }
        let parent: Option<Option<i32>> = unit::Entity::find_by_id(u)
            .select_only()
            .column(unit::Column::ParentId)
            .filter(unit::Column::AgencyId.eq(agency))
            .into_tuple()
            .one(db)
            .await?;
        let Some(parent) = parent else { break };
        path.push(u);
        at = parent;
    }
    path.reverse();
    Ok(path)
}

/// Remembered trees, per agency and unit opened (see `server::read_cache`): the
/// first level of 8 333 units with their heads and staff counts takes about 5 ms of
/// CPU, and HR opens the page far more often than the units change.
pub type UnitTrees = ReadCache<(i32, Option<i32>), UnitBrowse>;

pub fn register(caches: &mut crate::server::caches::Caches, config: &crate::server::Config) {
    caches.register(UnitTrees::new(config.read_cache));
}

/// The tree with the top units, opened down to `open` (its ancestors and itself
/// expanded), depth first.
pub async fn unit_tree(
    db: &Db,
    trees: &UnitTrees,
    actor: &Actor,
    open: Option<i32>,
) -> Result<Arc<UnitBrowse>, AppError> {
    let agency = hr_agency(actor)?;
    trees
        .get_or_load((agency, open), read_tree(db, agency, open))
        .await
}

async fn read_tree(db: &Db, agency: i32, open: Option<i32>) -> Result<UnitBrowse, AppError> {
    let expanded: HashSet<i32> = match open {
        Some(id) => path_to(db, agency, id).await?.into_iter().collect(),
        None => HashSet::new(),
    };
    let mut levels: HashMap<Option<i32>, Vec<Level>> = HashMap::new();
    levels.insert(None, level(db, agency, None).await?);
    for id in &expanded {
        levels.insert(Some(*id), level(db, agency, Some(*id)).await?);
    }
    let mut ordered = Vec::new();
    walk(&mut levels, None, 0, &mut ordered);
    let nodes = rows(db, agency, ordered)
        .await?
        .into_iter()
        .map(|(unit, children)| UnitNode {
            expanded: expanded.contains(&unit.id),
            unit,
            children,
        })
        .collect();
    let total = unit::Entity::find()
        .filter(unit::Column::AgencyId.eq(agency))
        .count(db)
        .await? as i64;
    Ok(UnitBrowse::Tree { nodes, total })
}

/// Depth-first order of the read levels, from `parent` down.
fn walk(
    levels: &mut HashMap<Option<i32>, Vec<Level>>,
    parent: Option<i32>,
    depth: usize,
    out: &mut Vec<(Level, usize)>,
) {
    for l in levels.remove(&parent).unwrap_or_default() {
        let id = l.id;
        out.push((l, depth));
        walk(levels, Some(id), depth + 1, out);
    }
}

/// The units directly under one unit (a branch opened in the browser), as nodes one
/// level deeper than `depth`.
pub async fn unit_children(
    db: &Db,
    actor: &Actor,
    parent: i32,
    depth: usize,
) -> Result<Vec<UnitNode>, AppError> {
    let p = hr_row::<unit::Entity>(db, actor, parent).await?;
    let units = level(db, p.agency_id, Some(parent)).await?;
    let with_depth = units.into_iter().map(|l| (l, depth + 1)).collect();
    Ok(rows(db, p.agency_id, with_depth)
        .await?
        .into_iter()
        .map(|(unit, children)| UnitNode {
            unit,
            children,
            expanded: false,
        })
        .collect())
}

/// Units whose name or code contains `q` (any case), by name, with their paths.
pub async fn search_units(db: &Db, actor: &Actor, q: &str) -> Result<UnitBrowse, AppError> {
    let agency = hr_agency(actor)?;
    let text = q.trim().to_lowercase();
    let lower = |c: unit::Column| Expr::expr(Func::lower(Expr::col(c)));
    let found = unit::Entity::find()
        .filter(unit::Column::AgencyId.eq(agency))
        .filter(
            Condition::any()
                .add(lower(unit::Column::Name).like(sql::like(&text, true)))
                .add(lower(unit::Column::Code).like(sql::like(&text, true))),
        )
        .order_by_asc(unit::Column::Name)
        .limit(SEARCH_LIMIT as u64 + 1)
        .all(db)
        .await?;
    let more = found.len() > SEARCH_LIMIT;
    let names = names(db, agency).await?;
    let levels = found
        .into_iter()
        .take(SEARCH_LIMIT)
        .map(|u| {
            let l = Level {
                id: u.id,
                parent_id: u.parent_id,
                code: u.code,
                name: u.name,
                kind: u.kind,
                active: u.active,
                children: 0,
            };
            (l, 0)
        })
        .collect();
    let hits = rows(db, agency, levels)
        .await?
        .into_iter()
        .map(|(unit, _)| UnitHit {
            path: path_text(&names, unit.parent_id),
            unit,
        })
        .collect();
    Ok(UnitBrowse::Search { hits, more })
}

/// Every unit's parent and name, for the hits' paths (two small columns per unit).
async fn names(
    db: &impl ConnectionTrait,
    agency: i32,
) -> Result<HashMap<i32, (Option<i32>, String)>, AppError> {
    let rows: Vec<(i32, Option<i32>, String)> = unit::Entity::find()
        .select_only()
        .columns([unit::Column::Id, unit::Column::ParentId, unit::Column::Name])
        .filter(unit::Column::AgencyId.eq(agency))
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, p, n)| (id, (p, n))).collect())
}

fn path_text(names: &HashMap<i32, (Option<i32>, String)>, mut at: Option<i32>) -> String {
    let mut parts = Vec::new();
    while let Some(id) = at {
        let Some((parent, name)) = names.get(&id) else {
            break;
        };
        if parts.len() > 64 {
            break;
        }
        parts.push(name.as_str());
        at = *parent;
    }
    parts.reverse();
    parts.join(" › ")
}
