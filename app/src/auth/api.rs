//! Server functions of authentication. Thin: read the request, call the service,
//! set the cookie.

use crate::auth::model::{Actor, LoginOk, PasswordChangeForm};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn session_cookie(value: &str, max_age: i64) -> String {
    crate::server::cookies::cookie_line(crate::auth::rules::SESSION_COOKIE, value, "/", max_age)
}

/// Logs in by username or NIP.
#[server(endpoint = "login")]
pub async fn login(account: String, password: String, next: String) -> Result<LoginOk, AppError> {
    use crate::server::request::{client_ip, finish, page_after_plain_post, session_token, state};
    let st = state()?;
    let ip = client_ip(&st.config);
    let attempt = crate::auth::service::LoginTry {
        account: &account,
        password: &password,
        ip: &ip,
        replaces: session_token().map(|t| crate::auth::token::hash(&t)),
    };
    let result = crate::auth::service::login(&st.db, attempt).await;
    // Someone given a temporary password goes straight to choosing their own.
    let next = match &result {
        Ok(ok) if ok.actor.must_change_password() => "/account/password".to_string(),
        _ => crate::auth::rules::safe_next(&next),
    };
    if let Ok(ok) = &result {
        let max_age = crate::auth::rules::SESSION_HOURS * 3600;
        crate::server::cookies::set_cookie(session_cookie(&ok.token, max_age));
    }
    // A plain form post lands on `next`, or back on the login page with the error.
    page_after_plain_post(
        finish(result).map(|_| LoginOk { next: next.clone() }),
        &next,
    )
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::request::{finish, is_plain_form_post, session_token, state};
    let st = state()?;
    if let Some(token) = session_token() {
        let hash = crate::auth::token::hash(&token);
        finish(crate::auth::service::logout(&st.db, &hash).await)?;
    }
    crate::server::cookies::set_cookie(session_cookie("", 0));
    if is_plain_form_post() {
        leptos_axum::redirect("/");
    }
    Ok(())
}

/// The user chooses a new password (also the way out of a temporary one).
#[server(endpoint = "account/password")]
pub async fn change_password(form: PasswordChangeForm) -> Result<(), AppError> {
    use crate::auth::service::account;
    use crate::server::request::as_account_holder;
    as_account_holder(|db, a, session| async move {
        account::change_password(&db, &a, &session, &form).await
    })
    .await
}

/// The logged-in user, or None for a visitor.
#[server(endpoint = "current_user")]
pub async fn current_user() -> Result<Option<Actor>, AppError> {
    crate::server::request::finish(crate::server::request::actor_opt().await)
}
