//! One throttle bucket per account: the number of password tries in the current
//! window, counted atomically before a password is checked (a burst of parallel
//! requests cannot each see "no failures yet"). Times are unix seconds so the one
//! upsert compares numbers on both backends.

use crate::util::a;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(a("login_buckets"))
                // `u:<user id>` for an account that exists (one bucket whether it is
                // named by username or NIP), `n:<name>` for a name that matches none.
                .col(string(a("bucket")).primary_key())
                .col(integer(a("tries")))
                .col(big_integer(a("window_start")))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(a("login_buckets")).take())
            .await
    }
}
