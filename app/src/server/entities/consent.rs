//! The `consents` table: a person's recorded consent to be named (one row per person
//! and kind; revoking sets `revoked_at`, giving again clears it). Kept free of
//! business rules.

use crate::publication::model::ConsentKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub employee_id: i32,
    pub kind: ConsentKind,
    pub given_at: DateTimeUtc,
    pub revoked_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
