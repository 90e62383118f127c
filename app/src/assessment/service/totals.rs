//! Sent forms folded into totals: per ratee, competency and source, how many answered
//! and the sum of their levels (`answer_totals`). A form is sent once and never
//! changes, so its levels are added when it is sent; closing then reads one small row
//! per ratee, competency and source instead of every answer.
//!
//! Folding is also where anonymity at rest begins: once a peer's or subordinate's
//! levels are in the totals, their form keeps no level. A comment stays on the form
//! until closing, because whether it is shown depends on how many of that source
//! answered in the end (at least k).

use crate::assessment::model::{RaterStatus, Source};
use crate::error::AppError;
use crate::server::sql;
use sea_orm::{raw_sql, ConnectionTrait};
use std::ops::RangeInclusive;

/// Folds the sent forms of a campaign whose ids lie in `forms` into the totals, then
/// takes the anonymous ones' levels off them. Each form must be folded exactly once:
/// a rater's submission folds its own form (`forms`: one id), the generators fold a
/// campaign they have just filled. Returns how many totals rows were added or
/// increased.
pub async fn fold(
    tx: &impl ConnectionTrait,
    campaign: i32,
    forms: RangeInclusive<i32>,
) -> Result<u64, AppError> {
    let (lo, hi, sent) = (*forms.start(), *forms.end(), RaterStatus::Submitted);
    // SQL: an upsert adding to the stored sums, one statement for any number of forms.
    let add = raw_sql!(
        Postgres,
        "INSERT INTO answer_totals (agency_id, campaign_id, ratee_id, competency_id, source,
           answers, level_sum)
         SELECT r.agency_id, r.campaign_id, r.ratee_id, a.competency_id, r.source, COUNT(*),
           SUM(a.level)
         FROM campaign_raters r JOIN answers a ON a.rater_row_id = r.id
         WHERE r.campaign_id = {campaign} AND r.id BETWEEN {lo} AND {hi} AND r.status = {sent}
           AND a.level IS NOT NULL
         GROUP BY r.agency_id, r.campaign_id, r.ratee_id, a.competency_id, r.source
         ON CONFLICT (campaign_id, ratee_id, competency_id, source) DO UPDATE
         SET answers = answer_totals.answers + excluded.answers,
           level_sum = answer_totals.level_sum + excluded.level_sum"
    );
    let folded = tx.execute_raw(sql::on(tx, add)).await?.rows_affected();
    let (peer, subordinate) = (Source::Peer, Source::Subordinate);
    // SQL: the same forms' anonymous answers: those without a comment go, the rest
    // keep only their comment.
    let drop = raw_sql!(
        Postgres,
        "DELETE FROM answers WHERE comment IS NULL AND rater_row_id IN (SELECT r.id
           FROM campaign_raters r WHERE r.campaign_id = {campaign} AND r.id BETWEEN {lo} AND {hi}
             AND r.status = {sent} AND r.source IN ({peer}, {subordinate}))"
    );
    tx.execute_raw(sql::on(tx, drop)).await?;
    let strip = raw_sql!(
        Postgres,
        "UPDATE answers SET level = NULL WHERE rater_row_id IN (SELECT r.id
           FROM campaign_raters r WHERE r.campaign_id = {campaign} AND r.id BETWEEN {lo} AND {hi}
             AND r.status = {sent} AND r.source IN ({peer}, {subordinate}))"
    );
    tx.execute_raw(sql::on(tx, strip)).await?;
    Ok(folded)
}
