//! The HR employee list: one page of an agency's employees, searched by name or NIP,
//! narrowed to a unit and everything below it, remembered per process between
//! commits (`server::read_cache`). The page the benchmark measures.

use crate::auth::model::Actor;
use crate::error::AppError;
use crate::org::service::hr_agency;
use crate::org::service::subtree;
use crate::people::model::{EmployeeFilter, EmployeePage, EmployeeRow};
use crate::server::entities::{assignment, employee, position, unit};
use crate::server::read_cache::ReadCache;
use crate::server::{sql, Db};
use sea_orm::sea_query::{
    Alias, BinOper, Expr, ExprTrait, Func, JoinType, LikeExpr, Order, Query, SelectStatement,
    SubQueryStatement,
};
use sea_orm::DbBackend;
use sea_orm::EntityTrait;
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

pub fn register(caches: &mut crate::server::caches::Caches, config: &crate::server::Config) {
    caches.register(EmployeePages::new(config.read_cache));
}

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

fn col(table: &str, column: &str) -> Expr {
    Expr::col((Alias::new(table), Alias::new(column)))
}

/// Every employee's row as the list shows it: `e` the employee, `a` their current
/// assignment, `u` its unit and `p` its position.
fn rows() -> SelectStatement {
    let mut q = Query::select();
    for (t, c, name) in [
        ("e", "id", "id"),
        ("e", "nip", "nip"),
        ("e", "name", "name"),
        ("e", "status", "status"),
        ("e", "active", "active"),
        ("u", "name", "unit_name"),
        ("p", "name", "position_name"),
        ("p", "job_level", "job_level"),
    ] {
        q.expr_as(col(t, c), Alias::new(name));
    }
    let not_head = Expr::Constant(false.into());
    q.expr_as(
        Func::coalesce([col("a", "is_head"), not_head]),
        Alias::new("is_head"),
    )
    .from_as(employee::Entity, Alias::new("e"));
    let current = col("a", "employee_id")
        .equals(("e", "id"))
        .and(col("a", "end_date").is_null());
    q.join_as(
        JoinType::LeftJoin,
        assignment::Entity,
        Alias::new("a"),
        current,
    );
    let in_unit = col("u", "id").equals(("a", "unit_id"));
    q.join_as(JoinType::LeftJoin, unit::Entity, Alias::new("u"), in_unit);
    let in_position = col("p", "id").equals(("a", "position_id"));
    q.join_as(
        JoinType::LeftJoin,
        position::Entity,
        Alias::new("p"),
        in_position,
    );
    q
}

/// `e.id IN (the employees currently placed where `cond` says, `h` their
/// assignment)`. A filter on the place written against the joined assignment `a`
/// made SQLite join every employee's assignment before testing it: 0.4 s for one
/// unit of a 250 000-employee agency; as a set of ids it is computed once, from the
/// assignments' unit and position indexes.
fn held(cond: Expr) -> Expr {
    let mut s = Query::select();
    s.expr(col("h", "employee_id"))
        .from_as(assignment::Entity, Alias::new("h"))
        .and_where(col("h", "end_date").is_null())
        .and_where(cond);
    col("e", "id").in_subquery(s)
}

/// On SQLite, the employees whose name contains `term`, from the trigram index
/// (migration `name_search`): reading every name took 0.1–0.2 s at 250 000. None
/// where the index cannot answer (under three characters, or a `%`, `_` or `\\`,
/// which need an ESCAPE the index does not take): then every name is read. On
/// PostgreSQL `LOWER(name) LIKE` uses its trigram index as it is.
fn named_like(backend: DbBackend, term: &str) -> Option<Expr> {
    let plain = !term.contains(['%', '_', '\\']);
    if backend != DbBackend::Sqlite || term.chars().count() < 3 || !plain {
        return None;
    }
    let mut s = Query::select();
    s.expr(Expr::cust("rowid"))
        .from(Alias::new("employee_names"))
        .and_where(Expr::col(Alias::new("name")).like(LikeExpr::new(format!("%{term}%"))));
    Some(col("e", "id").in_subquery(s))
}

