//! Server functions of the overview pages: the system administrator's, and the
//! home page's glance.

use crate::auth::model::TemporaryPassword;
use crate::error::AppError;
use crate::hr::model::{AdminOverview, Glance};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::request::as_actor;

#[server(endpoint = "admin/overview")]
pub async fn get_admin_overview() -> Result<AdminOverview, AppError> {
    as_actor(|db, a| async move { crate::hr::service::admin_overview(&db, &a).await }).await
}

/// A temporary password for a leader's, HR's or the administrator's account.
#[server(endpoint = "admin/reset_account")]
pub async fn reset_account(user_id: i32) -> Result<TemporaryPassword, AppError> {
    use crate::auth::service::account::issue_temporary;
    as_actor(|db, a| async move { issue_temporary(&db, &a, user_id).await }).await
}

/// What matters to the reader now, for their home page.
#[server(endpoint = "home/glance")]
pub async fn get_glance() -> Result<Glance, AppError> {
    as_actor(|db, a| async move { crate::hr::service::glance(&db, &a).await }).await
}
