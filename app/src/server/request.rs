//! What server functions need from the request they serve: the state, the acting
//! user (loaded once per request), the client address, the domains' caches, and the
//! HTTP status of an error, so a forbidden call is a real 403, not a 500 with a body.
//!
//! Every server function has the same thin body (`as_actor`, or `as_visitor` for
//! pages the public may read): who is acting, then one service call, then the DTO.

use crate::auth::model::Actor;
use crate::error::{internal, AppError};
use crate::server::state::AppState;
use crate::server::Db;
use http::request::Parts;
use leptos::prelude::*;
use std::any::Any;
use std::future::Future;
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

/// The cache of type `T` a domain registered (`server::caches`).
pub fn cache<T: Any + Send + Sync>() -> Result<Arc<T>, AppError> {
    state()?.caches.get::<T>()
}

/// The session token of the current request, if it carries one.
pub fn session_token() -> Option<String> {
    let parts = use_context::<Parts>()?;
    let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
    crate::auth::token::from_cookies(header)
}

/// The logged-in user, or None.
pub async fn actor_opt() -> Result<Option<Actor>, AppError> {
    let st = state()?;
    let load = || async {
        let Some(token) = session_token() else {
            return Ok(None);
        };
        let hash = crate::auth::token::hash(&token);
        let sessions = cache::<crate::auth::cache::SessionCache>()?;
        let load = crate::auth::service::actor_for_session(&st.db, &hash);
        let actor = sessions.get_or_load(hash.clone(), load).await?;
        Ok(Option::clone(&actor))
    };
    match use_context::<RequestCache>() {
        Some(cache) => cache.actor.get_or_try_init(load).await.cloned(),
        None => load().await,
    }
}

/// The logged-in user, or `Unauthenticated`; `PasswordChangeRequired` while they
/// hold a temporary password (only `as_account_holder` serves them then).
pub async fn actor() -> Result<Actor, AppError> {
    let a = actor_opt().await?.ok_or(AppError::Unauthenticated)?;
    if a.must_change_password() {
        return Err(AppError::PasswordChangeRequired);
    }
    Ok(a)
}

/// The client address: the socket peer, or behind a trusted proxy the right-most
/// `X-Forwarded-For` entry that no trusted proxy wrote (see `forwarded_client`).
pub fn client_ip(config: &crate::server::Config) -> String {
    match use_context::<Parts>() {
        Some(parts) => client_ip_of(&parts, config),
        None => "unknown".into(),
    }
}

/// `client_ip` of a request's parts (for a plain axum handler or layer).
pub fn client_ip_of(parts: &Parts, config: &crate::server::Config) -> String {
    let Some(peer) = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip())
    else {
        return "unknown".into();
    };
    if !config.trust_proxy {
        return peer.to_string();
    }
    // A header value that is not text stays in the chain as an unreadable hop, which
    // stops the walk there: dropping it would shift which entry counts as the client.
    let chain: Vec<&str> = parts
        .headers
        .get_all("x-forwarded-for")
        .iter()
        .map(|v| v.to_str().unwrap_or("?"))
        .collect();
    forwarded_client(peer, &chain.join(","), &config.trusted_proxies).to_string()
}

/// Walks `X-Forwarded-For` from the right: each proxy appends the address it was
/// connected from, so entries are believed only while the hop that wrote them is
/// trusted (the peer itself, then the configured proxies). Whatever a client puts
/// on the left of the header is never reached.
pub fn forwarded_client(
    peer: std::net::IpAddr,
    forwarded: &str,
    trusted: &[std::net::IpAddr],
) -> std::net::IpAddr {
    let mut client = peer;
    for hop in forwarded.rsplit(',') {
        // Some proxies write the port too ("1.2.3.4:5678", "[2001:db8::1]:443").
        let hop = hop.trim();
        let parsed = hop
            .parse::<std::net::IpAddr>()
            .or_else(|_| hop.parse::<std::net::SocketAddr>().map(|s| s.ip()));
        let Ok(ip) = parsed else {
            break;
        };
        client = ip;
        if !trusted.contains(&ip) {
            break;
        }
    }
    client
}

/// An irreversible action's confirmation box (`confirm`), ticked or not: a form
/// posted without it gets a field error, with JavaScript or without.
pub fn confirmed(confirm: &Option<String>) -> Result<(), AppError> {
    match confirm.as_deref() {
        Some(v) if !v.is_empty() && v != "false" && v != "off" => Ok(()),
        _ => Err(AppError::field("confirm", crate::i18n::K::ErrConfirm)),
    }
}

/// A create (or other action) posted before the page hydrated lands on `page` after
/// a success instead of back on the form's page (see `finish`).
pub fn page_after_plain_post<T>(result: Result<T, AppError>, page: &str) -> Result<T, AppError> {
    if result.is_ok() && is_plain_form_post() {
        leptos_axum::redirect(page);
    }
    result
}

