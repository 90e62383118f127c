//! The state shared by SSR, server functions and plain HTTP handlers. Built per
//! router, never global, so every test can run on its own fresh database.

use crate::server::caches::Caches;
use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Mark the session cookie `Secure` (set when served over TLS).
    pub secure_cookies: bool,
    /// Take the client address from `X-Forwarded-For` (only behind a trusted proxy):
    /// the directly connected peer is then trusted to append the address it saw.
    pub trust_proxy: bool,
    /// Further proxies in front of that one whose entries are skipped too.
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Origins allowed to make state-changing requests besides the request's own host,
    /// e.g. `https://cakap.example.go.id` behind a proxy that rewrites `Host`.
    pub allowed_origins: Vec<String>,
    /// Remember list pages and dashboards between commits: only where this process
    /// sees every write (SQLite; see `server::read_cache`).
    pub read_cache: bool,
    /// Remember published results (public pages, the open-data API) between commits:
    /// on PostgreSQL too, where the caches' time-to-live bounds how late another
    /// process's publication or a revoked consent shows there.
    pub published_cache: bool,
    /// Requests a minute one address may make to the open-data API; 0: no limit.
    pub api_per_minute: u32,
}

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    /// The domains' read caches, each registered by its domain.
    pub caches: Arc<Caches>,
}

impl AppState {
    pub fn new(leptos_options: LeptosOptions, db: DatabaseConnection, config: Config) -> Self {
        let caches = Caches::registered(&config);
        AppState {
            leptos_options,
            db,
            config: Arc::new(config),
            caches: Arc::new(caches),
        }
    }
}
