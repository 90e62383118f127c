//! The HR employee list: one page of an agency's employees, searched by name or NIP,
//! narrowed to a unit and everything below it, remembered per process between
//! commits (`server::read_cache`). The page the benchmark measures.

use crate::auth::model::Actor;
use crate::error::AppError;
use crate::org::service::hr_agency;
use crate::people::model::{EmployeeFilter, EmployeePage, EmployeeRow};
use crate::server::entities::unit;
use crate::server::read_cache::ReadCache;
use crate::server::{sql, Db};
use sea_orm::{EntityTrait, Value};
use std::sync::Arc;

pub const PAGE_SIZE: u32 = 50;

/// The columns of an `EmployeeRow` and their kinds, for `sql::json_rows`.
const JSON_ROW: &[(&str, sql::Kind)] = &[
    ("id", sql::Kind::Plain),
    ("nip", sql::Kind::Plain),
    ("name", sql::Kind::Plain),
    ("status", sql::Kind::Plain),
    ("active", sql::Kind::Bool),
    ("unit_name", sql::Kind::Plain),
    ("position_name", sql::Kind::Plain),
    ("job_level", sql::Kind::Plain),
    ("is_head", sql::Kind::Bool),
];

/// Remembered list pages, per agency and filter (see `server::read_cache`).
pub type EmployeePages = ReadCache<(i32, EmployeeFilter), EmployeePage>;

/// One page of the agency's employees, for its HR administrators.
pub async fn list_employees(
    db: &Db,
    pages: &EmployeePages,
    actor: &Actor,
    f: &EmployeeFilter,
) -> Result<Arc<EmployeePage>, AppError> {
    let agency = hr_agency(actor)?;
    pages
        .get_or_load((agency, f.clone()), query_page(db, agency, f))
        .await
}

async fn query_page(db: &Db, agency: i32, f: &EmployeeFilter) -> Result<EmployeePage, AppError> {
    let page = f.page.max(1);
    let mut q = String::from(
        "SELECT e.id, e.nip, e.name, e.status, e.active, u.name AS unit_name, \
         p.name AS position_name, p.job_level, COALESCE(a.is_head, FALSE) AS is_head \
         FROM employees e \
         LEFT JOIN assignments a ON a.employee_id = e.id AND a.end_date IS NULL \
         LEFT JOIN units u ON u.id = a.unit_id \
         LEFT JOIN positions p ON p.id = a.position_id \
         WHERE e.agency_id = $1",
    );
    let mut vals: Vec<Value> = vec![agency.into()];
    if !f.include_inactive {
        q.push_str(" AND e.active = TRUE");
    }
    let term = f.q.trim().to_lowercase();
    if !term.is_empty() {
        let digits: String = term.chars().filter(|c| !c.is_whitespace()).collect();
        vals.push(format!("%{term}%").into());
        vals.push(format!("{digits}%").into());
        q.push_str(&format!(
            " AND (LOWER(e.name) LIKE ${} OR e.nip LIKE ${})",
            vals.len() - 1,
            vals.len()
        ));
    }
    if let Some(unit) = f.unit_id {
        vals.push(unit.into());
        q.push_str(&format!(
            " AND a.unit_id IN (WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE id = ${n} AND agency_id = $1 \
             UNION ALL SELECT u2.id FROM units u2 JOIN sub ON u2.parent_id = sub.id) SELECT id FROM sub)",
            n = vals.len()
        ));
    }
    q.push_str(&format!(
        " ORDER BY e.name, e.id LIMIT {} OFFSET {}",
        PAGE_SIZE + 1,
        (page - 1) * PAGE_SIZE
    ));
    let mut rows: Vec<EmployeeRow> = sql::json_rows(db, &q, vals, JSON_ROW, "name, id").await?;
    let has_next = rows.len() > PAGE_SIZE as usize;
    rows.truncate(PAGE_SIZE as usize);
    let unit_name = match f.unit_id {
        Some(u) => unit::Entity::find_by_id(u)
            .one(db)
            .await?
            .filter(|u| u.agency_id == agency)
            .map(|u| u.name),
        None => None,
    };
    Ok(EmployeePage {
        count: rows.len() as u32,
        rows,
        unit_name,
        page,
        page_size: PAGE_SIZE,
        has_next,
    })
}
