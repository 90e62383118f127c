//! Hand-written SQL that runs on both backends. Placeholders are written `$1`, `$2`
//! (PostgreSQL style) and rewritten to SQLite's numbered `?1`, `?2`.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement, Value};

pub fn stmt(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Statement {
    let backend = db.get_database_backend();
    let sql = match backend {
        DbBackend::Sqlite => sql.replace('$', "?"),
        _ => sql.to_string(),
    };
    Statement::from_sql_and_values(backend, sql, values)
}

pub async fn all(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> Result<Vec<QueryResult>, DbErr> {
    db.query_all_raw(stmt(db, sql, values)).await
}

pub async fn one(
    db: &impl ConnectionTrait,
    sql: &str,
    values: Vec<Value>,
) -> Result<Option<QueryResult>, DbErr> {
    db.query_one_raw(stmt(db, sql, values)).await
}

pub async fn exec(db: &impl ConnectionTrait, sql: &str, values: Vec<Value>) -> Result<u64, DbErr> {
    Ok(db.execute_raw(stmt(db, sql, values)).await?.rows_affected())
}

/// Reads a column by name.
pub fn get<T: sea_orm::TryGetable>(row: &QueryResult, col: &str) -> Result<T, DbErr> {
    row.try_get("", col)
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
    inner: &str,
    values: Vec<Value>,
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
    let sql = if pg {
        format!(
            "SELECT CAST(COALESCE(json_agg(json_build_object({}) ORDER BY {}), '[]'::json) AS TEXT) AS page FROM ({inner}) t",
            fields.join(", "),
            order.join(", ")
        )
    } else {
        // SQLite runs the ordered subquery as a co-routine and appends rows in the
        // order it yields them; an ORDER BY inside the aggregate would sort again.
        format!(
            "SELECT json_group_array(json_object({})) AS page FROM ({inner}) t",
            fields.join(", ")
        )
    };
    let row = one(db, &sql, values).await?;
    let text: String = match row {
        Some(r) => get(&r, "page")?,
        None => "[]".into(),
    };
    serde_json::from_str(&text).map_err(|e| DbErr::Custom(format!("json rows: {e}")))
}

/// Inserts many rows with multi-row INSERT statements (a few hundred rows each, well
/// under both backends' limits on bound values).
pub async fn insert_rows(
    db: &impl ConnectionTrait,
    table: &str,
    cols: &[&str],
    rows: Vec<Vec<Value>>,
) -> Result<u64, DbErr> {
    let per = (30_000 / cols.len().max(1)).clamp(1, 1000);
    let mut done = 0;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(per).collect();
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", cols.join(", "));
        let mut values = Vec::with_capacity(chunk.len() * cols.len());
        for (i, row) in chunk.into_iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for j in 0..row.len() {
                if j > 0 {
                    sql.push_str(", ");
                }
                sql.push('$');
                sql.push_str(&(values.len() + j + 1).to_string());
            }
            sql.push(')');
            values.extend(row);
        }
        done += exec(db, &sql, values).await?;
    }
    Ok(done)
}
