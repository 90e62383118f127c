//! Server functions of publication: the public's (no login) and HR's.

use crate::error::AppError;
use crate::publication::model::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::publication::service::{publish as publishing, read, verify};
#[cfg(feature = "ssr")]
use crate::server::request::{as_actor, as_visitor, cache};

/// Every agency with its latest published period (no login).
#[server(endpoint = "publik/agencies")]
pub async fn public_agencies() -> Result<Vec<PublicAgency>, AppError> {
    as_visitor(|db, _| async move {
        let all = read::agencies_in(&*cache::<read::Agencies>()?, &db).await?;
        Ok(all.to_vec())
    })
    .await
}

/// Snapshot `id` of agency `code`, or its latest (no login), as its page lists it
/// (`Published::listed`), with its charts.
#[server(endpoint = "publik/snapshot")]
pub async fn published_snapshot(code: String, id: Option<i32>) -> Result<Published, AppError> {
    let lang = crate::i18n::detect_lang();
    as_visitor(|db, _| async move {
        let p = read::published_in(&*cache::<read::Snapshots>()?, &db, &code, id).await?;
        Ok(crate::ui::page_charts::publication(
            (*p).clone().listed(),
            lang,
        ))
    })
    .await
}

/// Checks stored snapshot `id` and its agency's chain (no login).
#[server(endpoint = "publik/verify")]
pub async fn verify_snapshot(id: i32) -> Result<Verification, AppError> {
    as_visitor(|db, _| async move { verify::verify_stored(&db, id).await }).await
}

/// HR's closed campaigns with what was published of each.
#[server(endpoint = "publication/list")]
pub async fn publishable_campaigns() -> Result<Vec<Publishable>, AppError> {
    as_actor(|db, a| async move { publishing::publishable(&db, &a).await }).await
}

/// Publishes campaign `campaign` (a correction when already published: `reason`
/// then says why): the new snapshot's id. Irreversible, so confirmed.
#[server(endpoint = "publication/publish")]
pub async fn publish(
    campaign: i32,
    reason: Option<String>,
    confirm: Option<String>,
) -> Result<i32, AppError> {
    as_actor(|db, a| async move {
        crate::server::request::confirmed(&confirm)?;
        let reason = reason.unwrap_or_default();
        publishing::publish(&db, &a, campaign, &reason).await
    })
    .await
}

/// Where the reader stands in their unit, their consents, and the unit's named
/// ranking when the agency shows one.
#[server(endpoint = "publication/standing")]
pub async fn my_standing() -> Result<Standing, AppError> {
    let lang = crate::i18n::detect_lang();
    as_actor(|db, a| async move {
        let s = crate::publication::service::standing::standing(&db, &a).await?;
        Ok(crate::ui::page_charts::standing(s, lang))
    })
    .await
}

/// Gives (`given`) or revokes the reader's consent of `kind`.
#[server(endpoint = "publication/consent")]
pub async fn set_consent(kind: ConsentKind, given: bool) -> Result<(), AppError> {
    as_actor(|db, a| async move {
        crate::publication::service::consent::set(&db, &a, kind, given).await
    })
    .await
}

/// Whether HR's agency shows named unit rankings inside the agency.
#[server(endpoint = "publication/named")]
pub async fn named_ranking() -> Result<bool, AppError> {
    as_actor(|db, a| async move { crate::publication::service::named::is_on(&db, &a).await }).await
}

/// Switches named unit rankings on or off for HR's agency.
#[server(endpoint = "publication/named/set")]
pub async fn set_named_ranking(on: bool) -> Result<(), AppError> {
    as_actor(|db, a| async move { crate::publication::service::named::set(&db, &a, on).await })
        .await
}
