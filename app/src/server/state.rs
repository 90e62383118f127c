//! The state shared by SSR, server functions and plain HTTP handlers. Built per
//! router, never global, so every test can run on its own fresh database.

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Mark the session cookie `Secure` (set when served over TLS).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy).
    pub trust_proxy: bool,
    /// Origins allowed to make state-changing requests besides the request's own host,
    /// e.g. `https://cakap.example.go.id` behind a proxy that rewrites `Host`.
    pub allowed_origins: Vec<String>,
}

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    pub sessions: Arc<crate::auth::cache::SessionCache>,
    pub employee_pages: Arc<crate::people::service::employee_list::EmployeePages>,
    pub dashboards: Arc<crate::assessment::service::dashboard::Dashboards>,
}
