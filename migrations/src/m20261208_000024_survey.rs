//! The citizen satisfaction survey (SKM): the service units that collect it (each
//! under one unit of the agency, with the public code of its form) and the
//! responses, each kept for good: a response HR excludes stays, with the reason.
//! No citizen's address is stored, only a keyed hash of it.

use crate::util::{a, index, tenant_fk, tenant_key, unique};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn service_units() -> TableCreateStatement {
    Table::create()
        .table(a("service_units"))
        .col(pk_auto(a("id")))
        .col(integer(a("agency_id")))
        .col(integer(a("unit_id")))
        // The form's public address: /skm/<code>, unique across agencies.
        .col(string(a("code")))
        .col(string(a("name")))
        // People served a year, when HR knows it: how many respondents are enough.
        .col(integer_null(a("population")))
        .col(boolean(a("active")).default(true))
        .col(timestamp_with_time_zone(a("created_at")))
        .index(&mut tenant_key("ux_service_units_tenant"))
        .foreign_key(&mut tenant_fk(
            "fk_service_units_unit",
            "service_units",
            "unit_id",
            "units",
        ))
        .take()
}

fn survey_responses() -> TableCreateStatement {
    let mut t = Table::create();
    t.table(a("survey_responses"))
        .col(pk_auto(a("id")))
        .col(integer(a("agency_id")))
        .col(integer(a("service_unit_id")))
        .col(timestamp_with_time_zone(a("submitted_at")));
    for u in ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"] {
        t.col(small_integer(a(u)));
    }
    t.col(small_integer_null(a("age")))
        .col(string_null(a("sex")))
        .col(string_null(a("education")))
        .col(string_null(a("occupation")))
        .col(text_null(a("suggestion")))
        // The device's random cookie, when it sent one; the address, hashed with a
        // server secret (never the address itself).
        .col(string_null(a("device")))
        .col(string(a("address")))
        .col(integer_null(a("fill_secs")))
        .col(string_null(a("flag")))
        .col(string(a("state")))
        .col(integer_null(a("reviewed_by")))
        .col(timestamp_with_time_zone_null(a("reviewed_at")))
        .col(string_null(a("review_reason")))
        .foreign_key(&mut tenant_fk(
            "fk_survey_responses_unit",
            "survey_responses",
            "service_unit_id",
            "service_units",
        ));
    t.take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(service_units()).await?;
        m.create_index(unique(
            "ux_service_units_code",
            a("service_units"),
            &["code"],
        ))
        .await?;
        m.create_table(survey_responses()).await?;
        for (name, cols) in [
            (
                "ix_survey_responses_unit",
                &["service_unit_id", "submitted_at"][..],
            ),
            (
                "ix_survey_responses_address",
                &["address", "submitted_at"][..],
            ),
            (
                "ix_survey_responses_device",
                &["device", "service_unit_id"][..],
            ),
            (
                "ix_survey_responses_agency",
                &["agency_id", "state", "submitted_at"][..],
            ),
        ] {
            m.create_index(index(name, a("survey_responses"), cols))
                .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["survey_responses", "service_units"] {
            m.drop_table(Table::drop().table(a(t)).take()).await?;
        }
        Ok(())
    }
}
