//! Finding employees by any part of their name without reading every name: a trigram
//! index. On SQLite an FTS5 table with the trigram tokenizer over `employees.name`
//! (external content, kept in step by triggers, so every writer, the app or sqlite3 by
//! hand, keeps it right); on PostgreSQL `pg_trgm`'s GIN index on `lower(name)`, which
//! `LOWER(name) LIKE '%…%'` uses as it is. Both answer for three characters or more.

use crate::util::exec;
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

const SQLITE_UP: &[&str] = &[
    "CREATE VIRTUAL TABLE employee_names USING fts5(name, content='employees', \
     content_rowid='id', tokenize='trigram')",
    "INSERT INTO employee_names(employee_names) VALUES ('rebuild')",
    "CREATE TRIGGER employee_names_insert AFTER INSERT ON employees BEGIN \
     INSERT INTO employee_names(rowid, name) VALUES (new.id, new.name); END",
    "CREATE TRIGGER employee_names_delete AFTER DELETE ON employees BEGIN \
     INSERT INTO employee_names(employee_names, rowid, name) VALUES ('delete', old.id, old.name); END",
    "CREATE TRIGGER employee_names_update AFTER UPDATE OF name ON employees BEGIN \
     INSERT INTO employee_names(employee_names, rowid, name) VALUES ('delete', old.id, old.name); \
     INSERT INTO employee_names(rowid, name) VALUES (new.id, new.name); END",
];

const SQLITE_DOWN: &[&str] = &[
    "DROP TRIGGER IF EXISTS employee_names_update",
    "DROP TRIGGER IF EXISTS employee_names_delete",
    "DROP TRIGGER IF EXISTS employee_names_insert",
    "DROP TABLE IF EXISTS employee_names",
];

const POSTGRES_UP: &[&str] = &[
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_employees_name_trgm ON employees USING gin (lower(name) gin_trgm_ops)",
];

const POSTGRES_DOWN: &[&str] = &["DROP INDEX IF EXISTS ix_employees_name_trgm"];

/// Runs the statements for the connection's database, in order.
async fn run(m: &SchemaManager<'_>, sqlite: &[&str], postgres: &[&str]) -> Result<(), DbErr> {
    let steps = match m.get_database_backend() {
        DbBackend::Sqlite => sqlite,
        _ => postgres,
    };
    for sql in steps {
        exec(m, sql).await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        run(m, SQLITE_UP, POSTGRES_UP).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        run(m, SQLITE_DOWN, POSTGRES_DOWN).await
    }
}
