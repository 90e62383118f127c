//! The `unit_needs` table: per closed campaign, unit, competency and job level, the
//! people measured, those below their required level and the levels they lack in all;
//! the unit's own staff (`with_below` false) or the unit and everything below it.
//! Written when a campaign closes. Kept free of business rules.

use crate::people::job_level::JobLevel;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "unit_needs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub campaign_id: i32,
    pub unit_id: i32,
    pub with_below: bool,
    pub competency_id: i32,
    pub job_level: JobLevel,
    pub people: i32,
    pub below: i32,
    pub shortfall: f64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
