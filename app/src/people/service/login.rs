//! The login HR hands an employee: created on first use (username = NIP), its
//! password reset later. A new password ends the account's sessions.

use crate::audit::service as audit;
use crate::auth::model::{Actor, Role};
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::org::service::hr_row;
use crate::server::entities::{employee, session, user, user_role};
use crate::server::{write_tx, Db};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

/// Creates the employee's login (username = NIP) or resets its password.
pub async fn set_login_password(
    db: &Db,
    actor: &Actor,
    id: i32,
    password: &str,
) -> Result<(), AppError> {
    crate::auth::rules::check_password_policy(password, &[])
        .map_err(|e| AppError::Validation(vec![e]))?;
    let hash = crate::auth::service::hash_password(password)?;
    let tx = write_tx(db).await?;
    let e = hr_row::<employee::Entity>(&tx, actor, id).await?;
    if !e.active {
        return Err(AppError::Conflict(Msg::new(K::ErrEmployeeInactive)));
    }
    let existing = user::Entity::find()
        .filter(user::Column::EmployeeId.eq(id))
        .one(&tx)
        .await?;
    let (user_id, action) = match existing {
        Some(u) => {
            let mut m: user::ActiveModel = u.into();
            m.password_hash = Set(hash);
            (m.update(&tx).await?.id, "reset_password")
        }
        None => (new_login(&tx, &e, hash).await?, "create_login"),
    };
    // Existing sessions of the account end with a new password.
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(&tx)
        .await?;
    let summary = json!({ "username": e.nip });
    audit::commit(tx, actor, e.agency_id, action, "employee", id, summary).await?;
    Ok(())
}

/// The employee's first login, with the employee role; returns the user id.
async fn new_login(
    tx: &impl sea_orm::ConnectionTrait,
    e: &crate::server::entities::employee::Model,
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
