//! When HR last reminded a campaign's raters who have not sent their forms: each of
//! them sees the reminder on their home page while the campaign runs.

use crate::util::a;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(a("campaigns"))
                .add_column(timestamp_with_time_zone_null(a("reminded_at")))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(a("campaigns"))
                .drop_column(a("reminded_at"))
                .take(),
        )
        .await
    }
}
