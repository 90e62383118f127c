//! The `campaign_ratees` table: who a campaign assesses, with the standard version used
//! and, once closed, the JPM. Kept free of business rules.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "campaign_ratees")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub campaign_id: i32,
    pub employee_id: i32,
    pub unit_id: i32,
    pub position_id: i32,
    pub standard_id: i32,
    pub supervisor_id: Option<i32>,
    pub jpm: Option<f64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
