//! Safe password resets and idle sessions. A password HR or the administrator issues
//! is temporary: `must_change_password` keeps its holder on the change form until
//! they choose their own, and `password_reset_at` tells them when it was issued (it
//! also ends its validity). `last_seen_at` lets a session end after inactivity.

use crate::util::a;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        m.alter_table(
            Table::alter()
                .table(a("users"))
                .add_column(boolean(a("must_change_password")).default(false))
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(a("users"))
                .add_column(timestamp_with_time_zone_null(a("password_reset_at")))
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(a("sessions"))
                .add_column(timestamp_with_time_zone_null(a("last_seen_at")))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (t, c) in [
            ("sessions", "last_seen_at"),
            ("users", "password_reset_at"),
            ("users", "must_change_password"),
        ] {
            m.alter_table(Table::alter().table(a(t)).drop_column(a(c)).take())
                .await?;
        }
        Ok(())
    }
}
