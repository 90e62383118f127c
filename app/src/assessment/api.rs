//! Server functions of the assessment domain: campaigns (HR), peer planning
//! (supervisors), rating forms (raters) and the dashboard. Thin, like every
//! domain's; the dashboard's charts are drawn here, once per remembered page.

use crate::assessment::model::*;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::assessment::service::{
    campaigns, closing, dashboard as dash, forms, peers, reminders, team,
};
#[cfg(feature = "ssr")]
use crate::server::request::{as_actor, cache};

#[server(endpoint = "campaigns/list")]
pub async fn list_campaigns() -> Result<Vec<CampaignRow>, AppError> {
    as_actor(|db, a| async move { campaigns::list(&db, &a).await }).await
}

#[server(endpoint = "campaigns/get")]
pub async fn get_campaign(id: i32) -> Result<CampaignDetail, AppError> {
    as_actor(|db, a| async move { campaigns::detail(&db, &a, id).await }).await
}

/// A campaign's page (where a new one opens, with JavaScript or without).
pub fn campaign_page(id: i32) -> String {
    format!("/hr/campaigns/{id}")
}

#[server(endpoint = "campaigns/create")]
pub async fn create_campaign(form: CampaignForm) -> Result<i32, AppError> {
    let done = as_actor(|db, a| async move { campaigns::create(&db, &a, &form).await }).await;
    crate::server::request::created(done, campaign_page)
}

#[server(endpoint = "campaigns/start")]
pub async fn start_campaign(id: i32) -> Result<(), AppError> {
    as_actor(|db, a| async move { campaigns::start(&db, &a, id).await }).await
}

#[server(endpoint = "campaigns/extend")]
pub async fn extend_campaign(id: i32, ends_on: String) -> Result<(), AppError> {
    as_actor(|db, a| async move { campaigns::extend(&db, &a, id, &ends_on).await }).await
}

/// Starts closing a campaign (a background job) and returns the job's id.
#[server(endpoint = "campaigns/close")]
pub async fn close_campaign(id: i32, confirm: Option<String>) -> Result<i32, AppError> {
    use crate::server::request::{confirmed, page_after_plain_post};
    let done = as_actor(|db, a| async move {
        confirmed(&confirm)?;
        closing::begin(&db, &a, id).await
    })
    .await;
    page_after_plain_post(done, &campaign_page(id))
}

/// Reminds the raters who have not sent every form; returns how many were reminded.
#[server(endpoint = "campaigns/remind")]
pub async fn remind_raters(id: i32) -> Result<u64, AppError> {
    let done = as_actor(|db, a| async move { reminders::remind(&db, &a, id).await }).await;
    crate::server::request::page_after_plain_post(done, &campaign_page(id))
}

/// HR's reminders for the current user (home page).
#[server(endpoint = "assess/reminders")]
pub async fn my_reminders() -> Result<Vec<Reminder>, AppError> {
    as_actor(|db, a| async move { reminders::mine(&db, &a).await }).await
}

#[server(endpoint = "assess/todo")]
pub async fn my_todo() -> Result<Vec<TodoItem>, AppError> {
    as_actor(|db, a| async move { forms::todo(&db, &a).await }).await
}

#[server(endpoint = "assess/form")]
pub async fn get_form(id: i32) -> Result<RatingForm, AppError> {
    as_actor(|db, a| async move { forms::form(&db, &a, id).await }).await
}

/// Saves the form; `submit` (the submit button's value) makes it final.
#[server(endpoint = "assess/save")]
pub async fn save_form(
    id: i32,
    #[server(default)] items: Vec<AnswerInput>,
    #[server(default)] submit: Option<String>,
) -> Result<bool, AppError> {
    let final_ = submit.as_deref().is_some_and(|s| !s.is_empty());
    as_actor(|db, a| async move {
        forms::save(&db, &a, id, &items, final_).await?;
        Ok(final_)
    })
    .await
}

#[server(endpoint = "assess/peers")]
pub async fn peer_plans() -> Result<Vec<PeerPlan>, AppError> {
    as_actor(|db, a| async move { peers::plans(&db, &a).await }).await
}

#[server(endpoint = "assess/peers/add")]
pub async fn add_peer(choice: PeerChoice) -> Result<(), AppError> {
    as_actor(|db, a| async move { peers::add_peer(&db, &a, choice).await }).await
}

#[server(endpoint = "assess/peers/add_named")]
pub async fn add_named_peer(named: NamedPeer) -> Result<(), AppError> {
    as_actor(|db, a| async move { peers::add_named_peer(&db, &a, named).await }).await
}

#[server(endpoint = "assess/peers/remove")]
pub async fn remove_peer(choice: PeerChoice) -> Result<(), AppError> {
    as_actor(|db, a| async move { peers::remove_peer(&db, &a, choice).await }).await
}

/// One employee's dashboard (None: the reader's own) for a campaign (None: the
/// latest). Who may read it is decided on every call; the page itself, charts
/// included, is remembered until the next commit (`server::read_cache`).
#[server(endpoint = "dashboard/get")]
pub async fn get_dashboard(
    employee: Option<i32>,
    campaign: Option<i32>,
) -> Result<DashboardPage, AppError> {
    let lang = crate::i18n::detect_lang();
    as_actor(|db, a| async move {
        let whose = dash::readable(&db, &a, employee).await?;
        let pages = cache::<dash::Pages>()?;
        let draw = async {
            let data = dash::build(&db, whose.clone(), campaign).await?;
            Ok::<_, AppError>(crate::ui::page_charts::dashboard(data, lang))
        };
        let page = pages.get_or_load((whose.id, campaign, lang), draw).await?;
        Ok(std::sync::Arc::unwrap_or_clone(page))
    })
    .await
}

/// The people whose dashboards the reader may open from their own.
#[server(endpoint = "dashboard/team")]
pub async fn my_team() -> Result<Vec<TeamMember>, AppError> {
    as_actor(|db, a| async move { team::team(&db, &a).await }).await
}
