//! Logins, sessions and the acting user. Passwords are argon2id hashes; session
//! cookies are random tokens whose SHA-256 is the `sessions` key; failed logins are
//! throttled per account and per address, in the database so that every server
//! process behind a load balancer sees the same count.

use crate::audit::service::{self as audit, By, Entry};
use crate::auth::model::{Actor, Grant};
use crate::auth::rules::{self, normalize_account};
use crate::error::AppError;
use crate::i18n::K;
use crate::server::entities::{employee, login_attempt, session, user, user_role};
use crate::server::{db, write_tx};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use chrono::Duration;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set, TransactionTrait,
};
use serde_json::json;

pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(crate::error::internal)
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Verifies off the async threads: argon2 is deliberately slow.
async fn verify_blocking(password: String, hash: Option<String>) -> bool {
    // With no such user, a dummy hash is still checked so timing does not tell
    // which account names exist.
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let known = hash.is_some();
    let h = hash.unwrap_or_else(|| {
        DUMMY
            .get_or_init(|| hash_password("not-a-password").unwrap_or_default())
            .clone()
    });
    let ok = tokio::task::spawn_blocking(move || verify_password(&password, &h))
        .await
        .unwrap_or(false);
    ok && known
}

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

/// When the recent failed logins happened (unix seconds), for an account or an
/// address.
async fn recent_failures(
    db: &impl ConnectionTrait,
    col: login_attempt::Column,
    key: &str,
) -> Result<Vec<i64>, AppError> {
    let since = db::now() - Duration::seconds(rules::FAILURE_WINDOW_SECS);
    let rows = login_attempt::Entity::find()
        .filter(col.eq(key))
        .filter(login_attempt::Column::At.gt(since))
        .filter(login_attempt::Column::Success.eq(false))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|r| r.at.timestamp()).collect())
}

/// A successful login: the cookie token to hand out and who logged in.
pub struct LoggedIn {
    pub token: String,
    pub actor: Actor,
}

/// Refuses an account or address with too many recent failures.
async fn check_throttle(db: &DatabaseConnection, account: &str, ip: &str) -> Result<(), AppError> {
    let now = db::now().timestamp();
    let by_account = recent_failures(db, login_attempt::Column::Account, account).await?;
    let by_ip = recent_failures(db, login_attempt::Column::Ip, ip).await?;
    rules::throttle(&by_account, now, rules::MAX_FAILURES_PER_ACCOUNT)
        .and(rules::throttle(&by_ip, now, rules::MAX_FAILURES_PER_IP))
        .map_err(|m| AppError::RateLimited {
            retry_after_minutes: m,
        })
}

pub async fn login(
    db: &DatabaseConnection,
    account: &str,
    password: &str,
    ip: &str,
) -> Result<LoggedIn, AppError> {
    let account = normalize_account(account);
    if account.is_empty() {
        return Err(AppError::field("account", K::ErrAccountRequired));
    }
    check_throttle(db, &account, ip).await?;
    let user = find_user(db, &account).await?.filter(|u| u.active);
    let hash = user.as_ref().map(|u| u.password_hash.clone());
    let ok = verify_blocking(password.to_string(), hash).await;
    let tx = write_tx(db).await?;
    login_attempt::ActiveModel {
        account: Set(account.clone()),
        ip: Set(ip.to_string()),
        success: Set(ok),
        at: Set(db::now()),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    let (Some(user), true) = (user, ok) else {
        crate::server::commit(tx).await?;
        return Err(AppError::field("password", K::ErrLoginFailed));
    };
    let token = start_session(&tx, &user, ip).await?;
    crate::server::commit(tx).await?;
    let actor = load_actor(db, user).await?;
    Ok(LoggedIn { token, actor })
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
        expires_at: Set(db::now() + Duration::days(rules::SESSION_DAYS)),
        ip: Set(ip.to_string()),
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

/// The user behind a session, if the session exists, has not expired and the user
/// is still active.
pub async fn actor_for_session(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<Actor>, AppError> {
    let Some(s) = session::Entity::find_by_id(token_hash.to_string())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if s.expires_at <= db::now() {
        return Ok(None);
    }
    let Some(u) = user::Entity::find_by_id(s.user_id)
        .one(db)
        .await?
        .filter(|u| u.active)
    else {
        return Ok(None);
    };
    Ok(Some(load_actor(db, u).await?))
}

pub async fn load_actor(db: &impl ConnectionTrait, u: user::Model) -> Result<Actor, AppError> {
    let grants = user_role::Entity::find()
        .filter(user_role::Column::UserId.eq(u.id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| Grant {
            role: r.role,
            agency_id: r.agency_id,
            unit_id: r.unit_id,
        })
        .collect();
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
    })
}

/// Removes expired sessions and old login attempts; run at start and daily.
pub async fn purge_expired(db: &DatabaseConnection) -> Result<(), AppError> {
    let tx = db.begin().await?;
    session::Entity::delete_many()
        .filter(session::Column::ExpiresAt.lte(db::now()))
        .exec(&tx)
        .await?;
    login_attempt::Entity::delete_many()
        .filter(login_attempt::Column::At.lt(db::now() - Duration::days(30)))
        .exec(&tx)
        .await?;
    crate::server::commit(tx).await?;
    Ok(())
}
