//! The `programmes` table: the training catalogue of an agency. Kept free of
//! business rules.

use crate::training::model::Mode;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programmes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub code: String,
    pub name: String,
    pub jp: i32,
    pub mode: Mode,
    pub provider: String,
    pub starts_on: Date,
    pub ends_on: Date,
    pub capacity: i32,
    pub for_assessors: bool,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}
