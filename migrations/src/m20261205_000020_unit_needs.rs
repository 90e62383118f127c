//! Training needs per unit, stored when a campaign closes (never recomputed): per
//! campaign, unit, competency and job level, how many people have a measured level,
//! how many fall below their required level and by how many levels in all. Rows with
//! `with_below` false count the unit's own staff; rows with it true count the unit and
//! every unit below it, so a leader's page reads a handful of rows, not results.
//!
//! Campaigns closed before this arrives get their rows from their stored results.

use crate::util::{a, exec, tenant_fk, unique};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Each closed campaign's own-staff rows, from its results (the unit and position
/// recorded for the ratee, the position's job level).
const OWN: &str = "INSERT INTO unit_needs (agency_id, campaign_id, unit_id, with_below, \
     competency_id, job_level, people, below, shortfall) \
     SELECT r.agency_id, r.campaign_id, t.unit_id, FALSE, r.competency_id, p.job_level, \
     COUNT(*), SUM(CASE WHEN r.measured < r.required_level THEN 1 ELSE 0 END), \
     SUM(CASE WHEN r.measured < r.required_level THEN r.required_level - r.measured ELSE 0 END) \
     FROM results r JOIN campaign_ratees t ON t.campaign_id = r.campaign_id AND t.employee_id = r.employee_id \
     JOIN positions p ON p.id = t.position_id JOIN campaigns c ON c.id = r.campaign_id \
     WHERE c.status = 'closed' AND r.measured IS NOT NULL \
     GROUP BY r.agency_id, r.campaign_id, t.unit_id, r.competency_id, p.job_level";

/// The same summed up the tree (as closing does for one campaign).
const WITH_BELOW: &str = "WITH RECURSIVE up(unit_id, ancestor) AS ( \
     SELECT id, id FROM units UNION ALL \
     SELECT up.unit_id, u.parent_id FROM up JOIN units u ON u.id = up.ancestor \
     WHERE u.parent_id IS NOT NULL) \
     INSERT INTO unit_needs (agency_id, campaign_id, unit_id, with_below, competency_id, \
     job_level, people, below, shortfall) \
     SELECT n.agency_id, n.campaign_id, up.ancestor, TRUE, n.competency_id, n.job_level, \
     SUM(n.people), SUM(n.below), SUM(n.shortfall) \
     FROM unit_needs n JOIN up ON up.unit_id = n.unit_id WHERE NOT n.with_below \
     GROUP BY n.agency_id, n.campaign_id, up.ancestor, n.competency_id, n.job_level";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(a("unit_needs"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(integer(a("campaign_id")))
                .col(integer(a("unit_id")))
                .col(boolean(a("with_below")))
                .col(integer(a("competency_id")))
                .col(string(a("job_level")))
                .col(integer(a("people")))
                .col(integer(a("below")))
                .col(double(a("shortfall")))
                .foreign_key(&mut tenant_fk(
                    "fk_unit_needs_campaign",
                    "unit_needs",
                    "campaign_id",
                    "campaigns",
                ))
                .foreign_key(&mut tenant_fk(
                    "fk_unit_needs_unit",
                    "unit_needs",
                    "unit_id",
                    "units",
                ))
                .take(),
        )
        .await?;
        // The page reads a campaign's rows for a few units; closing adds to a row by it.
        m.create_index(unique(
            "ux_unit_needs",
            a("unit_needs"),
            &[
                "campaign_id",
                "with_below",
                "unit_id",
                "competency_id",
                "job_level",
            ],
        ))
        .await?;
        exec(m, OWN).await?;
        exec(m, WITH_BELOW).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(a("unit_needs")).take())
            .await
    }
}
