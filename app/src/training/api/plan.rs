//! A person's training: their page, asking for a seat, withdrawing; a supervisor's
//! decision; units' pace; the measured effect.

use crate::error::AppError;
use crate::training::model::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::db::today;
#[cfg(feature = "ssr")]
use crate::server::request::as_actor;
#[cfg(feature = "ssr")]
use crate::training::service::{effect, enrol, pace, plan, progress};

#[server(endpoint = "training/mine")]
pub async fn get_my_training() -> Result<MyTraining, AppError> {
    as_actor(|db, a| async move { plan::my_training(&db, &a, today()).await }).await
}

/// The training part of a dashboard (None: the reader's own).
#[server(endpoint = "training/progress")]
pub async fn get_progress(employee: Option<i32>) -> Result<Progress, AppError> {
    as_actor(|db, a| async move {
        let e = crate::assessment::service::dashboard::readable(&db, &a, employee).await?;
        progress::progress(&db, &e, today()).await
    })
    .await
}

/// The employee asks for a seat (`competency`: the gap of their plan it is for).
#[server(endpoint = "training/request")]
pub async fn request_seat(
    programme: i32,
    #[server(default)] competency: Option<i32>,
) -> Result<i32, AppError> {
    as_actor(|db, a| async move { enrol::request(&db, &a, programme, competency).await }).await
}

#[server(endpoint = "training/withdraw")]
pub async fn withdraw_enrolment(enrolment: i32) -> Result<(), AppError> {
    as_actor(|db, a| async move { enrol::withdraw(&db, &a, enrolment).await }).await
}

/// The supervisor approves a request or returns it with a note.
#[server(endpoint = "training/decide")]
pub async fn decide_request(
    enrolment: i32,
    approve: bool,
    #[server(default)] note: String,
) -> Result<(), AppError> {
    as_actor(|db, a| async move { enrol::decide(&db, &a, enrolment, approve, &note).await }).await
}

#[server(endpoint = "training/pace")]
pub async fn get_pace(#[server(default)] unit: Option<i32>) -> Result<Pace, AppError> {
    as_actor(|db, a| async move { pace::pace(&db, &a, unit, today()).await }).await
}

#[server(endpoint = "training/effect")]
pub async fn get_effects() -> Result<Vec<EffectRow>, AppError> {
    as_actor(|db, a| async move { effect::effects(&db, &a).await }).await
}
