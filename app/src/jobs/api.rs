//! Server functions of background jobs: one job's progress (polled by its bar), the
//! agency's recent jobs, and a retry.

use crate::error::AppError;
use crate::jobs::model::JobView;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::jobs::service as jobs;
#[cfg(feature = "ssr")]
use crate::server::request::as_actor;

#[server(endpoint = "jobs/get")]
pub async fn get_job(id: i32) -> Result<JobView, AppError> {
    as_actor(|db, a| async move { jobs::view(&db, &a, id).await }).await
}

#[server(endpoint = "jobs/list")]
pub async fn list_jobs() -> Result<Vec<JobView>, AppError> {
    as_actor(|db, a| async move { jobs::recent(&db, &a).await }).await
}

#[server(endpoint = "jobs/retry")]
pub async fn retry_job(id: i32) -> Result<(), AppError> {
    as_actor(|db, a| async move { jobs::retry(&db, &a, id).await }).await
}
