//! Cookies the server sets: one way to write them (HttpOnly, SameSite=Lax, Secure
//! over HTTPS) and to add them to the answer of a server function.

use super::request::state;
use leptos::prelude::use_context;

/// A `Set-Cookie` value: HttpOnly, SameSite=Lax, Secure when the site is served
/// over HTTPS (`secure_cookies`), sent back only under `path`.
pub fn cookie_line(name: &str, value: &str, path: &str, max_age: i64) -> String {
    let secure = state().map(|s| s.config.secure_cookies).unwrap_or(false);
    format!(
        "{name}={value}; Path={path}; HttpOnly; SameSite=Lax; Max-Age={max_age}{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Adds a `Set-Cookie` header to the response.
pub fn set_cookie(cookie: String) {
    if let (Some(res), Ok(v)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}
