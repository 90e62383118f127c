//! Agencies (instansi) and their unit tree (unit kerja).

use crate::util::{a, exec, index, tenant_key, unique};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(a("agencies"))
                .col(pk_auto(a("id")))
                .col(string(a("code")))
                .col(string(a("name")))
                .col(boolean(a("active")).default(true))
                .col(timestamp_with_time_zone(a("created_at")))
                .take(),
        )
        .await?;
        m.create_index(unique("ux_agencies_code", a("agencies"), &["code"]))
            .await?;

        m.create_table(
            Table::create()
                .table(a("units"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(integer_null(a("parent_id")))
                .col(string(a("code")))
                .col(string(a("name")))
                .col(string(a("kind")))
                .col(boolean(a("active")).default(true))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone(a("updated_at")))
                .index(&mut tenant_key("ux_units_tenant"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_units_agency")
                        .from(a("units"), a("agency_id"))
                        .to(a("agencies"), a("id")),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_units_parent")
                        .from(a("units"), (a("agency_id"), a("parent_id")))
                        .to(a("units"), (a("agency_id"), a("id"))),
                )
                .take(),
        )
        .await?;
        m.create_index(unique(
            "ux_units_agency_code",
            a("units"),
            &["agency_id", "code"],
        ))
        .await?;
        m.create_index(index(
            "ix_units_parent",
            a("units"),
            &["agency_id", "parent_id"],
        ))
        .await?;
        exec(
            m,
            "CREATE INDEX ix_units_agency_name ON units (agency_id, name)",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(a("units")).take()).await?;
        m.drop_table(Table::drop().table(a("agencies")).take())
            .await
    }
}
