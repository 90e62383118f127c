//! The `certificates` table: an uploaded certificate of one enrolment, its bytes
//! kept in the database (type read from the content, size capped on upload). Kept
//! free of business rules.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certificates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub enrolment_id: i32,
    pub media_type: String,
    pub file_name: String,
    pub size: i32,
    pub sha256: String,
    pub bytes: Vec<u8>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}
