//! Services of the assessment domain. HR runs campaigns; supervisors plan their
//! subordinates' peers before the start; raters see only their own forms; results
//! are read through the dashboard, which shows anonymous sources only as aggregates.

pub mod assign;
pub mod campaigns;
pub mod closing;
pub mod dashboard;
pub mod forms;
pub mod peers;
pub mod reminders;
pub mod team;
pub mod totals;

use crate::assessment::rules::Weights;
use crate::error::AppError;
use crate::server::entities::campaign;
use sea_orm::sea_query::LockType;
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};

/// A campaign with its settings as the rules take them.
pub struct Campaign {
    pub row: campaign::Model,
    pub weights: Weights,
    pub k: u32,
    pub max_peers: u32,
}

pub async fn campaign(db: &impl ConnectionTrait, id: i32) -> Result<Campaign, AppError> {
    campaign_with(db, id, None).await
}

/// The campaign a job's step works on, which must still be in `status` (a job
/// whose campaign moved on otherwise would write into the wrong state).
pub(crate) async fn campaign_in(
    db: &impl ConnectionTrait,
    id: i32,
    status: crate::assessment::model::CampaignStatus,
) -> Result<Campaign, AppError> {
    let c = campaign(db, id).await?;
    if c.row.status != status {
        return Err(AppError::Conflict(crate::error::Msg::new(
            crate::i18n::K::ErrCampaignState,
        )));
    }
    Ok(c)
}

/// The campaign, its row share-locked until the transaction ends (PostgreSQL; SQLite's
/// single writer orders writes already): a form saved while HR starts closing is
/// either in before the state changes or sees the new state, never half of each.
pub async fn campaign_shared(db: &impl ConnectionTrait, id: i32) -> Result<Campaign, AppError> {
    campaign_with(db, id, Some(LockType::Share)).await
}

async fn campaign_with(
    db: &impl ConnectionTrait,
    id: i32,
    lock: Option<LockType>,
) -> Result<Campaign, AppError> {
    let mut q = campaign::Entity::find_by_id(id);
    if let Some(l) = lock {
        q = q.lock(l);
    }
    let row = q.one(db).await?.ok_or(AppError::NotFound)?;
    let n = |v: i16| v.max(0) as u32;
    Ok(Campaign {
        weights: Weights {
            self_rating: n(row.w_self),
            supervisor: n(row.w_supervisor),
            peer: n(row.w_peer),
            subordinate: n(row.w_subordinate),
        },
        k: n(row.k),
        max_peers: n(row.max_peers),
        row,
    })
}

/// Dates travel as ISO (`2026-12-17`); pages write them in the reader's way
/// (`i18n::format`), messages too (a `date` parameter, `Msg::text`).
pub fn day(d: chrono::NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}
