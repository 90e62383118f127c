//! The `employees` table. Kept free of business rules (see the services).

use crate::people::input::EmploymentStatus;
use crate::people::nip::Sex;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "employees")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub nip: String,
    pub name: String,
    pub sex: Sex,
    pub status: EmploymentStatus,
    pub active: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}
