//! Publishing a closed campaign (HR): the body is built, written as canonical JSON,
//! hashed, chained to the agency's previous snapshot and signed, in one transaction
//! with the names beside it and the audit record. Publishing a period again is a
//! correction: a new version with a stated reason; the old one stays, superseded.

use super::body::{build, Place};
use super::signing::{key_id, sha256, sign};
use super::stored::{chain_of, current_of_other_period, versions_in};
use crate::assessment::model::CampaignStatus;
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::i18n::K;
use crate::org::service::hr_row;
use crate::publication::model::{Body, ConsentKind, PeriodKind, Publishable};
use crate::publication::rules::canonical;
use crate::server::entities::{agency, campaign, snapshot, snapshot_name};
use crate::server::{db, write_tx, Db};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;

/// A correction's reason: this many characters at least, and at most.
pub const REASON_MIN: usize = 10;
pub const REASON_MAX: usize = 500;

/// The agency's closed campaigns with what was published of each, newest first (HR).
pub async fn publishable(db: &Db, actor: &Actor) -> Result<Vec<Publishable>, AppError> {
    let agency = actor.hr_agency().ok_or(AppError::Forbidden)?;
    let closed = campaign::Entity::find()
        .filter(campaign::Column::AgencyId.eq(agency))
        .filter(campaign::Column::Status.eq(CampaignStatus::Closed))
        .order_by_desc(campaign::Column::ClosedAt)
        .all(db)
        .await?;
    let code = agency::Entity::find_by_id(agency)
        .one(db)
        .await?
        .map(|a| a.code)
        .unwrap_or_default();
    let chain = chain_of(db, agency).await?;
    let mut out = Vec::new();
    for c in closed {
        out.push(Publishable {
            agency_code: code.clone(),
            campaign_id: c.id,
            name: c.name.clone(),
            closed_on: c
                .closed_at
                .map(|t| t.date_naive().to_string())
                .unwrap_or_default(),
            versions: versions_in(&chain, (PeriodKind::Campaign, c.id)),
        });
    }
    Ok(out)
}

/// Checks a correction's reason: required once the period has been published.
fn reason_for(corrects: bool, reason: &str) -> Result<Option<String>, AppError> {
    let reason = reason.trim();
    if !corrects {
        return Ok(None);
    }
    let n = reason.chars().count();
    if !(REASON_MIN..=REASON_MAX).contains(&n) {
        return Err(AppError::field("reason", K::PubReasonLength));
    }
    Ok(Some(reason.to_string()))
}

/// Writes the body as canonical JSON, hashed and signed, into the chain.
async fn store(
    tx: &DatabaseTransaction,
    body: &Body,
    (actor, now, corrects): (&Actor, DateTime<Utc>, Option<i32>),
) -> Result<snapshot::Model, AppError> {
    let value = serde_json::to_value(body).map_err(crate::error::internal)?;
    let text = canonical(&value);
    Ok(snapshot::ActiveModel {
        agency_id: Set(body.agency.id),
        sequence: Set(body.sequence),
        period_kind: Set(body.period.kind),
        period_id: Set(body.period.id),
        version: Set(body.version),
        corrects_id: Set(corrects),
        reason: Set(body.reason.clone()),
        hash: Set(sha256(text.as_bytes())),
        previous_hash: Set(body.previous_hash.clone()),
        key_id: Set(key_id(tx).await?),
        signature: Set(sign(text.as_bytes())?),
        published_by: Set(actor.user_id),
        published_at: Set(now),
        body: Set(text),
        ..Default::default()
    }
    .insert(tx)
    .await?)
}

/// Publishes campaign `id` (or corrects its publication): the new snapshot's id.
pub async fn publish(db: &Db, actor: &Actor, id: i32, reason: &str) -> Result<i32, AppError> {
    let c = hr_row::<campaign::Entity>(db, actor, id).await?;
    if c.status != CampaignStatus::Closed {
        return Err(AppError::field("campaign", K::PubNotClosed));
    }
    let a = agency::Entity::find_by_id(c.agency_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let tx = write_tx(db).await?;
    let period = (PeriodKind::Campaign, c.id);
    let chain = chain_of(&tx, a.id).await?;
    let earlier = versions_in(&chain, period);
    let current = earlier.iter().find(|v| v.current);
    let reason = reason_for(current.is_some(), reason)?;
    let last = chain.last().cloned();
    let previous: Option<Body> = current_of_other_period(&tx, a.id, period).await?;
    let now = db::now();
    let place = Place {
        sequence: last.as_ref().map_or(1, |s| s.sequence + 1),
        previous_hash: last.map(|s| s.hash),
        version: earlier.len() as i32 + 1,
        corrects: current.map(|v| v.sequence),
        reason,
        published_at: now.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
        today: now.date_naive(),
    };
    let (body, named) = build(&tx, (&a, &c), place, previous.as_ref()).await?;
    let row = store(&tx, &body, (actor, now, current.map(|v| v.id))).await?;
    for n in &named {
        snapshot_name::ActiveModel {
            agency_id: Set(a.id),
            snapshot_id: Set(row.id),
            employee_id: Set(n.employee_id),
            list: Set(ConsentKind::Honour),
            entry: Set(n.entry.clone()),
            salt: Set(n.salt.clone()),
            commitment: Set(n.commitment.clone()),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
    }
    let summary = json!({ "campaign": c.id, "sequence": row.sequence, "version": row.version,
                          "hash": row.hash, "reason": row.reason, "named": named.len() });
    let action = if current.is_some() {
        "correct"
    } else {
        "publish"
    };
    audit::commit(tx, actor, a.id, action, "snapshot", row.id, summary).await?;
    Ok(row.id)
}
