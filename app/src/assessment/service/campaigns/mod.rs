//! HR's side of a campaign: create it (ratees at once, raters by a job, so
//! supervisors can review peers before the start), start it, follow completion per
//! unit and who has not answered, and extend the deadline.

mod create;
pub mod prepare;
pub mod progress;

pub use create::{create, create_now};

use super::{campaign, day, Campaign};
use crate::assessment::input::parse_day;
use crate::assessment::model::*;
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::{AppError, FieldError, Msg};
use crate::i18n::K;
use crate::jobs::service as jobs;
use crate::org::service::hr_agency;
use crate::server::entities::campaign as campaign_entity;
use crate::server::entities::{campaign_ratee, campaign_rater};
use crate::server::{db, sql, write_tx, Db};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    raw_sql, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult,
    PaginatorTrait, QueryFilter, Set,
};
use serde_json::json;

pub(crate) async fn hr_campaign(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<Campaign, AppError> {
    let c = campaign(db, id).await?;
    if !actor.is_hr_of(c.row.agency_id) {
        return Err(AppError::Forbidden);
    }
    Ok(c)
}

/// A campaign with how many are assessed, how many forms there are and how many
/// were sent.
#[derive(FromQueryResult)]
struct Counted {
    id: i32,
    name: String,
    status: CampaignStatus,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    ratees: i64,
    forms: i64,
    submitted: i64,
}

impl From<Counted> for CampaignRow {
    fn from(c: Counted) -> Self {
        CampaignRow {
            id: c.id,
            name: c.name,
            status: c.status,
            starts_on: day(c.starts_on),
            ends_on: day(c.ends_on),
            ratees: c.ratees,
            forms: c.forms,
            submitted: c.submitted,
        }
    }
}

pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<CampaignRow>, AppError> {
    let agency = hr_agency(actor)?;
    let sent = RaterStatus::Submitted;
    // SQL: a list page, counted in the database per campaign.
    let stmt = raw_sql!(
        Postgres,
        "SELECT c.id, c.name, c.status, c.starts_on, c.ends_on,
           (SELECT COUNT(*) FROM campaign_ratees t WHERE t.campaign_id = c.id) AS ratees,
           (SELECT COUNT(*) FROM campaign_raters r WHERE r.campaign_id = c.id) AS forms,
           (SELECT COUNT(*) FROM campaign_raters r WHERE r.campaign_id = c.id AND r.status = {sent})
             AS submitted
         FROM campaigns c WHERE c.agency_id = {agency} ORDER BY c.starts_on DESC, c.id DESC"
    );
    let rows = sql::all::<Counted>(db, stmt).await?;
    Ok(rows.into_iter().map(CampaignRow::from).collect())
}

pub async fn detail(db: &Db, actor: &Actor, id: i32) -> Result<CampaignDetail, AppError> {
    // The campaign's job (preparing or closing) is read before the campaign: its last
    // step moves both on in one transaction, so a job read as unfinished comes with
    // its bar, and a job read as done comes with the campaign moved on. Read after, a
    // fast job could finish in between and leave "closing" on the page with no bar.
    let job = jobs::latest_for(db, id).await?;
    let c = hr_campaign(db, actor, id).await?;
    let forms = campaign_rater::Entity::find().filter(campaign_rater::Column::CampaignId.eq(id));
    let submitted = forms
        .clone()
        .filter(campaign_rater::Column::Status.eq(RaterStatus::Submitted));
    let ratees = campaign_ratee::Entity::find()
        .filter(campaign_ratee::Column::CampaignId.eq(id))
        .count(db)
        .await?;
    let row = Counted {
        id,
        name: c.row.name.clone(),
        status: c.row.status,
        starts_on: c.row.starts_on,
        ends_on: c.row.ends_on,
        ratees: ratees as i64,
        forms: forms.count(db).await? as i64,
        submitted: submitted.count(db).await? as i64,
    };
    let w = c.weights;
    let (units_total, missing_total) = progress::totals(db, id).await?;
    Ok(CampaignDetail {
        row: row.into(),
        weights: [w.self_rating, w.supervisor, w.peer, w.subordinate],
        k: c.k,
        max_peers: c.max_peers,
        skipped: c.row.skipped.into(),
        units: progress::unit_names(db, id).await?,
        completion: progress::completion(db, id).await?,
        missing: progress::missing(db, id).await?,
        units_total,
        missing_total,
        job,
        reminded_at: c.row.reminded_at.map(crate::auth::service::moment),
    })
}

/// Moves a campaign on to `to` (draft from preparing, running from draft, closing
/// from running, closed from closing), noting when it started or closed. The update
/// claims the row: of two concurrent moves, the second waits, then finds the campaign
/// moved already and gets a conflict.
pub(crate) async fn advance(
    tx: &impl ConnectionTrait,
    id: i32,
    to: CampaignStatus,
) -> Result<(), AppError> {
    use campaign_entity::Column;
    let (from, at) = match to {
        CampaignStatus::Draft => (CampaignStatus::Preparing, None),
        CampaignStatus::Running => (CampaignStatus::Draft, Some(Column::StartedAt)),
        CampaignStatus::Closing => (CampaignStatus::Running, Some(Column::ClosedAt)),
        CampaignStatus::Closed => (CampaignStatus::Closing, Some(Column::ClosedAt)),
        CampaignStatus::Preparing => return Err(AppError::Conflict(Msg::new(K::ErrCampaignState))),
    };
    let mut update =
        campaign_entity::Entity::update_many().col_expr(Column::Status, Expr::value(to));
    if let Some(at) = at {
        update = update.col_expr(at, Expr::value(db::now()));
    }
    let moved = update
        .filter(Column::Id.eq(id))
        .filter(Column::Status.eq(from))
        .exec(tx)
        .await?;
    if moved.rows_affected == 0 {
        return Err(AppError::Conflict(Msg::new(K::ErrCampaignState)));
    }
    Ok(())
}

/// Opens the forms (draft → running).
pub async fn start(db: &Db, actor: &Actor, id: i32) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let c = hr_campaign(&tx, actor, id).await?;
    advance(&tx, id, CampaignStatus::Running).await?;
    let summary = json!({ "starts_on": c.row.starts_on, "ends_on": c.row.ends_on });
    audit::commit(tx, actor, c.row.agency_id, "start", "campaign", id, summary).await?;
    Ok(())
}

/// Moves the deadline of a campaign not yet closed (to today or later).
pub async fn extend(db: &Db, actor: &Actor, id: i32, ends_on: &str) -> Result<(), AppError> {
    let date = parse_day("ends_on", ends_on).map_err(|e| AppError::Validation(vec![e]))?;
    let tx = write_tx(db).await?;
    let c = hr_campaign(&tx, actor, id).await?;
    if c.row.status.ended() {
        return Err(AppError::Conflict(Msg::new(K::ErrCampaignState)));
    }
    if date < db::today() || date < c.row.starts_on {
        return Err(AppError::Validation(vec![FieldError::new(
            "ends_on",
            K::ErrDeadlinePast,
        )]));
    }
    let mut m: campaign_entity::ActiveModel = c.row.clone().into();
    m.ends_on = Set(date);
    m.update(&tx).await?;
    let change = json!({ "before": c.row.ends_on, "after": date });
    audit::commit(tx, actor, c.row.agency_id, "extend", "campaign", id, change).await?;
    Ok(())
}
