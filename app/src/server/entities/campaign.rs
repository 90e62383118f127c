//! The `campaigns` table: multi-rater assessment campaigns with their weights and
//! threshold. Kept free of business rules.

use crate::assessment::model::CampaignStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "campaigns")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub name: String,
    pub status: CampaignStatus,
    pub starts_on: Date,
    pub ends_on: Date,
    pub w_self: i16,
    pub w_supervisor: i16,
    pub w_peer: i16,
    pub w_subordinate: i16,
    pub k: i16,
    pub max_peers: i16,
    pub skipped: i32,
    pub created_at: DateTimeUtc,
    pub started_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    /// When HR last reminded those who have not sent their forms.
    pub reminded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}
