//! Campaigns closed before closing sealed them still hold their peers' and
//! subordinates' answers; they go now, as closing does today (results and comments
//! without raters stay).

use crate::util::exec;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        exec(
            m,
            "DELETE FROM answers WHERE rater_row_id IN (SELECT r.id FROM campaign_raters r \
             JOIN campaigns c ON c.id = r.campaign_id \
             WHERE c.status = 'closed' AND r.source IN ('peer', 'subordinate'))",
        )
        .await
    }

    async fn down(&self, _: &SchemaManager) -> Result<(), DbErr> {
        // Deleted answers are not restored.
        Ok(())
    }
}
