//! Plain HTTP endpoints outside Leptos: health check, the language switch (a form
//! post that works without JavaScript) and the CSV exports (employees, AKPK).

use crate::compress;
use app::auth::model::Actor;
use app::auth::rules::local_path;
use app::error::AppError;
use app::i18n::Lang;
use app::server::AppState;
use app::training::service::export;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use sea_orm::ConnectionTrait;
use serde::Deserialize;
use std::collections::HashMap;
use std::convert::Infallible;
use tokio_stream::StreamExt;

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

pub(crate) fn error_response(e: AppError, lang: Lang) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut res = (status, e.message(lang)).into_response();
    if let Some(secs) = e.retry_after() {
        res.headers_mut().insert(header::RETRY_AFTER, secs.into());
    }
    res
}

/// The logged-in reader of a plain endpoint and their language, or the answer to
/// send instead: the login page (back to `page` afterwards) or the error.
pub(crate) async fn reader(
    st: &AppState,
    headers: &HeaderMap,
    page: &str,
) -> Result<(Actor, Lang), Response> {
    let cookies = headers.get(header::COOKIE).and_then(|v| v.to_str().ok());
    let lang = Lang::from_cookie_header(cookies);
    let token = cookies.and_then(app::auth::token::from_cookies);
    let actor = match token {
        Some(t) => app::auth::service::actor_for_session(&st.db, &app::auth::token::hash(&t)).await,
        None => Ok(None),
    };
    match actor {
        Ok(Some(a)) if a.must_change_password() => {
            Err(error_response(AppError::PasswordChangeRequired, lang))
        }
        Ok(Some(a)) => Ok((a, lang)),
        Ok(None) => Err(Redirect::to(&format!("/login?next={page}")).into_response()),
        Err(e) => Err(error_response(e, lang)),
    }
}

/// A CSV answer to download as `file`.
fn csv(file: &str, body: Body) -> Response {
    let disposition = format!("attachment; filename=\"{file}\"");
    let mut res = (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response();
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

pub async fn export_employees(State(st): State<AppState>, headers: HeaderMap) -> Response {
    let (actor, lang) = match reader(&st, &headers, "/hr/employees").await {
        Ok(r) => r,
        Err(res) => return res,
    };
    match app::people::service::import::export(&st.db, &actor).await {
        Ok(text) => csv("pegawai.csv", Body::from(text)),
        Err(e) => error_response(e, lang),
    }
}

/// What an AKPK file covers for this reader, with the page's filters as its links
/// carry them, authorised before anything is sent; or the answer to send instead.
async fn needs_export(
    st: &AppState,
    headers: &HeaderMap,
    raw: &HashMap<String, String>,
) -> Result<(export::Export, Lang), Response> {
    let (actor, lang) = reader(st, headers, "/needs").await?;
    let q = app::training::api::parse_needs_query(|k| raw.get(k).cloned());
    match export::plan(&st.db, &actor, q).await {
        Ok(plan) => Ok((plan, lang)),
        Err(e) => Err(error_response(e, lang)),
    }
}

/// The AKPK per person and competency, streamed as it is read (a whole agency's is
/// millions of lines): authorised first, so a refusal is a plain status.
pub async fn export_needs_people(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(raw): Query<HashMap<String, String>>,
) -> Response {
    let (plan, lang) = match needs_export(&st, &headers, &raw).await {
        Ok(p) => p,
        Err(res) => return res,
    };
    let (tx, rx) = tokio::sync::mpsc::channel::<Vec<u8>>(4);
    let db = st.db.clone();
    tokio::spawn(async move {
        if let Err(e) = export::people(&db, &plan, lang, tx).await {
            // The header is sent: the file simply ends early, and the log says why.
            tracing::error!("AKPK export failed: {e:?}");
        }
    });
    let stream = tokio_stream::wrappers::ReceiverStream::new(rx).map(Ok::<_, Infallible>);
    let mut res = csv("akpk.csv", Body::from_stream(stream));
    res.extensions_mut().insert(compress::Streamed);
    res
}

/// The AKPK per unit and competency (75 000 lines for 8 333 units, built whole).
pub async fn export_needs_units(
    State(st): State<AppState>,
    headers: HeaderMap,
    Query(raw): Query<HashMap<String, String>>,
) -> Response {
    let (plan, lang) = match needs_export(&st, &headers, &raw).await {
        Ok(p) => p,
        Err(res) => return res,
    };
    match export::units(&st.db, &plan, lang).await {
        Ok(bytes) => csv("akpk-unit.csv", Body::from(bytes)),
        Err(e) => error_response(e, lang),
    }
}
