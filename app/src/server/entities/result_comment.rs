//! The `result_comments` table: feedback of a closed campaign, kept apart from the raters
//! who wrote it. Kept free of business rules.

use crate::assessment::model::Source;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "result_comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub campaign_id: i32,
    pub employee_id: i32,
    pub competency_id: i32,
    pub source: Source,
    pub author_name: Option<String>,
    pub body: String,
    pub ord: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
