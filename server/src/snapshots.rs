//! Published snapshots as files, for anyone (no login): the download of a stored
//! snapshot (its exact signed bytes inside the envelope `app::publication` defines;
//! a snapshot never changes, so it may be cached for good), and the check of an
//! uploaded file, answered with a redirect back to the verification page carrying
//! the outcome (so the form works without the page's script).

use crate::handlers::error_response;
use app::i18n::Lang;
use app::publication::service::{read, verify};
use app::publication::view::verify::VERIFY_PAGE;
use app::server::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};

/// A snapshot file is small; anything larger is not one.
const MAX_FILE: usize = 4 * 1024 * 1024;

fn lang_of(headers: &HeaderMap) -> Lang {
    Lang::from_cookie_header(headers.get(header::COOKIE).and_then(|v| v.to_str().ok()))
}

pub async fn download(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i32>,
) -> Response {
    match read::file(&st.db, id).await {
        Ok((name, text)) => {
            let mut res = (
                [
                    (header::CONTENT_TYPE, "application/json"),
                    (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
                ],
                text,
            )
                .into_response();
            if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\"")) {
                res.headers_mut().insert(header::CONTENT_DISPOSITION, v);
            }
            res
        }
        Err(e) => error_response(e, lang_of(&headers)),
    }
}

/// The uploaded file's text, read no further than the limit; `None` when there is
/// no readable file field.
async fn file_text(mut form: Multipart) -> Option<String> {
    while let Ok(Some(mut field)) = form.next_field().await {
        if field.name() != Some("file") {
            continue;
        }
        let mut out = Vec::new();
        while let Ok(Some(chunk)) = field.chunk().await {
            out.extend_from_slice(&chunk);
            if out.len() > MAX_FILE {
                return None;
            }
        }
        return String::from_utf8(out).ok();
    }
    None
}

pub async fn check_upload(
    State(st): State<AppState>,
    headers: HeaderMap,
    form: Multipart,
) -> Response {
    let text = file_text(form).await.unwrap_or_default();
    match verify::verify_upload(&st.db, &text).await {
        Ok(v) => {
            let problems: Vec<&str> = v.problems.iter().map(|p| p.code()).collect();
            let mut to = format!(
                "{VERIFY_PAGE}?berkas={}&masalah={}",
                v.hash,
                problems.join(",")
            );
            if let Some(id) = v.id.filter(|_| problems.is_empty()) {
                to.push_str(&format!("&id={id}"));
            }
            Redirect::to(&to).into_response()
        }
        Err(e) => error_response(e, lang_of(&headers)),
    }
}
