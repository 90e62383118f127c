//! The `snapshot_names` table: a named entry beside a snapshot (an honour list), with
//! the salt of the hash the snapshot committed to. Deleted when the person revokes
//! consent; the snapshot is untouched. Kept free of business rules.

use crate::publication::model::ConsentKind;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "snapshot_names")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub snapshot_id: i32,
    pub employee_id: i32,
    pub list: ConsentKind,
    pub entry: String,
    pub salt: String,
    pub commitment: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
