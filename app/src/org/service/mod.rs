//! Units of an agency: listing as a tree, creating, editing, deactivating. Only the
//! agency's HR administrators (and system administrators) change units.

mod edits;
mod records;
mod tree;
mod units;

pub use edits::{create_unit, update_unit};
pub use records::{hr_row, insert_new, save_edit, set_active, Apply, Switch};
pub use tree::{register as register_trees, search_units, unit_children, unit_tree, UnitTrees};
pub use units::{get_unit, list_units};

use crate::auth::model::Actor;
use crate::error::AppError;
use crate::org::rules::TreeNode;
use crate::server::entities::{assignment, by_ids, employee, unit};
use crate::server::sql;
use sea_orm::sea_query::{
    Alias, CommonTableExpression, Expr, ExprTrait, Query, UnionType, WithClause, WithQuery,
};
use sea_orm::{
    raw_sql, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
    Select,
};
use std::collections::HashMap;

/// The agency an HR administrator works on.
pub fn hr_agency(actor: &Actor) -> Result<i32, AppError> {
    actor.hr_agency().ok_or(AppError::Forbidden)
}

pub async fn all_units(
    db: &impl ConnectionTrait,
    agency_id: i32,
) -> Result<Vec<unit::Model>, AppError> {
    Ok(unit::Entity::find()
        .filter(unit::Column::AgencyId.eq(agency_id))
        .all(db)
        .await?)
}

/// The units directly under `parent`, as a query for their ids (looked up in the
/// agency's (agency, parent) index; by parent alone it read every unit).
pub fn children_of(agency: i32, parent: i32) -> Select<unit::Entity> {
    unit::Entity::find()
        .select_only()
        .column(unit::Column::Id)
        .filter(unit::Column::AgencyId.eq(agency))
        .filter(unit::Column::ParentId.eq(parent))
}

#[derive(FromQueryResult)]
struct UnitId {
    id: i32,
}

/// The given units of an agency and every unit below them, as a query (a recursive
/// walk down the tree, built by sea-query for either backend) that other queries use
/// as an `IN` list.
pub fn subtree(agency: i32, roots: &[i32]) -> WithQuery {
    let sub = Alias::new("sub");
    let id = Alias::new("id");
    let step = Query::select()
        .column((unit::Entity, unit::Column::Id))
        .from(unit::Entity)
        .inner_join(
            sub.clone(),
            Expr::col((unit::Entity, unit::Column::ParentId)).equals((sub.clone(), id.clone())),
        )
        // The agency too, so each step looks children up in the (agency, parent)
        // index: without it SQLite indexed every unit afresh on each call.
        .and_where(Expr::col((unit::Entity, unit::Column::AgencyId)).eq(agency))
        .to_owned();
    let start = Query::select()
        .column(unit::Column::Id)
        .from(unit::Entity)
        .and_where(unit::Column::AgencyId.eq(agency))
        .and_where(unit::Column::Id.is_in(roots.iter().copied()))
        .union(UnionType::Distinct, step)
        .to_owned();
    let cte = CommonTableExpression::new()
        .query(start)
        .column(id.clone())
        .table_name(sub.clone())
        .to_owned();
    let ids = Query::select().column(id).from(sub).to_owned();
    WithClause::new()
        .recursive(true)
        .cte(cte)
        .to_owned()
        .query(ids)
}

/// The given units of an agency and every unit below them (all its units when none
/// is given): campaign scopes, and what a unit leader leads.
pub async fn units_under(
    db: &impl ConnectionTrait,
    agency: i32,
    roots: &[i32],
) -> Result<Vec<i32>, AppError> {
    if roots.is_empty() {
        return Ok(unit::Entity::find()
            .select_only()
            .column(unit::Column::Id)
            .filter(unit::Column::AgencyId.eq(agency))
            .into_tuple()
            .all(db)
            .await?);
    }
    let stmt = db.get_database_backend().build(&subtree(agency, roots));
    let rows = sql::all::<UnitId>(db, stmt).await?;
    Ok(rows.into_iter().map(|r| r.id).collect())
}

pub fn nodes(units: &[unit::Model]) -> Vec<TreeNode> {
    units
        .iter()
        .map(|u| TreeNode {
            id: u.id,
            parent_id: u.parent_id,
            name: u.name.clone(),
            active: u.active,
        })
        .collect()
}

/// The current head of each unit of the agency (or of the `only` units), by unit id.
pub(crate) async fn heads(
    db: &impl ConnectionTrait,
    agency_id: i32,
    only: Option<&[i32]>,
) -> Result<HashMap<i32, employee::Model>, AppError> {
    let mut q = assignment::Entity::current()
        .filter(assignment::Column::AgencyId.eq(agency_id))
        .filter(assignment::Column::IsHead.eq(true));
    if let Some(units) = only {
        q = q.filter(assignment::Column::UnitId.is_in(units.iter().copied()));
    }
    let heads = q.all(db).await?;
    let mut people = by_ids::<employee::Model>(db, heads.iter().map(|a| a.employee_id)).await?;
    Ok(heads
        .into_iter()
        .filter_map(|a| Some((a.unit_id, people.remove(&a.employee_id)?)))
        .collect())
}

#[derive(FromQueryResult)]
struct Staff {
    unit_id: i32,
    n: i64,
}

/// Active staff currently in each unit of the agency (or of the `only` units).
async fn staff_counts(
    db: &impl ConnectionTrait,
    agency_id: i32,
    only: Option<&[i32]>,
) -> Result<HashMap<i32, i64>, AppError> {
    // SQL: a join (an employee read by key per assignment); the builder's
    // `IN (SELECT active employees)` made SQLite list all 250 000 employees each time.
    let stmt = match only {
        Some([]) => return Ok(HashMap::new()),
        Some(ids) => raw_sql!(
            Postgres,
            "SELECT a.unit_id, COUNT(*) AS n FROM assignments a
             JOIN employees e ON e.id = a.employee_id AND e.active
             WHERE a.end_date IS NULL AND a.agency_id = {agency_id} AND a.unit_id IN ({..ids})
             GROUP BY a.unit_id"
        ),
        None => raw_sql!(
            Postgres,
            "SELECT a.unit_id, COUNT(*) AS n FROM assignments a
             JOIN employees e ON e.id = a.employee_id AND e.active
             WHERE a.end_date IS NULL AND a.agency_id = {agency_id} GROUP BY a.unit_id"
        ),
    };
    let rows = sql::all::<Staff>(db, stmt).await?;
    Ok(rows.into_iter().map(|r| (r.unit_id, r.n)).collect())
}