/// The page's query, built for the connection's backend: only the filters asked
/// for appear in it, so SQLite can read the page straight from the covering index.
fn page_query(backend: DbBackend, agency: i32, f: &EmployeeFilter) -> SelectStatement {
    let mut q = rows();
    q.and_where(col("e", "agency_id").eq(agency));
    if f.inactive_only {
        q.and_where(col("e", "active").eq(Expr::cust("FALSE")));
    } else if !f.include_inactive {
        // Written out, not bound: see `page_statement`.
        q.and_where(col("e", "active").eq(Expr::cust("TRUE")));
    }
    if let Some(p) = f.position_id {
        q.and_where(held(col("h", "position_id").eq(p)));
    }
    if let Some(level) = f.job_level {
        let mut of_level = Query::select();
        of_level
            .expr(col("x", "id"))
            .from_as(position::Entity, Alias::new("x"))
            .and_where(col("x", "agency_id").eq(agency))
            .and_where(col("x", "job_level").eq(level.code()));
        q.and_where(held(col("h", "position_id").in_subquery(of_level)));
    }
    if let Some(status) = f.status {
        q.and_where(col("e", "status").eq(status.code()));
    }
    let term = f.q.trim().to_lowercase();
    if !term.is_empty() {
        // A name, the start of a NIP, or the name of the position or unit held
        // ("perawat", "puskesmas" find the people there).
        // Positions and units are few: their names are matched once, in a subquery,
        // and each employee row is then a set lookup, not two more text scans.
        let digits: String = term.chars().filter(|c| !c.is_whitespace()).collect();
        let like =
            |t: &str, c: &str| Expr::expr(Func::lower(col(t, c))).like(sql::like(&term, true));
        let named = |table: &str, column: &str| {
            let mut s = Query::select();
            s.expr(col("x", "id"))
                .from_as(Alias::new(table), Alias::new("x"))
                .and_where(col("x", "agency_id").eq(agency))
                .and_where(like("x", "name"));
            held(col("h", column).in_subquery(s))
        };
        let found = named_like(backend, &term)
            .unwrap_or_else(|| like("e", "name"))
            .or(col("e", "nip").like(sql::like(&digits, false)))
            .or(named("positions", "position_id"))
            .or(named("units", "unit_id"));
        q.and_where(found);
    }
    if let (Some(unit), true) = (f.unit_id, f.direct_only) {
        q.and_where(held(col("h", "unit_id").eq(unit)));
    } else if let Some(unit) = f.unit_id {
        let below = SubQueryStatement::WithStatement(subtree(agency, &[unit]));
        let below = Expr::SubQuery(None, Box::new(below));
        q.and_where(held(col("h", "unit_id").binary(BinOper::In, below)));
    }
    q.order_by(("e", "name"), Order::Asc)
        .order_by(("e", "id"), Order::Asc);
    q
}

/// The page's statement. Its page window and the active flag are written into the
/// text, not bound: with them bound, SQLite through sqlx served the uncached page
/// about 30 % slower (measured with `bench/run.sh --no-read-cache` style runs, A/B
/// on the same data). Both are numbers or keywords this code makes, never input.
fn page_statement(
    backend: sea_orm::DbBackend,
    agency: i32,
    f: &EmployeeFilter,
    page: u32,
) -> sea_orm::Statement {
    let mut stmt = backend.build(&page_query(backend, agency, f));
    let offset = (page - 1) * PAGE_SIZE;
    stmt.sql
        .push_str(&format!(" LIMIT {} OFFSET {offset}", PAGE_SIZE + 1));
    stmt
}

async fn query_page(db: &Db, agency: i32, f: &EmployeeFilter) -> Result<EmployeePage, AppError> {
    let page = std::cmp::max(f.page, 1);
    // SQL of its own: the page the benchmark measures, aggregated to one JSON value.
    let inner = page_statement(db.get_database_backend(), agency, f, page);
    let mut rows: Vec<EmployeeRow> = sql::json_rows(db, inner, JSON_ROW, "name, id").await?;
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
    let positions = crate::people::service::positions::position_options(db, agency).await?;
    Ok(EmployeePage {
        positions,
        count: rows.len() as u32,
        rows,
        unit_name,
        page,
        page_size: PAGE_SIZE,
        has_next,
    })
}
