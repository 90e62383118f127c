//! Fair assessors: per closed campaign and supervisor, sums of the levels they gave
//! beside those of the anonymous sources and of the ratees themselves, added to as
//! each block of ratees closes (`calibration::rules::Sums`). Campaigns closed before
//! this arrives have none: the anonymous levels they compare with were sealed.

use crate::util::{a, tenant_fk, unique};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(a("rater_calibration"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(integer(a("campaign_id")))
                .col(integer(a("supervisor_id")))
                .col(integer(a("ratees")))
                .col(integer(a("levels")))
                .col(double(a("level_sum")))
                .col(double(a("level_sq_sum")))
                .col(integer(a("pairs")))
                .col(double(a("diff_sum")))
                .col(integer(a("halo_ratees")))
                .col(double(a("halo_sum")))
                .col(integer(a("self_pairs")))
                .col(double(a("self_gap_sum")))
                .foreign_key(&mut tenant_fk(
                    "fk_rater_calibration_campaign",
                    "rater_calibration",
                    "campaign_id",
                    "campaigns",
                ))
                .foreign_key(&mut tenant_fk(
                    "fk_rater_calibration_supervisor",
                    "rater_calibration",
                    "supervisor_id",
                    "employees",
                ))
                .take(),
        )
        .await?;
        m.create_index(unique(
            "ux_rater_calibration",
            a("rater_calibration"),
            &["campaign_id", "supervisor_id"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(a("rater_calibration")).take())
            .await
    }
}
