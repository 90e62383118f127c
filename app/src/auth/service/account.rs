//! Passwords of existing accounts. Users change their own (the current password
//! required, the other sessions ended). HR, or for leaders and HR the system
//! administrator, issues a temporary password: shown once, valid for 72 hours, to
//! be replaced at the next login. Authorisation is checked before anything is
//! hashed, so a flood of forbidden calls costs nothing.

use super::password::{hash_blocking, verify_blocking};
use super::throttle;
use crate::audit::service::{self as audit, By, Entry};
use crate::auth::model::{Actor, PasswordChangeForm, Role, TemporaryPassword};
use crate::auth::rules::{self, check_password_policy};
use crate::error::{AppError, FieldError, Msg};
use crate::i18n::K;
use crate::server::entities::{assignment, employee, session, user};
use crate::server::{db, write_tx, Db};
use rand::Rng;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

/// A random temporary password: twelve letters and digits without look-alikes
/// (no 0/O, 1/l/I), in groups of four so it can be read out and typed.
pub fn new_temporary() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    let mut rng = rand::rngs::OsRng;
    let chars: Vec<char> = (0..12)
        .map(|_| ALPHABET[rng.gen_range(0..ALPHABET.len())] as char)
        .collect();
    chars
        .chunks(4)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

async fn roles_of(db: &impl ConnectionTrait, u: &user::Model) -> Result<Vec<Role>, AppError> {
    let grants = super::grants_of(db, u).await?;
    Ok(grants.into_iter().map(|g| g.role).collect())
}

/// Whether the actor may issue this account a temporary password: Forbidden outside
/// HR's agency, a clear refusal for an account only the administrator may reset.
pub async fn check_reset(
    db: &impl ConnectionTrait,
    actor: &Actor,
    u: &user::Model,
) -> Result<(), AppError> {
    let ours = actor.is_sysadmin() || u.agency_id.is_some_and(|a| actor.is_hr_of(a));
    if !ours {
        return Err(AppError::Forbidden);
    }
    // HR decides who heads a unit: taking a head off, resetting the now plain
    // account and appointing them again would hand HR a leader's account. Whoever
    // headed a unit in the last 30 days counts as elevated.
    let elevated = rules::is_elevated(&roles_of(db, u).await?) || headed_recently(db, u).await?;
    if !rules::may_reset(actor, elevated, u.agency_id) {
        let key = if actor.is_sysadmin() {
            K::ErrResetIsHrs
        } else {
            K::ErrResetNeedsAdmin
        };
        return Err(AppError::Conflict(Msg::new(key)));
    }
    Ok(())
}

async fn headed_recently(db: &impl ConnectionTrait, u: &user::Model) -> Result<bool, AppError> {
    let Some(employee) = u.employee_id else {
        return Ok(false);
    };
    let head = assignment::Entity::heads_within(rules::HEADSHIP_MEMORY_DAYS)
        .filter(assignment::Column::EmployeeId.eq(employee))
        .one(db)
        .await?;
    Ok(head.is_some())
}

/// Gives the account a temporary password and ends its sessions, audited as
/// `reset_password` (the password itself is never written anywhere but its hash).
pub async fn issue_temporary(
    db: &Db,
    actor: &Actor,
    user_id: i32,
) -> Result<TemporaryPassword, AppError> {
    let u = user::Entity::find_by_id(user_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    check_reset(db, actor, &u).await?;
    let password = new_temporary();
    let hash = hash_blocking(password.clone()).await?;
    let tx = write_tx(db).await?;
    // The roles are checked again under the write lock: one granted meanwhile counts.
    let u = user::Entity::find_by_id(user_id)
        .one(&tx)
        .await?
        .ok_or(AppError::NotFound)?;
    check_reset(&tx, actor, &u).await?;
    let username = u.username.clone();
    let mut m: user::ActiveModel = u.clone().into();
    m.password_hash = Set(hash);
    m.must_change_password = Set(true);
    m.password_reset_at = Set(Some(db::now()));
    m.update(&tx).await?;
    end_sessions(&tx, user_id, None).await?;
    let entry = user_entry(&u, "reset_password", json!({ "username": username }));
    audit::record(&tx, &By::from(actor), entry).await?;
    crate::server::commit(tx).await?;
    Ok(TemporaryPassword {
        username,
        password,
        valid_hours: rules::TEMPORARY_PASSWORD_HOURS,
    })
}

/// Ends the account's sessions, except `keep` (the one making a change).
pub async fn end_sessions(
    tx: &impl ConnectionTrait,
    user_id: i32,
    keep: Option<&str>,
) -> Result<(), AppError> {
    let mut q = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(k) = keep {
        q = q.filter(session::Column::Id.ne(k));
    }
    q.exec(tx).await?;
    Ok(())
}

fn user_entry(u: &user::Model, action: &'static str, summary: serde_json::Value) -> Entry<'static> {
    Entry {
        agency_id: u.agency_id,
        action,
        entity: "user",
        entity_id: u.id.to_string(),
        summary,
    }
}

/// What a new password must not be: the account name and the NIP.
async fn own_names(db: &impl ConnectionTrait, u: &user::Model) -> Result<Vec<String>, AppError> {
    let mut names = vec![u.username.clone()];
    if let Some(id) = u.employee_id {
        if let Some(e) = employee::Entity::find_by_id(id).one(db).await? {
            names.push(e.nip);
        }
    }
    Ok(names)
}

/// The new password's problems that need no secret: policy, repeat, reuse.
fn check_new(form: &PasswordChangeForm, names: &[String]) -> Vec<FieldError> {
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut errors = Vec::new();
    if let Err(mut e) = check_password_policy(&form.new, &names) {
        e.field = "new".into();
        errors.push(e);
    } else if form.new == form.current {
        errors.push(FieldError::new("new", K::ErrPasswordSame));
    }
    if form.repeat != form.new {
        errors.push(FieldError::new("repeat", K::ErrPasswordRepeat));
    }
    errors
}

/// The user changes their own password. A wrong current password takes a try from
/// the account's login bucket (a borrowed session cannot be used to guess it); the
/// change ends every other session of the account.
pub async fn change_password(
    db: &Db,
    actor: &Actor,
    session_hash: &str,
    form: &PasswordChangeForm,
) -> Result<(), AppError> {
    let u = user::Entity::find_by_id(actor.user_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let errors = check_new(form, &own_names(db, &u).await?);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let bucket = throttle::bucket_key(Some(&u), &u.username);
    throttle::take_try(db, &bucket, false).await?;
    if !verify_blocking(form.current.clone(), Some(u.password_hash.clone())).await {
        return Err(AppError::field("current", K::ErrPasswordCurrentWrong));
    }
    let hash = hash_blocking(form.new.clone()).await?;
    let tx = write_tx(db).await?;
    let mut m: user::ActiveModel = u.clone().into();
    m.password_hash = Set(hash);
    m.must_change_password = Set(false);
    m.password_reset_at = Set(None);
    m.update(&tx).await?;
    end_sessions(&tx, u.id, Some(session_hash)).await?;
    throttle::clear(&tx, &bucket).await?;
    audit::record(
        &tx,
        &By::from(actor),
        user_entry(&u, "change_password", json!({})),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}
