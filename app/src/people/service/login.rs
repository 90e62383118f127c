//! The login HR hands an employee: created on first use (username = NIP) or given a
//! new temporary password later, never one HR chose. Either way the password is
//! shown once, must be changed at the first login and works for 72 hours; an account
//! that also holds a leader's or HR role only the system administrator may reset
//! (see `auth::service::account`).

use crate::audit::service as audit;
use crate::auth::model::{Actor, Role, TemporaryPassword};
use crate::auth::rules::TEMPORARY_PASSWORD_HOURS;
use crate::auth::service::{account, hash_blocking};
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::org::service::hr_row;
use crate::server::entities::{employee, user, user_role};
use crate::server::{db, write_tx, Db};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

/// Creates the employee's login, or resets its password, with a temporary password.
pub async fn issue_login(db: &Db, actor: &Actor, id: i32) -> Result<TemporaryPassword, AppError> {
    let e = hr_row::<employee::Entity>(db, actor, id).await?;
    if !e.active {
        return Err(AppError::Conflict(Msg::new(K::ErrEmployeeInactive)));
    }
    let existing = user::Entity::find()
        .filter(user::Column::EmployeeId.eq(id))
        .one(db)
        .await?;
    if let Some(u) = existing {
        return account::issue_temporary(db, actor, u.id).await;
    }
    let password = account::new_temporary();
    let hash = hash_blocking(password.clone()).await?;
    let tx = write_tx(db).await?;
    let e = hr_row::<employee::Entity>(&tx, actor, id).await?;
    new_login(&tx, &e, hash).await?;
    let summary = json!({ "username": e.nip });
    audit::commit(
        tx,
        actor,
        e.agency_id,
        "create_login",
        "employee",
        id,
        summary,
    )
    .await?;
    Ok(TemporaryPassword {
        username: e.nip,
        password,
        valid_hours: TEMPORARY_PASSWORD_HOURS,
    })
}

/// The employee's first login, with the employee role and a temporary password.
async fn new_login(
    tx: &impl sea_orm::ConnectionTrait,
    e: &employee::Model,
    hash: String,
) -> Result<i32, AppError> {
    let u = user::ActiveModel {
        username: Set(e.nip.clone()),
        display_name: Set(e.name.clone()),
        password_hash: Set(hash),
        agency_id: Set(Some(e.agency_id)),
        employee_id: Set(Some(e.id)),
        active: Set(true),
        last_login_at: Set(None),
        must_change_password: Set(true),
        password_reset_at: Set(Some(db::now())),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    user_role::ActiveModel {
        user_id: Set(u.id),
        role: Set(Role::Employee),
        agency_id: Set(Some(e.agency_id)),
        unit_id: Set(None),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(u.id)
}
