//! Server functions of the system administrator's page.

use crate::error::AppError;
use crate::hr::model::AdminOverview;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::request::as_actor;

#[server(endpoint = "admin/overview")]
pub async fn get_admin_overview() -> Result<AdminOverview, AppError> {
    as_actor(|db, a| async move { crate::hr::service::admin_overview(&db, &a).await }).await
}
