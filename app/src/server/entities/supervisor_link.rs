//! The `supervisor_links` table. Kept free of business rules (see the services).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "supervisor_links")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub employee_id: i32,
    pub supervisor_id: Option<i32>,
    pub reason: String,
    pub set_by_user_id: Option<i32>,
    pub valid_from: DateTimeUtc,
    pub valid_to: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Entity {
    /// The links in force: one without an end (`valid_to`) is current; a new choice
    /// ends the previous link, so history stays.
    pub fn current() -> Select<Entity> {
        Entity::find().filter(Column::ValidTo.is_null())
    }
}
