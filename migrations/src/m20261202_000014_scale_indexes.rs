//! An index for a page at a regency's size: the holders of each position, counted
//! from the index alone (the whole assignments table was read for it).

use crate::util::exec;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        exec(
            m,
            "CREATE INDEX ix_assignments_agency_position_current ON assignments (agency_id, position_id) WHERE end_date IS NULL",
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        exec(m, "DROP INDEX ix_assignments_agency_position_current").await
    }
}
