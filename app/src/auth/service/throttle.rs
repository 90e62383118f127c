//! Login throttling. Every account has one bucket of tries (whether it is named by
//! username or by NIP); a try is taken from it atomically *before* the password is
//! checked, so a burst of parallel guesses gets no more tries than a sequence would.
//! An address is limited only when what it does looks like guessing (see
//! `rules::AddressRecord`), and even then an account with no recent failures is
//! still let in with its correct password.

use crate::auth::rules::{self, AddressRecord};
use crate::error::AppError;
use crate::server::entities::{login_attempt, login_bucket, user};
use crate::server::{db, sql};
use chrono::Duration;
use sea_orm::{raw_sql, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter};

/// The bucket of an account that exists, or of a name that matches none (so trying
/// unknown names costs the same as trying real ones).
pub fn bucket_key(user: Option<&user::Model>, account: &str) -> String {
    match user {
        Some(u) => format!("u:{}", u.id),
        None => format!("n:{account}"),
    }
}

/// What the address's recent failures look like.
pub async fn address_record(
    db: &impl ConnectionTrait,
    ip: &str,
) -> Result<AddressRecord, AppError> {
    let since = db::now() - Duration::seconds(rules::FAILURE_WINDOW_SECS);
    // SQL: failures not followed by a success of the same account from the same
    // address (a typo then the right password is not guessing), counted in one pass.
    let stmt = raw_sql!(
        Postgres,
        "SELECT COUNT(*) AS open_failures, COUNT(DISTINCT f.account) AS failing_accounts
         FROM login_attempts f WHERE f.ip = {ip} AND f.success = FALSE AND f.at > {since}
         AND NOT EXISTS (SELECT 1 FROM login_attempts s WHERE s.ip = f.ip
           AND s.account = f.account AND s.success = TRUE AND s.at >= f.at)"
    );
    let row = sql::all::<AddressRecord>(db, stmt)
        .await?
        .into_iter()
        .next();
    Ok(row.unwrap_or_default())
}

#[derive(FromQueryResult)]
struct Bucket {
    tries: i32,
    window_start: i64,
}

/// Takes one try from the bucket (starting a new window when the last one has
/// passed) and says whether the password may be checked.
pub async fn take_try(
    db: &impl ConnectionTrait,
    bucket: &str,
    guessing_address: bool,
) -> Result<(), AppError> {
    let now = db::now().timestamp();
    let cutoff = now - rules::FAILURE_WINDOW_SECS;
    // SQL: one atomic upsert that counts the try and returns the count; the builder
    // cannot say "restart the window when it has passed" in the conflict clause.
    let stmt = raw_sql!(
        Postgres,
        "INSERT INTO login_buckets (bucket, tries, window_start) VALUES ({bucket}, 1, {now})
         ON CONFLICT (bucket) DO UPDATE SET
           tries = CASE WHEN login_buckets.window_start <= {cutoff} THEN 1
                        ELSE login_buckets.tries + 1 END,
           window_start = CASE WHEN login_buckets.window_start <= {cutoff} THEN {now}
                               ELSE login_buckets.window_start END
         RETURNING tries, window_start"
    );
    let b = sql::all::<Bucket>(db, stmt)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| crate::error::internal("login bucket upsert returned no row"))?;
    rules::may_try(b.tries, b.window_start, now, guessing_address).map_err(|m| {
        AppError::RateLimited {
            retry_after_minutes: m,
        }
    })
}

/// After a successful login the account's bucket is empty again.
pub async fn clear(db: &impl ConnectionTrait, bucket: &str) -> Result<(), AppError> {
    login_bucket::Entity::delete_by_id(bucket.to_string())
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets buckets whose window has passed and attempts older than 30 days.
pub async fn purge(db: &impl ConnectionTrait) -> Result<(), AppError> {
    let cutoff = db::now().timestamp() - rules::FAILURE_WINDOW_SECS;
    login_bucket::Entity::delete_many()
        .filter(login_bucket::Column::WindowStart.lt(cutoff))
        .exec(db)
        .await?;
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::At.lt(db::now() - Duration::days(30)))
        .exec(db)
        .await?;
    Ok(())
}
