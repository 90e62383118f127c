//! Certificate files: HR's upload (a plain multipart form on a programme's page,
//! answered with a redirect back to it, the outcome in its query as every plain
//! post's is: `app::ui::returned`) and the download, for the person, their
//! supervisor and HR (checked in `app::training::service::certificate`).

use crate::handlers::{error_response, reader};
use app::error::{AppError, FieldError};
use app::i18n::K;
use app::server::AppState;
use app::training::service::certificate;
use app::training::view::CERTIFICATE_UPLOAD;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Redirect, Response};

/// The enrolment and the file's bytes of the form.
async fn fields(mut form: Multipart) -> Result<(i32, Vec<u8>), AppError> {
    let (mut enrolment, mut bytes) = (None, None);
    let unreadable =
        || AppError::Validation(vec![FieldError::new("certificate", K::ErrTrCertType)]);
    while let Some(field) = form.next_field().await.map_err(|_| unreadable())? {
        match field.name() {
            Some("enrolment") => {
                let text = field.text().await.map_err(|_| unreadable())?;
                enrolment = text.trim().parse().ok();
            }
            Some("file") => bytes = Some(capped(field).await.map_err(|_| unreadable())?),
            _ => {}
        }
    }
    match (enrolment, bytes) {
        (Some(e), Some(b)) => Ok((e, b)),
        (None, _) => Err(AppError::NotFound),
        (_, None) => Err(unreadable()),
    }
}

/// The file's bytes, read no further than one byte past the limit (the service then
/// refuses it by its size) rather than whole into memory.
async fn capped(
    mut field: axum::extract::multipart::Field<'_>,
) -> Result<Vec<u8>, axum::extract::multipart::MultipartError> {
    let mut out = Vec::new();
    while let Some(chunk) = field.chunk().await? {
        let room = certificate::MAX_BYTES + 1 - out.len();
        out.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if out.len() > certificate::MAX_BYTES {
            break;
        }
    }
    Ok(out)
}

pub async fn upload(State(st): State<AppState>, headers: HeaderMap, form: Multipart) -> Response {
    let (actor, lang) = match reader(&st, &headers, "/training").await {
        Ok(r) => r,
        Err(res) => return res,
    };
    let outcome = match fields(form).await {
        Ok((id, bytes)) => certificate::attach(&st.db, &actor, id, bytes).await,
        Err(e) => Err(e),
    };
    match &outcome {
        // Refusals that are not about the file get their own page.
        Err(e @ (AppError::Forbidden | AppError::NotFound | AppError::Internal { .. })) => {
            error_response(e.clone(), lang)
        }
        _ => {
            let referer = headers.get(header::REFERER).and_then(|v| v.to_str().ok());
            let back = app::ui::returned::back_to(
                referer,
                CERTIFICATE_UPLOAD,
                outcome.as_ref().map(|_| ()),
            );
            Redirect::to(&back).into_response()
        }
    }
}

pub async fn download(
    State(st): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<i32>,
) -> Response {
    let (actor, lang) = match reader(&st, &headers, "/training").await {
        Ok(r) => r,
        Err(res) => return res,
    };
    match certificate::read(&st.db, &actor, id).await {
        Ok(c) => {
            let mut res = ([(header::CACHE_CONTROL, "private, no-store")], c.bytes).into_response();
            let h = res.headers_mut();
            if let Ok(v) = HeaderValue::from_str(&c.media_type) {
                h.insert(header::CONTENT_TYPE, v);
            }
            if let Ok(v) =
                HeaderValue::from_str(&format!("attachment; filename=\"{}\"", c.file_name))
            {
                h.insert(header::CONTENT_DISPOSITION, v);
            }
            res
        }
        Err(e) => error_response(e, lang),
    }
}
