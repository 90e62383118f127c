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

/// Like `json_rows`, with each row as a JSON array of `cols` (decoded into a tuple):
/// for reading many narrow rows, e.g. every answer of a campaign.
pub async fn json_tuples<T: serde::de::DeserializeOwned>(
    db: &impl ConnectionTrait,
    inner: &str,
    values: Vec<Value>,
    cols: &[&str],
) -> Result<Vec<T>, DbErr> {
    let fields: Vec<String> = cols.iter().map(|c| format!("t.{c}")).collect();
    let sql = if db.get_database_backend() == DbBackend::Postgres {
        format!(
            "SELECT CAST(COALESCE(json_agg(json_build_array({})), '[]'::json) AS TEXT) AS page FROM ({inner}) t",
            fields.join(", ")
        )
    } else {
        format!(
            "SELECT json_group_array(json_array({})) AS page FROM ({inner}) t",
            fields.join(", ")
        )
    };
    let text: String = match one(db, &sql, values).await? {
        Some(r) => get(&r, "page")?,
        None => "[]".into(),
    };
    serde_json::from_str(&text).map_err(|e| DbErr::Custom(format!("json tuples: {e}")))
}

/// A number or NULL as SQL text, for values written into a statement instead of
/// bound (numbers cannot carry an injection; text is always bound).
pub fn literal(v: &Value) -> Option<String> {
    match v {
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

/// Inserts many rows with multi-row INSERT statements. Numbers and NULLs are written
/// into the statement and only text is bound, at most 200 values a statement: sqlx
/// looks every SQLite parameter up by position in a linear list, so binding costs
/// grow with the square of a statement's values (binding 30 000 values a statement
/// took three quarters of the time of closing a 250 000-employee campaign), while
/// every statement is a round trip to the driver's worker thread.
pub async fn insert_rows(
    db: &impl ConnectionTrait,
    table: &str,
    cols: &[&str],
    rows: Vec<Vec<Value>>,
) -> Result<u64, DbErr> {
    let bound_per_row = rows
        .first()
        .map(|r| r.iter().filter(|v| literal(v).is_none()).count())
        .unwrap_or(0);
    let per = (4000 / cols.len().max(1))
        .min(200 / bound_per_row.max(1))
        .max(1);
    let mut done = 0;
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let chunk: Vec<Vec<Value>> = rows.by_ref().take(per).collect();
        let mut sql = format!("INSERT INTO {table} ({}) VALUES ", cols.join(", "));
        let mut values = Vec::new();
        for (i, row) in chunk.into_iter().enumerate() {
            sql.push_str(if i > 0 { ", (" } else { "(" });
            for (j, v) in row.into_iter().enumerate() {
                if j > 0 {
                    sql.push_str(", ");
                }
                match literal(&v) {
                    Some(text) => sql.push_str(&text),
                    None => {
                        values.push(v);
                        sql.push('$');
                        sql.push_str(&values.len().to_string());
                    }
                }
            }
            sql.push(')');
        }
        done += exec(db, &sql, values).await?;
    }
    Ok(done)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_nulls_are_written_and_text_is_always_bound() {
        assert_eq!(literal(&Value::Int(Some(-7))).as_deref(), Some("-7"));
        assert_eq!(literal(&Value::Double(Some(2.5))).as_deref(), Some("2.5"));
        assert_eq!(
            literal(&Value::Double(Some(1.0 / 3.0)))
                .unwrap()
                .parse::<f64>()
                .unwrap(),
            1.0 / 3.0
        );
        assert_eq!(literal(&Value::Double(Some(f64::NAN))), None);
        assert_eq!(literal(&Value::Int(None)).as_deref(), Some("NULL"));
        assert_eq!(
            literal(&Value::String(Some("1); DROP TABLE x; --".into()))),
            None
        );
    }
}
