//! Server functions of fair assessors. Thin; the chart is drawn here, on the server.

use crate::calibration::model::CalibrationPage;
use crate::error::AppError;
use leptos::prelude::*;

/// The fair-assessor figures of a closed campaign (None: the latest) that the
/// reader may see.
#[server(endpoint = "calibration/get")]
pub async fn get_calibration(campaign: Option<i32>) -> Result<CalibrationPage, AppError> {
    let lang = crate::i18n::detect_lang();
    crate::server::request::as_actor(|db, a| async move {
        let data = crate::calibration::service::calibration(&db, &a, campaign).await?;
        Ok(crate::ui::page_charts::calibration(data, lang))
    })
    .await
}
