//! Reminders: HR reminds a running campaign's raters who have not sent every form;
//! each of them sees it on their home page (with how many forms and the deadline)
//! until they send them or the campaign closes. No e-mail: the home page is where
//! civil servants start.

use super::campaigns::hr_campaign;
use super::day;
use crate::assessment::model::{CampaignStatus, RaterStatus, Reminder};
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::auth::service::moment;
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::server::entities::{campaign, campaign_rater};
use crate::server::{db, sql, write_tx, Db};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{raw_sql, ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect};
use serde_json::json;

/// Reminds everyone who still owes forms in the campaign; returns how many people.
pub async fn remind(db: &Db, actor: &Actor, id: i32) -> Result<u64, AppError> {
    let tx = write_tx(db).await?;
    let c = hr_campaign(&tx, actor, id).await?;
    if c.row.status != CampaignStatus::Running {
        return Err(AppError::Conflict(Msg::new(K::ErrCampaignState)));
    }
    let owing: Vec<i32> = campaign_rater::Entity::find()
        .select_only()
        .column(campaign_rater::Column::RaterId)
        .distinct()
        .filter(campaign_rater::Column::CampaignId.eq(id))
        .filter(campaign_rater::Column::Status.ne(RaterStatus::Submitted))
        .into_tuple()
        .all(&tx)
        .await?;
    campaign::Entity::update_many()
        .col_expr(campaign::Column::RemindedAt, Expr::value(db::now()))
        .filter(campaign::Column::Id.eq(id))
        .exec(&tx)
        .await?;
    let n = owing.len() as u64;
    audit::commit(
        tx,
        actor,
        c.row.agency_id,
        "remind",
        "campaign",
        id,
        json!({ "raters": n }),
    )
    .await?;
    Ok(n)
}

#[derive(FromQueryResult)]
struct Owed {
    campaign: String,
    ends_on: NaiveDate,
    reminded_at: chrono::DateTime<chrono::Utc>,
    unsent: i64,
}

/// The reminders for the actor: running campaigns HR reminded about in which they
/// still have forms to send.
pub async fn mine(db: &Db, actor: &Actor) -> Result<Vec<Reminder>, AppError> {
    let Some(me) = actor.employee_id else {
        return Ok(Vec::new());
    };
    let (running, sent) = (CampaignStatus::Running, RaterStatus::Submitted);
    // SQL: forms still owed per reminded campaign, counted in one grouped read.
    let stmt = raw_sql!(
        Postgres,
        "SELECT c.name AS campaign, c.ends_on, c.reminded_at, COUNT(*) AS unsent
         FROM campaign_raters r JOIN campaigns c ON c.id = r.campaign_id
         WHERE r.rater_id = {me} AND r.status <> {sent} AND c.status = {running}
           AND c.reminded_at IS NOT NULL
         GROUP BY c.id, c.name, c.ends_on, c.reminded_at ORDER BY c.ends_on"
    );
    Ok(sql::all::<Owed>(db, stmt)
        .await?
        .into_iter()
        .map(|o| Reminder {
            campaign: o.campaign,
            ends_on: day(o.ends_on),
            reminded_at: moment(o.reminded_at),
            unsent: o.unsent,
        })
        .collect())
}
