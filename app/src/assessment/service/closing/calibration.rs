//! Fair-assessor sums stored as the campaign closes (`rater_calibration`): per
//! supervisor, what they gave each ratee beside the anonymous sources and the ratee's
//! own rating, folded into `calibration::rules::Sums`. A ratee is whole in one block,
//! a supervisor's ratees may span blocks, so each block adds to the stored sums. Only
//! the supervisor, who is named anyway, is measured: the anonymous sources enter as
//! the mean that counted, never as raters.

use crate::calibration::rules::Sums;
use crate::error::AppError;
use sea_orm::ConnectionTrait;
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
    // SQL: an upsert adding to the stored sums (a supervisor's ratees span blocks).
    let add = [
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
    let fixed = ["agency_id", "campaign_id", "supervisor_id"];
    let key = ["campaign_id", "supervisor_id"];
    crate::server::sql::add_to(tx, "rater_calibration", (&fixed, &key, &add), &rows).await?;
    Ok(())
}
