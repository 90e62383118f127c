//! The catalogue and what HR records of enrolments.

use crate::error::AppError;
use crate::training::model::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::request::as_actor;
#[cfg(feature = "ssr")]
use crate::training::service::{catalogue, completion, detail, enrol, import};

#[server(endpoint = "training/catalogue")]
pub async fn get_catalogue() -> Result<Catalogue, AppError> {
    as_actor(|db, a| async move { catalogue::catalogue(&db, &a).await }).await
}

#[server(endpoint = "training/programme")]
pub async fn get_programme(id: i32) -> Result<ProgrammeDetail, AppError> {
    as_actor(|db, a| async move { detail::detail(&db, &a, id).await }).await
}

/// The page a new programme opens on, with JavaScript or without.
pub fn programme_page(id: i32) -> String {
    format!("/training/programmes/{id}?saved=1")
}

#[server(endpoint = "training/programme/create")]
pub async fn create_programme(form: ProgrammeForm) -> Result<i32, AppError> {
    let done = as_actor(|db, a| async move { catalogue::create(&db, &a, &form).await }).await;
    crate::server::request::created(done, programme_page)
}

#[server(endpoint = "training/programme/update")]
pub async fn update_programme(id: i32, form: ProgrammeForm) -> Result<(), AppError> {
    as_actor(|db, a| async move { catalogue::update(&db, &a, id, &form).await }).await
}

/// Imports a catalogue CSV (nothing is written when a line has an error).
#[server(endpoint = "training/import")]
pub async fn import_catalogue(csv: String) -> Result<CatalogueImport, AppError> {
    as_actor(|db, a| async move { import::import(&db, &a, &csv).await }).await
}

/// HR enrols someone by NIP.
#[server(endpoint = "training/enrol")]
pub async fn enrol_employee(programme: i32, nip: String) -> Result<i32, AppError> {
    as_actor(|db, a| async move { enrol::enrol(&db, &a, programme, &nip).await }).await
}

/// HR records attendance and the result of one enrolment.
#[server(endpoint = "training/complete")]
pub async fn complete_enrolment(enrolment: i32, form: CompletionForm) -> Result<(), AppError> {
    as_actor(|db, a| async move { completion::complete(&db, &a, enrolment, &form).await }).await
}
