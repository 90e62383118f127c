//! Per ratee, competency and source: how many sent forms answered and the sum of
//! their levels, kept up to date as each form is sent (a sent form never changes).
//! Closing reads these instead of every answer, and a peer's or subordinate's levels
//! need not be kept next to their form once folded in: anonymity at rest starts at
//! sending, not at closing.
//!
//! Campaigns running or closing when this arrives get their totals from the forms
//! already sent, and those forms' anonymous levels go (comments stay until closing).

use crate::util::{a, exec, tenant_fk};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The forms already sent in campaigns still taking or closing answers.
const SENT: &str = "SELECT r.id FROM campaign_raters r JOIN campaigns c ON c.id = r.campaign_id \
     WHERE c.status IN ('running', 'closing') AND r.status = 'submitted'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let table = Table::create()
            .table(a("answer_totals"))
            .col(integer(a("agency_id")))
            .col(integer(a("campaign_id")))
            .col(integer(a("ratee_id")))
            .col(integer(a("competency_id")))
            .col(string(a("source")))
            .col(integer(a("answers")))
            .col(integer(a("level_sum")))
            .primary_key(
                Index::create()
                    .col(a("campaign_id"))
                    .col(a("ratee_id"))
                    .col(a("competency_id"))
                    .col(a("source")),
            )
            .foreign_key(&mut tenant_fk(
                "fk_answer_totals_campaign",
                "answer_totals",
                "campaign_id",
                "campaigns",
            ))
            .take();
        let backend = m.get_database_backend();
        let mut create = backend.build(&table).to_string();
        if backend == sea_orm::DbBackend::Sqlite {
            // Rows kept in key order: a block of ratees is one run of the table, and
            // sends in any order do not scatter a second index.
            create.push_str(" WITHOUT ROWID");
        }
        exec(m, &create).await?;
        exec(
            m,
            &format!(
                "INSERT INTO answer_totals (agency_id, campaign_id, ratee_id, competency_id, \
                 source, answers, level_sum) \
                 SELECT r.agency_id, r.campaign_id, r.ratee_id, x.competency_id, r.source, \
                 COUNT(*), SUM(x.level) FROM campaign_raters r JOIN answers x ON x.rater_row_id = r.id \
                 WHERE r.id IN ({SENT}) AND x.level IS NOT NULL \
                 GROUP BY r.agency_id, r.campaign_id, r.ratee_id, x.competency_id, r.source"
            ),
        )
        .await?;
        let anonymous = format!("{SENT} AND r.source IN ('peer', 'subordinate')");
        exec(
            m,
            &format!("DELETE FROM answers WHERE comment IS NULL AND rater_row_id IN ({anonymous})"),
        )
        .await?;
        exec(
            m,
            &format!("UPDATE answers SET level = NULL WHERE rater_row_id IN ({anonymous})"),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Levels folded into the totals are not restored to the forms.
        m.drop_table(Table::drop().table(a("answer_totals")).to_owned())
            .await
    }
}
