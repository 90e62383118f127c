//! The `assignments` table. Kept free of business rules (see the services).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "assignments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub employee_id: i32,
    pub position_id: i32,
    pub unit_id: i32,
    pub is_head: bool,
    pub start_date: Date,
    pub end_date: Option<Date>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl Entity {
    /// The assignments in force: one without an end date is current (ending one sets
    /// its end date, so history stays).
    pub fn current() -> Select<Entity> {
        Entity::find().filter(Column::EndDate.is_null())
    }

    /// Headships in force, or ended within the last `days` days.
    pub fn heads_within(days: i64) -> Select<Entity> {
        let since = crate::server::db::today() - chrono::Duration::days(days);
        Entity::find().filter(Column::IsHead.eq(true)).filter(
            sea_orm::Condition::any()
                .add(Column::EndDate.is_null())
                .add(Column::EndDate.gte(since)),
        )
    }
}
