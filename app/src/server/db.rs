//! Connecting to SQLite (embedded default) or PostgreSQL (scale-out), and the write
//! transaction every mutation runs in.

use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{LazyLock, Mutex, OnceLock};
use std::time::Duration;

pub type Db = DatabaseConnection;

/// How long a write waits for its turn on SQLite before the user is told the server
/// is busy (503 with Retry-After). Writes take milliseconds and long work commits in
/// short chunks, so reaching this means real overload, not one slow writer.
pub const WRITE_WAIT: Duration = Duration::from_secs(10);

/// Opens a pool. SQLite runs in WAL mode so readers never wait for the writer; writes
/// go through one extra connection of their own (`writer`).
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let db = open(url, false).await?;
    if url.starts_with("sqlite:") && !url.contains(":memory:") && !url.contains("mode=memory") {
        let file = db
            .get_sqlite_connection_pool()
            .connect_options()
            .get_filename()
            .to_path_buf();
        let writer = open(url, true).await?;
        lock(&WRITERS).insert(file, writer);
    }
    Ok(db)
}

/// SQLite lets one transaction write at a time, and a writer that finds the lock taken
/// polls for it (busy_timeout) with no order: under many writers some wait past any
/// limit and fail. So every write of this process to a database file goes through
/// one connection whose pool hands it out first come, first served, and waits at most
/// `WRITE_WAIT` for it. Keyed by file: every pool on the same file shares the writer.
static WRITERS: LazyLock<Mutex<HashMap<PathBuf, DatabaseConnection>>> =
    LazyLock::new(Default::default);

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The connection to write through: SQLite's single writer of `db`'s file, or `db`
/// itself (PostgreSQL, which locks rows, or a database opened elsewhere).
pub fn writer(db: &DatabaseConnection) -> DatabaseConnection {
    if db.get_database_backend() != sea_orm::DbBackend::Sqlite {
        return db.clone();
    }
    let options = db.get_sqlite_connection_pool().connect_options();
    lock(&WRITERS)
        .get(options.get_filename())
        .cloned()
        .unwrap_or_else(|| db.clone())
}

/// Statements slower than this are logged with their text (`--slow-sql-ms`); off
/// unless asked. Set before `connect`.
static SLOW_SQL: OnceLock<Duration> = OnceLock::new();

/// Logs (as warnings) every statement that runs longer than `after`, for finding the
/// query behind a slow page on real data.
pub fn log_slow_statements(after: Duration) {
    let _ = SLOW_SQL.set(after);
}

async fn open(url: &str, writer: bool) -> Result<DatabaseConnection, DbErr> {
    let mut opt = ConnectOptions::new(url.to_string());
    match SLOW_SQL.get() {
        Some(after) => opt
            .sqlx_logging(true)
            .sqlx_logging_level(log::LevelFilter::Trace)
            .sqlx_slow_statements_logging_settings(log::LevelFilter::Warn, *after),
        None => opt.sqlx_logging(false),
    };
    opt.acquire_timeout(if writer {
        WRITE_WAIT
    } else {
        Duration::from_secs(10)
    });
    if url.starts_with("sqlite:") {
        opt.max_connections(if writer { 1 } else { 8 })
            .min_connections(1)
            .map_sqlx_sqlite_opts(move |o| {
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
                    // The writer copies the write-ahead log into the database file once
                    // it holds 64 MB rather than SQLite's 4 MB: a page written again and
                    // again (the end of an index being appended to) is copied once, and
                    // the commits that copy come sixteen times less often. Closing a
                    // large campaign took a tenth less (README, benchmark). The reading
                    // pool keeps SQLite's default; the size limit cuts the log file back
                    // to 64 MB after a large write.
                    .pragma("wal_autocheckpoint", if writer { "16384" } else { "1000" })
                    .pragma("journal_size_limit", "67108864")
            });
    } else {
        opt.max_connections(16).min_connections(1);
    }
    Database::connect(opt).await
}

/// Starts a transaction for a mutation, on SQLite through the process's one writer
/// (see `WRITERS`), taking the write lock at once (BEGIN IMMEDIATE): a deferred
/// transaction that reads first and writes later can fail with SQLITE_BUSY when
/// another process's writer got in between.
pub async fn write_tx(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    writer(db)
        .begin_with_options(TransactionOptions {
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

/// Commits a mutation and tells the read caches (every write goes through here or
/// `commit_unseen`; clippy.toml forbids the bare `DatabaseTransaction::commit`).
#[allow(clippy::disallowed_methods)]
pub async fn commit(tx: DatabaseTransaction) -> Result<(), DbErr> {
    tx.commit().await?;
    COMMITS.fetch_add(1, Ordering::AcqRel);
    Ok(())
}

/// Commits a write that no remembered answer can show, leaving the read caches
/// as they are. Only the writes `server::read_cache` lists qualify: the frequent
/// ones (a form saved, a login, a job's step before its last), which otherwise
/// retire every cache several times a second under ordinary traffic.
#[allow(clippy::disallowed_methods)]
pub async fn commit_unseen(tx: DatabaseTransaction) -> Result<(), DbErr> {
    tx.commit().await
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
