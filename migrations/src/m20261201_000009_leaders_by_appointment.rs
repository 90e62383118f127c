//! A unit leader's right now follows the current appointment (the head of a unit
//! leads it), so stored `unit_leader` grants, which a move would leave behind, go.

use crate::util::exec;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        exec(m, "DELETE FROM user_roles WHERE role = 'unit_leader'").await
    }

    async fn down(&self, _: &SchemaManager) -> Result<(), DbErr> {
        // The grants are derived from appointments now; nothing to restore.
        Ok(())
    }
}
