//! The `programme_competencies` table: which competencies a programme builds, and to
//! which level. Kept free of business rules.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "programme_competencies")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub programme_id: i32,
    pub competency_id: i32,
    pub level: i16,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::competency::Entity",
        from = "Column::CompetencyId",
        to = "super::competency::Column::Id"
    )]
    Competency,
}

impl Related<super::competency::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Competency.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
