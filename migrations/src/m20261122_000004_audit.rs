//! The append-only audit log. Rows form one hash chain per agency (chain 0 holds
//! national and system events); `audit_heads` holds each chain's last sequence number
//! and hash so writers serialise on one row and never fork a chain.

use crate::util::{a, unique};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(a("audit_log"))
                .col(big_pk_auto(a("id")))
                .col(integer(a("chain")))
                .col(big_integer(a("seq")))
                .col(timestamp_with_time_zone(a("at")))
                .col(integer_null(a("actor_user_id")))
                .col(string(a("actor_label")))
                .col(string(a("action")))
                .col(string(a("entity")))
                .col(string(a("entity_id")))
                .col(text(a("summary")))
                .col(string(a("prev_hash")))
                .col(string(a("hash")))
                .take(),
        )
        .await?;
        m.create_index(unique(
            "ux_audit_log_chain_seq",
            a("audit_log"),
            &["chain", "seq"],
        ))
        .await?;
        m.create_table(
            Table::create()
                .table(a("audit_heads"))
                .col(integer(a("chain")).primary_key())
                .col(big_integer(a("seq")))
                .col(string(a("hash")))
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(a("audit_heads")).take())
            .await?;
        m.drop_table(Table::drop().table(a("audit_log")).take())
            .await
    }
}
