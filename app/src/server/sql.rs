//! The database edge for SQL written by hand. Reads and writes go through the
//! entities (SeaORM's query builder) unless a query was measured to need SQL of its
//! own (closing a campaign, the list pages, the dashboard) or says what the builder
//! cannot say plainly (walking the unit tree). Such SQL:
//!
//! - is written with SeaORM's `raw_sql!(Postgres, "... {name} ...")`: parameters by
//!   name, `{..list}` for `IN` lists, never spliced into the text. Its `$1`-style
//!   placeholders are SQLite syntax too (SQLite's `$NNN` parameters, bound by number),
//!   so one text serves both backends; `on` tags the statement with the connection's;
//! - reads into a named row type: `#[derive(FromQueryResult)]` read by `all`, or a serde type for rows the database aggregates into
//!   one JSON value (`json_rows`). A column that fails to decode is an error that
//!   reaches the caller (and the log), never a row silently left out.
//!
//! Many rows are written with `insert_many`, which names every column from the
//! entity, writes numbers into the statement and binds only text (measured, below).

use sea_orm::sea_query::{Expr, InsertStatement, LikeExpr};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DbBackend, DbErr, EntityName, EntityTrait, FromQueryResult,
    Iterable, Statement, Value,
};

/// The statement, for the backend of `db`.
pub fn on(db: &impl ConnectionTrait, mut stmt: Statement) -> Statement {
    stmt.db_backend = db.get_database_backend();
    stmt
}

/// The rows of a hand-written statement, read into `R` (on the backend of `db`).
pub async fn all<R: FromQueryResult>(
    db: &impl ConnectionTrait,
    stmt: Statement,
) -> Result<Vec<R>, DbErr> {
    R::find_by_statement(on(db, stmt)).all(db).await
}

/// How a column is written into JSON: as it is, or as a JSON boolean (SQLite keeps
/// booleans as 0/1).
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    Plain,
    Bool,
}

/// Runs `inner` and returns its rows aggregated by the database into one JSON array,
/// decoded into `T`. One row crosses the driver instead of many: for list pages this
/// is several times cheaper than decoding row by row. `order` repeats the inner
/// query's ORDER BY (column names) so the array keeps that order.
pub async fn json_rows<T: serde::de::DeserializeOwned>(
    db: &impl ConnectionTrait,
    inner: Statement,
    cols: &[(&str, Kind)],
    order: &str,
) -> Result<Vec<T>, DbErr> {
    let pg = db.get_database_backend() == DbBackend::Postgres;
    let fields: Vec<String> = cols
        .iter()
        .map(|(c, k)| match (k, pg) {
            (Kind::Bool, false) => {
                format!("'{c}', CASE WHEN t.{c} THEN json('true') ELSE json('false') END")
            }
            _ => format!("'{c}', t.{c}"),
        })
        .collect();
    let order: Vec<String> = order
        .split(',')
        .map(|c| format!("t.{}", c.trim()))
        .collect();
    let agg = if pg {
        format!(
            "CAST(COALESCE(json_agg(json_build_object({}) ORDER BY {}), '[]'::json) AS TEXT)",
            fields.join(", "),
            order.join(", ")
        )
    } else {
        // SQLite runs the ordered subquery as a co-routine and appends rows in the
        // order it yields them; an ORDER BY inside the aggregate would sort again.
        format!("json_group_array(json_object({}))", fields.join(", "))
    };
    aggregate(db, inner, &agg).await
}

/// Like `json_rows`, with each row as a JSON array of `cols` (decoded into a tuple):
/// for reading many narrow rows, e.g. every answer of a campaign.
pub async fn json_tuples<T: serde::de::DeserializeOwned>(
    db: &impl ConnectionTrait,
    inner: Statement,
    cols: &[&str],
) -> Result<Vec<T>, DbErr> {
    let fields: Vec<String> = cols.iter().map(|c| format!("t.{c}")).collect();
    let agg = if db.get_database_backend() == DbBackend::Postgres {
        format!(
            "CAST(COALESCE(json_agg(json_build_array({})), '[]'::json) AS TEXT)",
            fields.join(", ")
        )
    } else {
        format!("json_group_array(json_array({}))", fields.join(", "))
    };
    aggregate(db, inner, &agg).await
}

/// `SELECT <agg> FROM (<inner>)`, decoded from JSON. The inner statement keeps its
/// placeholders and values as built.
async fn aggregate<T: serde::de::DeserializeOwned>(
    db: &impl ConnectionTrait,
    inner: Statement,
    agg: &str,
) -> Result<Vec<T>, DbErr> {
    let sql = format!("SELECT {agg} AS page FROM ({}) t", inner.sql);
    let stmt = Statement {
        sql,
        values: inner.values,
        db_backend: db.get_database_backend(),
    };
    let text: String = match db.query_one_raw(stmt).await? {
        Some(row) => row.try_get("", "page")?,
        None => "[]".into(),
    };
    serde_json::from_str(&text).map_err(|e| DbErr::Json(format!("aggregated rows: {e}")))
}

