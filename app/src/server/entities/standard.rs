//! The `standards` table: versioned competency standards of positions. Kept free of
//! business rules.

use crate::competency::model::StandardStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "standards")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub position_id: i32,
    pub version: i32,
    pub status: StandardStatus,
    pub note: String,
    pub created_at: DateTimeUtc,
    pub opened_at: Option<DateTimeUtc>,
    pub ratified_at: Option<DateTimeUtc>,
    pub ratified_by_user_id: Option<i32>,
    /// Why HR ratified before the comment period ended (or without one).
    pub skip_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}
