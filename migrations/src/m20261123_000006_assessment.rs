//! Multi-rater assessment campaigns: their scope and settings, the ratees (with the
//! standard version each is measured against), the raters and their answers, and the
//! stored results of a closed campaign (never recomputed), with feedback comments
//! kept apart from the raters who wrote them.

use crate::util::{a, exec, index, tenant_fk, tenant_key, unique};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(a("campaigns"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(string(a("name")))
                .col(string(a("status")))
                .col(date(a("starts_on")))
                .col(date(a("ends_on")))
                .col(small_integer(a("w_self")))
                .col(small_integer(a("w_supervisor")))
                .col(small_integer(a("w_peer")))
                .col(small_integer(a("w_subordinate")))
                .col(small_integer(a("k")))
                .col(small_integer(a("max_peers")))
                .col(integer(a("skipped")).default(0))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone_null(a("started_at")))
                .col(timestamp_with_time_zone_null(a("closed_at")))
                .index(&mut tenant_key("ux_campaigns_tenant"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_campaigns_agency")
                        .from(a("campaigns"), a("agency_id"))
                        .to(a("agencies"), a("id")),
                )
                .take(),
        )
        .await?;
        m.create_index(index(
            "ix_campaigns_agency",
            a("campaigns"),
            &["agency_id", "starts_on"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(a("campaign_units"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(integer(a("campaign_id")))
                .col(integer(a("unit_id")))
                .foreign_key(&mut tenant_fk(
                    "fk_campaign_units_campaign",
                    "campaign_units",
                    "campaign_id",
                    "campaigns",
                ))
                .foreign_key(&mut tenant_fk(
                    "fk_campaign_units_unit",
                    "campaign_units",
                    "unit_id",
                    "units",
                ))
                .take(),
        )
        .await?;
        m.create_index(unique(
            "ux_campaign_units",
            a("campaign_units"),
            &["campaign_id", "unit_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(a("campaign_ratees"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(integer(a("campaign_id")))
                .col(integer(a("employee_id")))
                .col(integer(a("unit_id")))
                .col(integer(a("position_id")))
                .col(integer(a("standard_id")))
                .col(integer_null(a("supervisor_id")))
                .col(double_null(a("jpm")))
                .foreign_key(&mut tenant_fk(
                    "fk_campaign_ratees_campaign",
                    "campaign_ratees",
                    "campaign_id",
                    "campaigns",
                ))
                .foreign_key(&mut tenant_fk(
                    "fk_campaign_ratees_employee",
                    "campaign_ratees",
                    "employee_id",
                    "employees",
                ))
                .foreign_key(&mut tenant_fk(
                    "fk_campaign_ratees_standard",
                    "campaign_ratees",
                    "standard_id",
                    "standards",
                ))
                .take(),
        )
        .await?;
        m.create_index(unique(
            "ux_campaign_ratees",
            a("campaign_ratees"),
            &["campaign_id", "employee_id"],
        ))
        .await?;
        m.create_index(index(
            "ix_campaign_ratees_employee",
            a("campaign_ratees"),
            &["employee_id", "campaign_id"],
        ))
        .await?;
        m.create_index(index(
            "ix_campaign_ratees_unit",
            a("campaign_ratees"),
            &["campaign_id", "unit_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(a("campaign_raters"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(integer(a("campaign_id")))
                .col(integer(a("ratee_id")))
                .col(integer(a("rater_id")))
                .col(string(a("source")))
                .col(string(a("added_by")))
                .col(string(a("status")))
                .col(timestamp_with_time_zone_null(a("submitted_at")))
                .index(&mut tenant_key("ux_campaign_raters_tenant"))
                .foreign_key(&mut tenant_fk(
                    "fk_campaign_raters_campaign",
                    "campaign_raters",
                    "campaign_id",
                    "campaigns",
                ))
                .foreign_key(&mut tenant_fk(
                    "fk_campaign_raters_ratee",
                    "campaign_raters",
                    "ratee_id",
                    "employees",
                ))
                .foreign_key(&mut tenant_fk(
                    "fk_campaign_raters_rater",
                    "campaign_raters",
                    "rater_id",
                    "employees",
                ))
                .take(),
        )
        .await?;
        m.create_index(unique(
            "ux_campaign_raters",
            a("campaign_raters"),
            &["campaign_id", "ratee_id", "rater_id"],
        ))
        .await?;
        m.create_index(index(
            "ix_campaign_raters_rater",
            a("campaign_raters"),
            &["rater_id", "campaign_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(a("answers"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(integer(a("rater_row_id")))
                .col(integer(a("competency_id")))
                .col(small_integer_null(a("level")))
                .col(text_null(a("comment")))
                .foreign_key(&mut tenant_fk(
                    "fk_answers_rater",
                    "answers",
                    "rater_row_id",
                    "campaign_raters",
                ))
                .take(),
        )
        .await?;
        m.create_index(unique(
            "ux_answers",
            a("answers"),
            &["rater_row_id", "competency_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(a("results"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(integer(a("campaign_id")))
                .col(integer(a("employee_id")))
                .col(integer(a("competency_id")))
                .col(small_integer(a("required_level")))
                .col(double_null(a("measured")))
                .col(double_null(a("self_level")))
                .col(double_null(a("others_level")))
                // The sources left out and why, as JSON: [[source, reason, answers], ...];
                // NULL when every source asked for counted.
                .col(text_null(a("detail")))
                .foreign_key(&mut tenant_fk(
                    "fk_results_campaign",
                    "results",
                    "campaign_id",
                    "campaigns",
                ))
                .take(),
        )
        .await?;
        m.create_index(unique(
            "ux_results",
            a("results"),
            &["employee_id", "campaign_id", "competency_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(a("result_comments"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(integer(a("campaign_id")))
                .col(integer(a("employee_id")))
                .col(integer(a("competency_id")))
                .col(string(a("source")))
                // Only the supervisor's comments keep a name; peers' never had one here.
                .col(string_null(a("author_name")))
                .col(text(a("body")))
                .col(integer(a("ord")))
                .foreign_key(&mut tenant_fk(
                    "fk_result_comments_campaign",
                    "result_comments",
                    "campaign_id",
                    "campaigns",
                ))
                .take(),
        )
        .await?;
        m.create_index(index(
            "ix_result_comments_employee",
            a("result_comments"),
            &["employee_id", "campaign_id", "ord"],
        ))
        .await?;
        exec(
            m,
            "CREATE INDEX ix_campaign_raters_open ON campaign_raters (campaign_id, status)",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "result_comments",
            "results",
            "answers",
            "campaign_raters",
            "campaign_ratees",
            "campaign_units",
            "campaigns",
        ] {
            m.drop_table(Table::drop().table(a(t)).take()).await?;
        }
        Ok(())
    }
}
