//! The `standard_comments` table: comments on an open standard and HR's answers. Kept free
//! of business rules.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "standard_comments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub standard_id: i32,
    pub user_id: i32,
    pub author_name: String,
    pub body: String,
    pub answer: Option<String>,
    pub answered_by_user_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub answered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}
