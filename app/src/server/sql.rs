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