/// A number, NULL or code written into a statement instead of bound: numbers and
/// codes (lowercase letters, digits and `_` only, as every `coded!` value is) cannot
/// carry an injection; any other text is always bound. Writing codes in lets a rater
/// list's rows go 570 to a statement instead of 66 (three codes each).
pub fn literal(v: &Value) -> Option<String> {
    match v {
        Value::String(Some(s)) if is_code(s) => Some(format!("'{s}'")),
        Value::TinyInt(Some(n)) => Some(n.to_string()),
        Value::SmallInt(Some(n)) => Some(n.to_string()),
        Value::Int(Some(n)) => Some(n.to_string()),
        Value::BigInt(Some(n)) => Some(n.to_string()),
        Value::Double(Some(f)) if f.is_finite() => Some(format!("{f:?}")),
        Value::Bool(Some(b)) => Some(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Value::TinyInt(None)
        | Value::SmallInt(None)
        | Value::Int(None)
        | Value::BigInt(None)
        | Value::Double(None)
        | Value::Bool(None)
        | Value::String(None) => Some("NULL".to_string()),
        _ => None,
    }
}

/// The LIKE pattern of a search text: `%text%` (contains) or `text%` (starts with),
/// where a `%`, `_` or `\\` the user typed matches itself.
pub fn like(text: &str, contains: bool) -> LikeExpr {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let lead = if contains { "%" } else { "" };
    LikeExpr::new(format!("{lead}{escaped}%")).escape('\\')
}

/// Inserts many rows of one entity, the columns named by the entity (those set in
/// the first row; every row must set the same). Numbers and NULLs are written into
/// the statement and only text is bound, at most 200 values a statement: sqlx looks
/// every SQLite parameter up by position in a linear list, so binding costs grow
/// with the square of a statement's values (binding 30 000 values a statement took
/// three quarters of the time of closing a 250 000-employee campaign), while every
/// statement is a round trip to the driver's worker thread.
pub async fn insert_many<A>(db: &impl ConnectionTrait, rows: Vec<A>) -> Result<u64, DbErr>
where
    A: ActiveModelTrait,
{
    let Some(first) = rows.first() else {
        return Ok(0);
    };
    let cols: Vec<<A::Entity as EntityTrait>::Column> = <A::Entity as EntityTrait>::Column::iter()
        .filter(|c| first.get(*c).is_set())
        .collect();
    // A column the first row sets and a later row leaves unset is an error, never a
    // NULL written in its place.
    let values = |row: &A| -> Result<Vec<Value>, DbErr> {
        cols.iter()
            .map(|c| {
                row.get(*c).into_value().ok_or_else(|| {
                    DbErr::Custom(format!(
                        "insert_many: a row leaves {} unset",
                        sea_orm::IdenStatic::as_str(c)
                    ))
                })
            })
            .collect()
    };
    let max_rows = (4000 / cols.len().max(1)).max(1);
    let new_insert = || {
        let mut insert = InsertStatement::new();
        insert
            .into_table(<A::Entity as Default>::default().table_ref())
            .columns(cols.iter().copied());
        insert
    };
    let (mut insert, mut in_it, mut bound) = (new_insert(), 0, 0);
    let mut done = 0;
    for row in &rows {
        let vals = values(row)?;
        let binds = vals.iter().filter(|v| literal(v).is_none()).count();
        // A statement ends before a row that would take it past 200 bound values.
        if in_it == max_rows || (in_it > 0 && bound + binds > 200) {
            done += db.execute(&insert).await?.rows_affected();
            (insert, in_it, bound) = (new_insert(), 0, 0);
        }
        let exprs = vals.into_iter().map(|v| match literal(&v) {
            Some(_) => Expr::Constant(v),
            None => Expr::Value(v),
        });
        insert
            .values(exprs)
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        (in_it, bound) = (in_it + 1, bound + binds);
    }
    if in_it > 0 {
        done += db.execute(&insert).await?.rows_affected();
    }
    Ok(done)
}

fn is_code(s: &str) -> bool {
    (1..=40).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
#[path = "sql_tests.rs"]
mod tests;

/// Adds rows of counts to the stored ones: `INSERT … ON CONFLICT (key) DO UPDATE SET
/// c = table.c + excluded.c` for each column of `add`, 500 rows a statement. Each row
/// is its values written out in the order of `fixed` then `add`, numbers and fixed
/// codes only (nothing a user typed); `key` (among `fixed`) is the unique index the
/// rows meet. The per-block sums closing keeps (training needs, fair-assessor sums),
/// whose groups span blocks.
pub async fn add_to(
    db: &impl ConnectionTrait,
    table: &str,
    (fixed, key, add): (&[&str], &[&str], &[&str]),
    rows: &[String],
) -> Result<(), DbErr> {
    let set: Vec<String> = add
        .iter()
        .map(|c| format!("{c} = {table}.{c} + excluded.{c}"))
        .collect();
    let (conflict, cols) = (key.join(", "), [fixed, add].concat().join(", "));
    for part in rows.chunks(500) {
        let text = format!(
            "INSERT INTO {table} ({cols}) VALUES {} ON CONFLICT ({conflict}) DO UPDATE SET {}",
            part.join(", "),
            set.join(", ")
        );
        db.execute_raw(Statement::from_string(db.get_database_backend(), text))
            .await?;
    }
    Ok(())
}
