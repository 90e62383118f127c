//! Preparing a campaign's rater lists a block at a time looks up who reports to the
//! block's ratees: an index on each ratee's supervisor keeps every step a lookup
//! instead of a scan of the campaign. Supervisor first: with the campaign first,
//! SQLite preferred scanning the whole campaign for a block's 2 000 supervisors.

use crate::util::{a, index};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index(
            "ix_campaign_ratees_supervisor",
            a("campaign_ratees"),
            &["supervisor_id", "campaign_id"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("ix_campaign_ratees_supervisor")
                .table(a("campaign_ratees"))
                .to_owned(),
        )
        .await
    }
}
