//! Which audit key the chain is keyed with: a fingerprint (the HMAC of a fixed text
//! under the key, never the key), so a server started with another key file refuses
//! to write rows nobody could verify, instead of silently mixing keys.

use crate::util::a;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(a("audit_keys"))
                .col(string(a("fingerprint")).primary_key())
                .col(timestamp_with_time_zone(a("created_at")))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(a("audit_keys")).take())
            .await
    }
}
