//! Plain HTTP endpoints outside Leptos: health check, the language switch (a form
//! post that works without JavaScript) and the employee CSV export.

use app::auth::rules::local_path;
use app::error::AppError;
use app::i18n::Lang;
use app::server::AppState;
use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use sea_orm::ConnectionTrait;
use serde::Deserialize;

pub async fn health(State(st): State<AppState>) -> Response {
    match st.db.execute_unprepared("SELECT 1").await {
        Ok(_) => (StatusCode::OK, "ok").into_response(),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response(),
    }
}

#[derive(Deserialize)]
pub struct LangForm {
    lang: String,
    #[serde(default)]
    next: String,
}

pub async fn switch_language(State(st): State<AppState>, Form(f): Form<LangForm>) -> Response {
    let lang = Lang::parse(&f.lang).unwrap_or_default();
    let secure = if st.config.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "lang={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
        lang.code()
    );
    let mut res = Redirect::to(&local_path(&f.next)).into_response();
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}

fn error_response(e: AppError, lang: Lang) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut res = (status, e.message(lang)).into_response();
    if let Some(secs) = e.retry_after() {
        res.headers_mut().insert(header::RETRY_AFTER, secs.into());
    }
    res
}

pub async fn export_employees(State(st): State<AppState>, headers: HeaderMap) -> Response {
    let cookies = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let lang = Lang::from_cookie_header(cookies);
    let token = cookies.and_then(app::auth::token::from_cookies);
    let actor = match token {
        Some(t) => app::auth::service::actor_for_session(&st.db, &app::auth::token::hash(&t)).await,
        None => Ok(None),
    };
    let actor = match actor {
        Ok(Some(a)) if a.must_change_password() => {
            return error_response(AppError::PasswordChangeRequired, lang)
        }
        Ok(Some(a)) => a,
        Ok(None) => return Redirect::to("/login?next=/hr/employees").into_response(),
        Err(e) => return error_response(e, lang),
    };
    match app::people::service::import::export(&st.db, &actor).await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"pegawai.csv\"",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            csv,
        )
            .into_response(),
        Err(e) => error_response(e, lang),
    }
}
