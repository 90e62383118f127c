//! Connecting to SQLite (embedded default) or PostgreSQL (scale-out), and the write
//! transaction every mutation runs in.

use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

pub type Db = DatabaseConnection;

/// Opens a pool. SQLite runs in WAL mode so readers never wait for the writer.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut opt = ConnectOptions::new(url.to_string());
    opt.sqlx_logging(false)
        .acquire_timeout(Duration::from_secs(10));
    if url.starts_with("sqlite:") {
        opt.max_connections(8)
            .min_connections(1)
            .map_sqlx_sqlite_opts(|o| {
                use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
                o.create_if_missing(true)
                    .journal_mode(SqliteJournalMode::Wal)
                    .synchronous(SqliteSynchronous::Normal)
                    .busy_timeout(Duration::from_secs(15))
                    .foreign_keys(true)
                    // 16 MB of page cache per connection (the default is 2 MB): closing
                    // a large campaign reads and writes far more than that.
                    .pragma("cache_size", "-16384")
                    // Reads through a memory map instead of copying each page out of
                    // the OS cache (a third of closing a large campaign was those copies).
                    .pragma("mmap_size", "1073741824")
            });
    } else {
        opt.max_connections(16).min_connections(1);
    }
    Database::connect(opt).await
}

/// Starts a transaction for a mutation. On SQLite it takes the write lock at once
/// (BEGIN IMMEDIATE): a deferred transaction that reads first and writes later can
/// fail with SQLITE_BUSY when another writer got in between.
pub async fn write_tx(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}

/// Commits made by this process (see `server::read_cache`).
static COMMITS: AtomicU64 = AtomicU64::new(0);

pub fn commits() -> u64 {
    COMMITS.load(Ordering::Acquire)
}

/// Commits a mutation and tells the read caches (every write goes through here;
/// clippy.toml forbids the bare `DatabaseTransaction::commit`).
#[allow(clippy::disallowed_methods)]
pub async fn commit(tx: DatabaseTransaction) -> Result<(), DbErr> {
    tx.commit().await?;
    COMMITS.fetch_add(1, Ordering::AcqRel);
    Ok(())
}

/// Now, truncated to whole seconds so SQLite and PostgreSQL store the same value
/// (the audit hash covers it).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    use chrono::{SubsecRound, Utc};
    Utc::now().trunc_subsecs(0)
}

pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}
