//! The `campaign_raters` table: one rater's form about one ratee in a campaign. Kept free
//! of business rules.

use crate::assessment::model::{AddedBy, RaterStatus, Source};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "campaign_raters")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub campaign_id: i32,
    pub ratee_id: i32,
    pub rater_id: i32,
    pub source: Source,
    pub added_by: AddedBy,
    pub status: RaterStatus,
    pub submitted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
