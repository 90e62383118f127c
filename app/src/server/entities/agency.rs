//! The `agencies` table. Kept free of business rules (see the services).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agencies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub code: String,
    pub name: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
    /// Days a standard stays open for comment at least before it is ratified.
    pub comment_days: i16,
    /// Whether logged-in staff see a named ranking of their unit (of those who consented).
    pub named_ranking: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}
