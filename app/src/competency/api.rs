//! Server functions of the competency domain: the dictionary, standards and their
//! participatory drafting, and the public list of ratified standards. Thin, like
//! every domain's.

use crate::competency::model::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::competency::service::{dictionary as dict, published, standards};
#[cfg(feature = "ssr")]
use crate::server::request::{as_actor, as_visitor};

#[server(endpoint = "competency/dictionary")]
pub async fn dictionary() -> Result<Vec<Competency>, AppError> {
    as_actor(|db, a| async move { dict::dictionary(&db, &a).await }).await
}

#[server(endpoint = "competency/add")]
pub async fn add_technical(form: TechnicalForm) -> Result<i32, AppError> {
    as_actor(|db, a| async move { dict::add_technical(&db, &a, &form).await }).await
}

#[server(endpoint = "standards/list")]
pub async fn list_standards() -> Result<Vec<StandardSummary>, AppError> {
    as_actor(|db, a| async move { standards::list(&db, &a).await }).await
}

/// A standard as the logged-in reader (or, without a session, the public) may see it.
#[server(endpoint = "standards/get")]
pub async fn get_standard(id: i32) -> Result<StandardDetail, AppError> {
    as_visitor(|db, a| async move { standards::detail(&db, a.as_ref(), id).await }).await
}

/// A standard's page (where a new draft opens, with JavaScript or without).
pub fn standard_page(id: i32) -> String {
    format!("/standards/{id}")
}

#[server(endpoint = "standards/start")]
pub async fn start_standard(position_id: i32) -> Result<i32, AppError> {
    let done = as_actor(|db, a| async move { standards::start(&db, &a, position_id).await }).await;
    crate::server::request::created(done, standard_page)
}

#[server(endpoint = "standards/set-item")]
pub async fn set_standard_item(id: i32, competency_id: i32, level: i64) -> Result<(), AppError> {
    as_actor(|db, a| async move { standards::set_item(&db, &a, id, competency_id, level).await })
        .await
}

#[server(endpoint = "standards/remove-item")]
pub async fn remove_standard_item(id: i32, competency_id: i32) -> Result<(), AppError> {
    as_actor(|db, a| async move { standards::remove_item(&db, &a, id, competency_id).await }).await
}

#[server(endpoint = "standards/open")]
pub async fn open_standard(id: i32) -> Result<(), AppError> {
    as_actor(|db, a| async move { standards::open(&db, &a, id).await }).await
}

/// Ratifying cannot be undone: the form's confirmation box must be ticked.
#[server(endpoint = "standards/ratify")]
pub async fn ratify_standard(
    id: i32,
    confirm: Option<String>,
    reason: Option<String>,
) -> Result<(), AppError> {
    use crate::server::request::{confirmed, page_after_plain_post};
    let reason = reason.unwrap_or_default();
    let done = as_actor(|db, a| async move {
        confirmed(&confirm)?;
        standards::ratify(&db, &a, id, &reason).await
    })
    .await;
    page_after_plain_post(done, &standard_page(id))
}

#[server(endpoint = "standards/comment-days/get")]
pub async fn get_comment_days() -> Result<i16, AppError> {
    as_actor(|db, a| async move { standards::comment_days(&db, &a).await }).await
}

/// The agency's minimum comment period for standards, in days.
#[server(endpoint = "standards/comment-days")]
pub async fn set_comment_days(days: i64) -> Result<(), AppError> {
    as_actor(|db, a| async move { standards::set_comment_days(&db, &a, days).await }).await
}

#[server(endpoint = "standards/comment")]
pub async fn comment_standard(id: i32, body: String) -> Result<i32, AppError> {
    as_actor(|db, a| async move { standards::comment(&db, &a, id, &body).await }).await
}

#[server(endpoint = "standards/answer")]
pub async fn answer_comment(comment_id: i32, answer: String) -> Result<(), AppError> {
    as_actor(|db, a| async move { standards::answer(&db, &a, comment_id, &answer).await }).await
}

/// The standards the reader is invited to (their own position's, open drafts in
/// the units they lead) and the agency's ratified ones.
#[server(endpoint = "standards/mine")]
pub async fn my_standards() -> Result<MemberStandards, AppError> {
    as_actor(|db, a| async move { published::for_member(&db, &a).await }).await
}

/// Every agency's ratified standards, for anyone (no login needed).
#[server(endpoint = "standards/public")]
pub async fn public_standards() -> Result<Vec<PublishedStandard>, AppError> {
    as_visitor(|db, _| async move { published::public_list(&db).await }).await
}
