//! Sessions: who a cookie belongs to, logging out, and purging what has expired.

use crate::audit::service::{self as audit, By, Entry};
use crate::auth::model::{Actor, Grant, Role};
use crate::auth::rules;
use crate::error::AppError;
use crate::server::entities::{assignment, session, user, user_role};
use crate::server::{db, write_tx};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};
use serde_json::json;

pub async fn logout(db: &DatabaseConnection, token_hash: &str) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    if let Some(s) = session::Entity::find_by_id(token_hash.to_string())
        .one(&tx)
        .await?
    {
        let u = user::Entity::find_by_id(s.user_id).one(&tx).await?;
        session::Entity::delete_by_id(token_hash.to_string())
            .exec(&tx)
            .await?;
        if let Some(u) = u {
            audit::record(
                &tx,
                &By {
                    user_id: Some(u.id),
                    label: u.username.clone(),
                },
                Entry {
                    agency_id: u.agency_id,
                    action: "logout",
                    entity: "user",
                    entity_id: u.id.to_string(),
                    summary: json!({}),
                },
            )
            .await?;
        }
    }
    crate::server::commit(tx).await?;
    Ok(())
}

/// The user behind a session, if the session is alive (see `rules::session_alive`)
/// and the user still active. A session in use has its last request written down
/// every few minutes, outside any transaction: it is bookkeeping, not a change
/// anyone's pages depend on, so it does not retire the read caches either.
pub async fn actor_for_session(
    db: &DatabaseConnection,
    token_hash: &str,
) -> Result<Option<Actor>, AppError> {
    let Some(s) = session::Entity::find_by_id(token_hash.to_string())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let now = db::now();
    let last_seen = s.last_seen_at.unwrap_or(s.created_at);
    if !rules::session_alive(
        s.expires_at.timestamp(),
        last_seen.timestamp(),
        now.timestamp(),
    ) {
        return Ok(None);
    }
    let Some(u) = user::Entity::find_by_id(s.user_id)
        .one(db)
        .await?
        .filter(|u| u.active)
    else {
        return Ok(None);
    };
    if (now - last_seen).num_seconds() >= rules::SESSION_TOUCH_SECS {
        touch(&db::writer(db), token_hash, now).await;
    }
    Ok(Some(load_actor(db, u).await?))
}

/// Writes down a session's last request. It is a write on a read path: on SQLite it
/// takes its turn at the one writer behind every save in the queue, and a page must
/// not wait for that, so it waits a quarter of a second at most and a miss is only logged (the next request
/// tries again; the idle limit is hours).
async fn touch(db: &impl ConnectionTrait, token_hash: &str, now: chrono::DateTime<chrono::Utc>) {
    let update = session::Entity::update_many()
        .col_expr(session::Column::LastSeenAt, Expr::value(now))
        .filter(session::Column::Id.eq(token_hash))
        .exec(db);
    match tokio::time::timeout(std::time::Duration::from_millis(250), update).await {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => tracing::warn!("session last-seen not written: {e}"),
        Err(_) => tracing::warn!("session last-seen not written: the database is busy"),
    }
}

/// What the user may do: the roles granted to the account, and a unit leader's right
/// over every unit they head by their current appointment. Leadership is derived,
/// never stored, so a head moved to another unit loses the old unit's pages at once
/// and the newly appointed head gains them, whoever made the move.
pub async fn grants_of(db: &impl ConnectionTrait, u: &user::Model) -> Result<Vec<Grant>, AppError> {
    let mut grants: Vec<Grant> = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(u.id))
        .filter(user_role::Column::Role.ne(Role::UnitLeader))
        .all(db)
        .await?
        .into_iter()
        .map(|r| Grant {
            role: r.role,
            agency_id: r.agency_id,
            unit_id: r.unit_id,
        })
        .collect();
    if let Some(employee) = u.employee_id {
        let heads = assignment::Entity::current()
            .filter(assignment::Column::EmployeeId.eq(employee))
            .filter(assignment::Column::IsHead.eq(true))
            .all(db)
            .await?;
        grants.extend(heads.into_iter().map(|a| Grant {
            role: Role::UnitLeader,
            agency_id: Some(a.agency_id),
            unit_id: Some(a.unit_id),
        }));
    }
    Ok(grants)
}

pub async fn load_actor(db: &impl ConnectionTrait, u: user::Model) -> Result<Actor, AppError> {
    let grants = grants_of(db, &u).await?;
    let agency_name = match u.agency_id {
        Some(a) => crate::server::entities::agency::Entity::find_by_id(a)
            .one(db)
            .await?
            .map(|a| a.name),
        None => None,
    };
    Ok(Actor {
        user_id: u.id,
        username: u.username,
        display_name: u.display_name,
        employee_id: u.employee_id,
        agency_id: u.agency_id,
        agency_name,
        grants,
        password_reset_at: u
            .must_change_password
            .then(|| moment(u.password_reset_at.unwrap_or(u.created_at))),
    })
}

/// A moment as users read it (to the minute, in UTC).
pub fn moment(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Removes expired sessions, spent throttle buckets and old login attempts; the
/// server runs it at start and every hour.
pub async fn purge_expired(db: &DatabaseConnection) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let idle_since = db::now() - chrono::Duration::hours(rules::SESSION_IDLE_HOURS);
    session::Entity::delete_many()
        .filter(
            Condition::any()
                .add(session::Column::ExpiresAt.lte(db::now()))
                .add(session::Column::LastSeenAt.lte(idle_since))
                .add(
                    Condition::all()
                        .add(session::Column::LastSeenAt.is_null())
                        .add(session::Column::CreatedAt.lte(idle_since)),
                ),
        )
        .exec(&tx)
        .await?;
    super::throttle::purge(&tx).await?;
    crate::server::commit(tx).await?;
    Ok(())
}
