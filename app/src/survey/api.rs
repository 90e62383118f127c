//! Server functions of the survey: the public form and its answer (no login), and
//! HR's service units, index and review.

use crate::error::AppError;
use crate::survey::model::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::request::{as_actor, as_visitor};
#[cfg(feature = "ssr")]
use crate::survey::service::{respond, review, token, units};

/// The device cookie the request carries, when it is one of ours.
#[cfg(feature = "ssr")]
fn device() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
    token::device_of(&crate::cookie::value(header, token::DEVICE_COOKIE)?)
}

/// The public form of service unit `code` (no login). A device without the survey's
/// cookie is given one (random; a year; only sent back to /skm).
#[server(endpoint = "skm/form")]
pub async fn open_survey(code: String) -> Result<SurveyForm, AppError> {
    as_visitor(|db, _| async move {
        if device().is_none() {
            let value = token::new_device();
            let cookie = crate::server::cookies::cookie_line(
                token::DEVICE_COOKIE,
                &value,
                "/skm",
                365 * 24 * 3600,
            );
            crate::server::cookies::set_cookie(cookie);
        }
        respond::form(&db, &code).await
    })
    .await
}

/// A citizen's response to service unit `code` (no login).
#[server(endpoint = "skm/respond")]
pub async fn send_response(code: String, form: ResponseForm) -> Result<(), AppError> {
    as_visitor(|db, _| async move {
        let st = crate::server::request::state()?;
        let visit = respond::Visit {
            ip: crate::server::request::client_ip(&st.config),
            device: device(),
        };
        respond::respond(&db, &code, &form, &visit)
            .await
            .map(|_| ())
    })
    .await
}

/// HR's service units, with the agency's units to place one under.
#[server(endpoint = "skm/units")]
pub async fn list_service_units() -> Result<ServiceUnits, AppError> {
    as_actor(|db, a| async move { units::page(&db, &a).await }).await
}

/// Adds (`id` empty) or edits a service unit: its id.
#[server(endpoint = "skm/units/save")]
pub async fn save_service_unit(id: Option<i32>, form: ServiceUnitForm) -> Result<i32, AppError> {
    as_actor(|db, a| async move { units::save(&db, &a, id, &form).await }).await
}

/// Opens or closes a service unit's form.
#[server(endpoint = "skm/units/active")]
pub async fn set_service_unit_active(id: i32, active: bool) -> Result<(), AppError> {
    as_actor(|db, a| async move { units::set_active(&db, &a, id, active).await }).await
}

/// HR's survey page for `year`, with its chart.
#[server(endpoint = "skm/overview")]
pub async fn survey_overview(year: Option<i32>) -> Result<SkmOverview, AppError> {
    let lang = crate::i18n::detect_lang();
    as_actor(|db, a| async move {
        let o = review::overview(&db, &a, year).await?;
        Ok(crate::ui::page_charts::skm(o, lang))
    })
    .await
}

/// Counts a held response (`count`), or excludes one with `reason`.
#[server(endpoint = "skm/review")]
pub async fn review_response(id: i32, count: bool, reason: Option<String>) -> Result<(), AppError> {
    as_actor(|db, a| async move {
        review::review(&db, &a, id, count, reason.as_deref().unwrap_or_default()).await
    })
    .await
}

/// Service unit `code`'s printable poster with the QR code of its form (no login:
/// nothing on it is private).
#[server(endpoint = "skm/poster")]
pub async fn survey_poster(code: String) -> Result<Poster, AppError> {
    as_visitor(|db, _| async move {
        let st = crate::server::request::state()?;
        let origin = match st.config.allowed_origins.first() {
            Some(o) => o.clone(),
            None => {
                let parts = use_context::<http::request::Parts>();
                let host = parts
                    .as_ref()
                    .and_then(|p| p.headers.get(http::header::HOST))
                    .and_then(|h| h.to_str().ok())
                    .unwrap_or("localhost");
                let scheme = if st.config.secure_cookies {
                    "https"
                } else {
                    "http"
                };
                format!("{scheme}://{host}")
            }
        };
        crate::survey::service::poster::poster(&db, &code, &origin).await
    })
    .await
}
