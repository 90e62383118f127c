//! Services of the assessment domain. HR runs campaigns; supervisors plan their
//! subordinates' peers before the start; raters see only their own forms; results
//! are read through the dashboard, which shows anonymous sources only as aggregates.

pub mod assign;
pub mod campaigns;
pub mod closing;
pub mod dashboard;
pub mod forms;
pub mod peers;
pub mod team;

use crate::assessment::rules::{CampaignStatus, Weights};
use crate::error::AppError;
use crate::server::sql;
use sea_orm::ConnectionTrait;

/// A campaign as the services need it.
pub struct Campaign {
    pub id: i32,
    pub agency_id: i32,
    pub name: String,
    pub status: CampaignStatus,
    pub starts_on: chrono::NaiveDate,
    pub ends_on: chrono::NaiveDate,
    pub weights: Weights,
    pub k: u32,
    pub max_peers: u32,
    pub skipped: i64,
}

pub async fn campaign(db: &impl ConnectionTrait, id: i32) -> Result<Campaign, AppError> {
    let r = sql::one(db, "SELECT * FROM campaigns WHERE id = $1", vec![id.into()])
        .await?
        .ok_or(AppError::NotFound)?;
    let w = |c: &str| sql::get::<i16>(&r, c).map(|v| v.max(0) as u32);
    Ok(Campaign {
        id,
        agency_id: sql::get(&r, "agency_id")?,
        name: sql::get(&r, "name")?,
        status: CampaignStatus::parse(&sql::get::<String>(&r, "status")?)
            .unwrap_or(CampaignStatus::Closed),
        starts_on: sql::get(&r, "starts_on")?,
        ends_on: sql::get(&r, "ends_on")?,
        weights: Weights {
            self_rating: w("w_self")?,
            supervisor: w("w_supervisor")?,
            peer: w("w_peer")?,
            subordinate: w("w_subordinate")?,
        },
        k: w("k")?,
        max_peers: w("max_peers")?,
        skipped: sql::get::<i32>(&r, "skipped")?.into(),
    })
}

/// Dates are shown day first, as Indonesian forms write them.
pub fn day(d: chrono::NaiveDate) -> String {
    d.format("%d-%m-%Y").to_string()
}
