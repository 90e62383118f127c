//! Sessions for the mixed benchmark: thousands of employees logged in at once, each
//! with a session of their own. Made directly (no password check): a benchmark that
//! first hashed 5 000 passwords would measure the hashing, which the login test and
//! the throttle already cover.

use super::bench::{employee_account, BENCH_USER};
use app::audit::service::{record, By, Entry};
use app::auth::rules::SESSION_HOURS;
use app::server::entities::{session, user};
use app::server::{db, sql, write_tx};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;

/// Logs in the bench agency's first `n` employee accounts; (token, employee id) each.
pub async fn generate(db: &DatabaseConnection, n: usize) -> Result<Vec<(String, i32)>, DbErr> {
    let names: Vec<String> = (1..=n).map(employee_account).collect();
    let mut users = Vec::new();
    for part in names.chunks(500) {
        users.extend(
            user::Entity::find()
                .filter(user::Column::Username.is_in(part.iter().cloned()))
                .order_by_asc(user::Column::Id)
                .all(db)
                .await?,
        );
    }
    let hr = user::Entity::find()
        .filter(user::Column::Username.eq(BENCH_USER))
        .one(db)
        .await?
        .ok_or(DbErr::RecordNotFound("run gen-bench first".into()))?;
    let now = db::now();
    let mut made = Vec::new();
    let mut rows = Vec::new();
    for u in &users {
        let token = app::auth::token::new();
        rows.push(session::ActiveModel {
            id: Set(app::auth::token::hash(&token)),
            user_id: Set(u.id),
            created_at: Set(now),
            expires_at: Set(now + chrono::Duration::hours(SESSION_HOURS)),
            ip: Set("bench".into()),
            last_seen_at: Set(Some(now)),
        });
        made.push((token, u.employee_id.unwrap_or_default()));
    }
    let tx = write_tx(db).await?;
    sql::insert_many(&tx, rows).await?;
    let entry = Entry {
        agency_id: hr.agency_id,
        action: "generate_sessions",
        entity: "agency",
        entity_id: hr.agency_id.unwrap_or_default().to_string(),
        summary: json!({ "sessions": made.len() }),
    };
    record(&tx, &By::system("bench"), entry).await?;
    app::server::commit(tx).await?;
    Ok(made)
}
