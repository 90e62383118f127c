//! The `snapshots` table: published results, each the canonical JSON that was hashed
//! and signed, chained per agency. The database refuses to change or delete a row
//! (triggers of the migration). Kept free of business rules.

use crate::publication::model::PeriodKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "snapshots")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub sequence: i32,
    pub period_kind: PeriodKind,
    pub period_id: i32,
    pub version: i32,
    pub corrects_id: Option<i32>,
    pub reason: Option<String>,
    pub body: String,
    pub hash: String,
    pub previous_hash: Option<String>,
    pub key_id: i32,
    pub signature: String,
    pub published_by: i32,
    pub published_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
