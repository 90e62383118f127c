//! Fair-assessor sums stored as the campaign closes (`rater_calibration`): per
//! supervisor, what they gave each ratee beside the anonymous sources and the ratee's
//! own rating, folded into `calibration::rules::Sums`. A ratee is whole in one block,
//! a supervisor's ratees may span blocks, so each block adds to the stored sums. Only
//! the supervisor, who is named anyway, is measured: the anonymous sources enter as
//! the mean that counted, never as raters.

use crate::calibration::rules::Sums;
use crate::error::AppError;
use sea_orm::{ConnectionTrait, Statement};
use std::collections::HashMap;

/// Per supervisor, the block's sums.
pub type Tally = HashMap<i32, Sums>;

/// Adds a block's sums to the stored ones, many supervisors per statement.
pub async fn add(
    tx: &impl ConnectionTrait,
    agency: i32,
    campaign: i32,
    tally: Tally,
) -> Result<(), AppError> {
    let rows: Vec<String> = tally
        .into_iter()
        .filter(|(_, s)| s.ratees > 0)
        .map(|(sup, s)| {
            // Numbers only, written into the statement as `sql::insert_many` does.
            format!(
                "({agency}, {campaign}, {sup}, {}, {}, {:?}, {:?}, {}, {:?}, {}, {:?}, {}, {:?})",
                s.ratees,
                s.levels,
                s.level_sum,
                s.level_sq_sum,
                s.pairs,
                s.diff_sum,
                s.halo_ratees,
                s.halo_sum,
                s.self_pairs,
                s.self_gap_sum
            )
        })
        .collect();
    let add = |c: &str| format!("{c} = rater_calibration.{c} + excluded.{c}");
    let cols = [
        "ratees",
        "levels",
        "level_sum",
        "level_sq_sum",
        "pairs",
        "diff_sum",
        "halo_ratees",
        "halo_sum",
        "self_pairs",
        "self_gap_sum",
    ];
    let set: Vec<String> = cols.iter().map(|c| add(c)).collect();
    for part in rows.chunks(500) {
        // SQL: an upsert adding to the stored sums (a supervisor's ratees span blocks).
        let text = format!(
            "INSERT INTO rater_calibration (agency_id, campaign_id, supervisor_id, {})
             VALUES {} ON CONFLICT (campaign_id, supervisor_id) DO UPDATE SET {}",
            cols.join(", "),
            part.join(", "),
            set.join(", ")
        );
        let stmt = Statement::from_string(tx.get_database_backend(), text);
        tx.execute_raw(stmt).await?;
    }
    Ok(())
}
