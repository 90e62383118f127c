//! The `competencies` table: the competency dictionary: national rows (no agency) and each
//! agency's technical ones. Kept free of business rules.

use crate::competency::model::CompetencyGroup;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "competencies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: Option<i32>,
    pub code: String,
    pub grp: CompetencyGroup,
    pub name: String,
    pub definition: String,
    pub active: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}
