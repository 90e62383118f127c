//! The `service_units` table: a place that serves the public (a puskesmas, a
//! Dukcapil counter, a school) under one unit, with its survey form's public code.
//! Kept free of business rules.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service_units")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub unit_id: i32,
    pub code: String,
    pub name: String,
    pub population: Option<i32>,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}
