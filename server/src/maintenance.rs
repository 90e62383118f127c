//! Housekeeping the server runs while it serves: expired sessions, spent login
//! buckets and old login attempts go at start and then every hour, so a server that
//! runs for months does not keep them.

use std::time::Duration;

pub const PURGE_PERIOD: Duration = Duration::from_secs(3600);

/// Purges now and then every `period`, until the returned task is aborted.
pub fn purge_every(
    db: sea_orm::DatabaseConnection,
    period: Duration,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(period);
        loop {
            tick.tick().await;
            if let Err(e) = app::auth::service::purge_expired(&db).await {
                tracing::warn!("purging expired sessions failed: {e}");
            }
        }
    })
}
