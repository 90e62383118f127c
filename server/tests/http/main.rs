//! HTTP tests through the whole router (security layer, Leptos pages and server
//! functions, plain handlers) with `tower::ServiceExt::oneshot`: no network.

#[path = "../support/mod.rs"]
mod support;

mod access;
mod api;
mod assessment;
mod assets;
mod jobs;
mod needs;
mod pages;
mod plain_forms;
mod publication;
mod sessions;
mod training;
mod units;

use http::StatusCode;
use support::{
    count, enc, login, plain_post, router, seeded, send, send_from, sqlite, unit_id, Reply,
};

async fn app() -> (axum::Router, sea_orm::DatabaseConnection) {
    let db = seeded(sqlite("http").await).await;
    (router(db.clone()), db)
}
