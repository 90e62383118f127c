//! The `competency_levels` table: the description and behavioural indicators (a JSON array)
//! of each level 1–5 of a competency. Kept free of business rules.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "competency_levels")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub competency_id: i32,
    pub level: i16,
    pub description: String,
    /// A JSON array of strings.
    pub indicators: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
