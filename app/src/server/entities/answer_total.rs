//! The `answer_totals` table: per campaign, ratee, competency and source, how many
//! sent forms answered and the sum of their levels. Kept free of business rules.

use crate::assessment::model::Source;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "answer_totals")]
pub struct Model {
    pub agency_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub campaign_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub ratee_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub competency_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub source: Source,
    pub answers: i32,
    pub level_sum: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

/// The key holds a source, which is never a generated number; SeaORM asks every key
/// column for this conversion all the same.
impl sea_orm::TryFromU64 for Source {
    fn try_from_u64(_: u64) -> Result<Self, DbErr> {
        Err(DbErr::ConvertFromU64("Source"))
    }
}
