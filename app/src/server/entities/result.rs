//! The `results` table: the stored outcome of a closed campaign per employee and competency
//! (never recomputed). Kept free of business rules.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "results")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub campaign_id: i32,
    pub employee_id: i32,
    pub competency_id: i32,
    pub required_level: i16,
    pub measured: Option<f64>,
    pub self_level: Option<f64>,
    pub others_level: Option<f64>,
    /// Why sources were left out (`assessment::rules::DroppedSource`, as JSON).
    pub detail: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
