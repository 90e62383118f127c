//! How every API answer goes out: JSON or CSV, with an ETag (a client asking again
//! with `If-None-Match` gets 304 and no body) and a Cache-Control saying how long it
//! may be kept: for good when it reads one numbered snapshot (a snapshot never
//! changes), a few minutes when it reads "the latest". Errors are JSON `Problem`s.

use super::model::Problem;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// How long an answer may be kept.
#[derive(Clone, Copy)]
pub enum Keep {
    /// Reads a numbered snapshot: never changes.
    Forever,
    /// Reads whatever is latest: a new publication changes it.
    Minutes,
}

impl Keep {
    fn header(self) -> &'static str {
        match self {
            Keep::Forever => "public, max-age=31536000, immutable",
            Keep::Minutes => "public, max-age=300",
        }
    }
}

/// An answer's body and type, sent with its ETag unless the client has it already.
pub fn send(req: &HeaderMap, content_type: &'static str, body: String, keep: Keep) -> Response {
    // Weak: the same content may go out compressed in different ways.
    let tag = format!(
        "\"{}\"",
        &hex::encode(Sha256::digest(body.as_bytes()))[..32]
    );
    let etag = format!("W/{tag}");
    let cached = req
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .map(|t| t.trim().trim_start_matches("W/"))
                .any(|t| t == tag || t == "*")
        });
    let mut res = if cached {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    let h = res.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(keep.header()),
    );
    res
}

/// A value as JSON.
pub fn json<T: Serialize>(req: &HeaderMap, value: &T, keep: Keep) -> Response {
    match serde_json::to_string(value) {
        Ok(body) => send(req, "application/json", body, keep),
        Err(_) => problem(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Kesalahan server.",
        ),
    }
}

/// Rows as CSV (`;`-free, comma separated, a header line first).
pub fn csv<T: Serialize>(req: &HeaderMap, rows: &[T], keep: Keep) -> Response {
    let mut w = csv::WriterBuilder::new().from_writer(vec![]);
    for r in rows {
        if w.serialize(r).is_err() {
            return problem(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Kesalahan server.",
            );
        }
    }
    let body = w
        .into_inner()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .unwrap_or_default();
    send(req, "text/csv; charset=utf-8", body, keep)
}

/// An error answer.
pub fn problem(status: StatusCode, code: &str, message: &str) -> Response {
    let p = Problem {
        error: code.into(),
        message: message.into(),
    };
    (status, [(header::CACHE_CONTROL, "no-store")], axum::Json(p)).into_response()
}

pub fn not_found() -> Response {
    problem(StatusCode::NOT_FOUND, "not_found", "Tidak ditemukan.")
}

/// Why an API request fails.
#[derive(Debug)]
pub enum ApiError {
    /// A query parameter (named) that is not valid, and what it should be.
    Bad(&'static str, &'static str),
    NotFound,
    Internal,
}

impl From<app::error::AppError> for ApiError {
    fn from(e: app::error::AppError) -> Self {
        match e {
            app::error::AppError::NotFound => ApiError::NotFound,
            _ => ApiError::Internal,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Bad(name, what) => problem(
                StatusCode::BAD_REQUEST,
                "bad_parameter",
                &format!("Parameter `{name}` tidak sah: {what}."),
            ),
            ApiError::NotFound => not_found(),
            ApiError::Internal => problem(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Kesalahan server.",
            ),
        }
    }
}