/// A create posted before the page hydrated opens the record it made (`to` gives its
/// page), as `go_to_created` does in the browser.
pub fn created(result: Result<i32, AppError>, to: fn(i32) -> String) -> Result<i32, AppError> {
    match result {
        Ok(id) => page_after_plain_post(Ok(id), &to(id)),
        e => e,
    }
}

/// Ends every server function. A form posted before the page hydrated is sent back
/// to its page with the outcome in the query (`ui::returned`); a call from the
/// browser gets the error's own HTTP status, so a forbidden call is a real 403.
pub fn finish<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if is_plain_form_post() {
        if let Some(parts) = use_context::<Parts>() {
            let referer = parts.headers.get(http::header::REFERER);
            let referer = referer.and_then(|v| v.to_str().ok());
            let outcome = result.as_ref().map(|_| ());
            let back = crate::ui::returned::back_to(referer, parts.uri.path(), outcome);
            leptos_axum::redirect(&back);
        }
        return result;
    }
    if let Err(e) = &result {
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(http::StatusCode::from_u16(e.status()).unwrap_or_default());
            if let Some(secs) = e.retry_after() {
                res.insert_header(http::header::RETRY_AFTER, secs.into());
            }
        }
    }
    result
}

/// Whether this request is a plain HTML form post to a server function (no WASM
/// yet): then its answer must be a real HTTP redirect. A page being rendered also
/// accepts HTML, but is a GET.
pub fn is_plain_form_post() -> bool {
    let Some(p) = use_context::<Parts>() else {
        return false;
    };
    let html = p.headers.get(http::header::ACCEPT);
    let html = html
        .and_then(|v| v.to_str().ok())
        .is_some_and(|s| s.contains("text/html"));
    html && p.method == http::Method::POST
}

/// The body of a server function for a logged-in user: `f` gets the connection and
/// the actor and calls one service.
pub async fn as_actor<T, F, Fut>(f: F) -> Result<T, AppError>
where
    F: FnOnce(Db, Actor) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let run = async { f(state()?.db, actor().await?).await };
    finish(run.await)
}

/// The body of the one server function a holder of a temporary password may call:
/// changing it. `f` also gets the hash of the session making the call.
pub async fn as_account_holder<T, F, Fut>(f: F) -> Result<T, AppError>
where
    F: FnOnce(Db, Actor, String) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    let run = async {
        let a = actor_opt().await?.ok_or(AppError::Unauthenticated)?;
        let token = session_token().ok_or(AppError::Unauthenticated)?;
        f(state()?.db, a, crate::auth::token::hash(&token)).await
    };
    finish(run.await)
}

/// The body of a server function the public may call too: the actor is None for a
/// visitor, and the service decides what a visitor may read.
pub async fn as_visitor<T, F, Fut>(f: F) -> Result<T, AppError>
where
    F: FnOnce(Db, Option<Actor>) -> Fut,
    Fut: Future<Output = Result<T, AppError>>,
{
    // Someone who must change a temporary password reads as a visitor meanwhile.
    let run = async {
        let a = actor_opt().await?.filter(|a| !a.must_change_password());
        f(state()?.db, a).await
    };
    finish(run.await)
}

#[cfg(test)]
mod tests {
    use super::forwarded_client;
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_client_cannot_choose_its_address_by_sending_x_forwarded_for() {
        let proxy = ip("10.0.0.2");
        // The client sent "1.2.3.4"; the proxy appended the address it really saw.
        assert_eq!(
            forwarded_client(proxy, "1.2.3.4, 203.0.113.9", &[]),
            ip("203.0.113.9")
        );
        assert_eq!(
            forwarded_client(proxy, "203.0.113.9", &[]),
            ip("203.0.113.9")
        );
        // Without the header, or with garbage where the proxy's entry should be, the
        // peer is all we know.
        assert_eq!(forwarded_client(proxy, "", &[]), proxy);
        assert_eq!(forwarded_client(proxy, "1.2.3.4, nonsense", &[]), proxy);
        // An entry with a port is read without it.
        let with_port = "203.0.113.9:5678";
        assert_eq!(forwarded_client(proxy, with_port, &[]), ip("203.0.113.9"));
        let v6 = "[2001:db8::7]:443";
        assert_eq!(forwarded_client(proxy, v6, &[]), ip("2001:db8::7"));
    }

    #[test]
    fn entries_written_by_further_trusted_proxies_are_skipped() {
        let lb = ip("10.0.0.2");
        let edge = ip("10.0.0.1");
        let chain = "6.6.6.6, 198.51.100.7, 10.0.0.1";
        assert_eq!(forwarded_client(lb, chain, &[edge]), ip("198.51.100.7"));
        // Not configured: the edge proxy's address is taken as the client.
        assert_eq!(forwarded_client(lb, chain, &[]), edge);
        // An unreadable header value (kept as "?") stops the walk: the client's own
        // entry to its left is never reached.
        assert_eq!(forwarded_client(lb, "6.6.6.6, ?, 10.0.0.1", &[edge]), edge);
    }
}
