//! Logging in: find the account (by username or NIP), take a try from its throttle
//! bucket, check the password off the async workers, then start a session.

use super::password::verify_blocking;
use super::throttle;
use crate::audit::service::{self as audit, By, Entry};
use crate::auth::model::Actor;
use crate::auth::rules::{self, normalize_account};
use crate::error::AppError;
use crate::i18n::K;
use crate::server::entities::{employee, login_attempt, session, user};
use crate::server::{db, write_tx};
use chrono::Duration;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use serde_json::json;

async fn find_user(
    db: &impl ConnectionTrait,
    account: &str,
) -> Result<Option<user::Model>, AppError> {
    if let Some(u) = user::Entity::find()
        .filter(user::Column::Username.eq(account))
        .one(db)
        .await?
    {
        return Ok(Some(u));
    }
    if account.len() == 18 && account.chars().all(|c| c.is_ascii_digit()) {
        let Some(e) = employee::Entity::find()
            .filter(employee::Column::Nip.eq(account))
            .one(db)
            .await?
        else {
            return Ok(None);
        };
        return Ok(user::Entity::find()
            .filter(user::Column::EmployeeId.eq(e.id))
            .one(db)
            .await?);
    }
    Ok(None)
}

/// A successful login: the cookie token to hand out and who logged in.
pub struct LoggedIn {
    pub token: String,
    pub actor: Actor,
}

/// One login try. `replaces` is the hash of the session cookie the browser still
/// carried, if any: a new login ends it rather than leaving it alive beside the new one.
pub struct LoginTry<'a> {
    pub account: &'a str,
    pub password: &'a str,
    pub ip: &'a str,
    pub replaces: Option<String>,
}

pub async fn login(db: &DatabaseConnection, t: LoginTry<'_>) -> Result<LoggedIn, AppError> {
    let account = normalize_account(t.account);
    if account.is_empty() {
        return Err(AppError::field("account", K::ErrAccountRequired));
    }
    // No account name is this long; refusing it before any database work keeps
    // oversized names out of the throttle tables.
    if account.chars().count() > rules::ACCOUNT_MAX {
        return Err(AppError::field("account", K::ErrAccountTooLong));
    }
    // No password is longer than the policy allows: refused before it is hashed.
    if t.password.chars().count() > rules::PASSWORD_MAX {
        return Err(AppError::field("password", K::ErrPasswordLong));
    }
    let address = rules::address_key(t.ip);
    let found = find_user(db, &account).await?;
    let bucket = throttle::bucket_key(found.as_ref(), &account);
    let guessing = throttle::address_record(db, &address)
        .await?
        .looks_like_guessing();
    throttle::take_try(&db::writer(db), &bucket, guessing).await?;
    let user = found.filter(|u| u.active);
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let ok = verify_blocking(t.password.to_string(), hash).await;
    let tx = write_tx(db).await?;
    login_attempt::ActiveModel {
        account: Set(bucket.clone()),
        ip: Set(address),
        success: Set(ok),
        at: Set(db::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    // A failed login, or one that only adds a session, changes nothing a read cache
    // holds; ending a replaced session does (its token may be remembered).
    let (Some(user), true) = (user, ok) else {
        db::commit_unseen(tx).await?;
        return Err(AppError::field("password", K::ErrLoginFailed));
    };
    if temporary_expired(&user) {
        db::commit_unseen(tx).await?;
        return Err(AppError::field("password", K::ErrTemporaryExpired));
    }
    throttle::clear(&tx, &bucket).await?;
    let replaced = t.replaces.is_some();
    if let Some(old) = t.replaces {
        session::Entity::delete_by_id(old).exec(&tx).await?;
    }
    let token = start_session(&tx, &user, t.ip).await?;
    if replaced {
        crate::server::commit(tx).await?;
    } else {
        db::commit_unseen(tx).await?;
    }
    let actor = super::load_actor(db, user).await?;
    Ok(LoggedIn { token, actor })
}

/// Whether the account holds a temporary password issued too long ago.
fn temporary_expired(u: &user::Model) -> bool {
    let issued = u.password_reset_at.unwrap_or(u.created_at);
    u.must_change_password && db::now() - issued > Duration::hours(rules::TEMPORARY_PASSWORD_HOURS)
}

/// A new session for the user (its token returned once, only its hash kept), and
/// the login recorded.
async fn start_session(
    tx: &impl ConnectionTrait,
    user: &user::Model,
    ip: &str,
) -> Result<String, AppError> {
    let token = crate::auth::token::new();
    session::ActiveModel {
        id: Set(crate::auth::token::hash(&token)),
        user_id: Set(user.id),
        expires_at: Set(db::now() + Duration::hours(rules::SESSION_HOURS)),
        ip: Set(ip.to_string()),
        last_seen_at: Set(Some(db::now())),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    let mut active: user::ActiveModel = user.clone().into();
    active.last_login_at = Set(Some(db::now()));
    active.update(tx).await?;
    let by = By {
        user_id: Some(user.id),
        label: user.username.clone(),
    };
    let entry = Entry {
        agency_id: user.agency_id,
        action: "login",
        entity: "user",
        entity_id: user.id.to_string(),
        summary: json!({ "ip": ip }),
    };
    audit::record(tx, &by, entry).await?;
    Ok(token)
}
