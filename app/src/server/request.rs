//! What server functions need from the request they serve: the state, the acting
//! user (loaded once per request), the client address, and setting the HTTP status
//! of an error so a forbidden call is a real 403, not a 500 with a body.

use crate::auth::model::Actor;
use crate::auth::rules::{cookie_value, SESSION_COOKIE};
use crate::error::AppError;
use crate::server::state::AppState;
use http::request::Parts;
use leptos::prelude::*;
use sha2::{Digest, Sha256};
use std::sync::Arc;
use tokio::sync::OnceCell;

/// Per-request memo of the acting user, provided by the router for every request.
#[derive(Clone, Default)]
pub struct RequestCache {
    actor: Arc<OnceCell<Option<Actor>>>,
}

pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| internal("AppState missing from context"))
}

/// Logs an internal failure under a fresh id and returns the error the user sees.
pub fn internal(cause: impl std::fmt::Display) -> AppError {
    let request_id = hex::encode(rand::random::<[u8; 4]>());
    tracing::error!(request_id, "internal error: {cause}");
    AppError::Internal { request_id }
}

impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        internal(e)
    }
}

/// SHA-256 of a session token, as stored in `sessions.id`.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The session token of the current request, if it carries one.
pub fn session_token() -> Option<String> {
    let parts = use_context::<Parts>()?;
    let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
    cookie_value(header, SESSION_COOKIE).filter(|t| !t.is_empty())
}

/// The logged-in user, or None.
pub async fn actor_opt() -> Result<Option<Actor>, AppError> {
    let st = state()?;
    let load = || async {
        let Some(token) = session_token() else {
            return Ok(None);
        };
        let hash = token_hash(&token);
        let load = crate::auth::service::actor_for_session(&st.db, &hash);
        let actor = st.sessions.get_or_load(hash.clone(), load).await?;
        Ok(Option::clone(&actor))
    };
    match use_context::<RequestCache>() {
        Some(cache) => cache.actor.get_or_try_init(load).await.cloned(),
        None => load().await,
    }
}

/// The logged-in user, or `Unauthenticated`.
pub async fn actor() -> Result<Actor, AppError> {
    actor_opt().await?.ok_or(AppError::Unauthenticated)
}

/// The client address: the socket peer, or the first `X-Forwarded-For` hop when the
/// server is configured to sit behind a trusted proxy.
pub fn client_ip(trust_proxy: bool) -> String {
    let Some(parts) = use_context::<Parts>() else {
        return "unknown".into();
    };
    if trust_proxy {
        if let Some(ip) = parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
        {
            return ip.trim().to_string();
        }
    }
    parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into())
}

/// Sets the HTTP status of a failed server function to the error's own status.
pub fn finish<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(e) = &result {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(http::StatusCode::from_u16(e.status()).unwrap_or_default());
        }
    }
    result
}

/// Whether this request is a plain HTML form post (no WASM yet): then redirects must
/// be real HTTP redirects.
pub fn is_plain_form_post() -> bool {
    use_context::<Parts>()
        .and_then(|p| p.headers.get(http::header::ACCEPT).cloned())
        .and_then(|v| v.to_str().ok().map(|s| s.contains("text/html")))
        .unwrap_or(false)
}

/// Runs a service as the logged-in user: the thin body of most server functions.
pub async fn as_actor<T, F, Fut>(f: F) -> Result<T, AppError>
where
    F: FnOnce(crate::server::Db, Actor) -> Fut,
    Fut: std::future::Future<Output = Result<T, AppError>>,
{
    let run = async { f(state()?.db, actor().await?).await };
    finish(run.await)
}
