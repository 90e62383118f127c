//! Training needs per unit, stored as the campaign closes (`unit_needs`): each block
//! adds its ratees to their unit's own-staff rows (a unit's staff may span blocks),
//! and the last step sums those rows up the unit tree, so a leader's page reads a few
//! stored rows whatever the number of people below.

use crate::competency::rules::{gap, Level};
use crate::error::AppError;
use crate::people::job_level::JobLevel;
use crate::server::sql;
use crate::training::rules::Need;
use sea_orm::{raw_sql, ConnectionTrait};
use std::collections::HashMap;

/// (unit, job level, competency) of a block's ratees, with their needs.
pub type Tally = HashMap<(i32, JobLevel, i32), Need>;

/// Counts one measured result.
pub fn count(tally: &mut Tally, key: (i32, JobLevel, i32), required: Level, measured: f64) {
    let short = gap(required, measured).max(0.0);
    tally.entry(key).or_default().add(Need {
        people: 1,
        below: i64::from(short > 0.0),
        shortfall: short,
    });
}

/// Adds a block's tally to the own-staff rows, many per statement.
pub async fn add(
    tx: &impl ConnectionTrait,
    agency: i32,
    campaign: i32,
    tally: Tally,
) -> Result<(), AppError> {
    let rows: Vec<String> = tally
        .into_iter()
        .map(|((unit, level, comp), n)| {
            // Numbers and a job level's code (a fixed word of ours), written into
            // the statement as `sql::insert_many` writes them.
            format!(
                "({agency}, {campaign}, {unit}, FALSE, {comp}, '{}', {}, {}, {:?})",
                level.code(),
                n.people,
                n.below,
                n.shortfall
            )
        })
        .collect();
    // SQL: an upsert adding to the stored counts (a unit's staff spans blocks).
    let fixed = [
        "agency_id",
        "campaign_id",
        "unit_id",
        "with_below",
        "competency_id",
        "job_level",
    ];
    let key = [
        "campaign_id",
        "with_below",
        "unit_id",
        "competency_id",
        "job_level",
    ];
    let add = ["people", "below", "shortfall"];
    sql::add_to(tx, "unit_needs", (&fixed, &key, &add), &rows).await?;
    Ok(())
}

/// Sums the campaign's own-staff rows into each unit and every unit above it (the
/// tree as it stands at closing).
pub async fn roll_up(
    tx: &impl ConnectionTrait,
    agency: i32,
    campaign: i32,
) -> Result<(), AppError> {
    // SQL: one statement on both backends; the recursive walk pairs each unit with
    // itself and its ancestors.
    let stmt = raw_sql!(
        Postgres,
        "WITH RECURSIVE up(unit_id, ancestor) AS (
           SELECT id, id FROM units WHERE agency_id = {agency}
           UNION ALL
           SELECT up.unit_id, u.parent_id FROM up JOIN units u ON u.id = up.ancestor
           WHERE u.parent_id IS NOT NULL)
         INSERT INTO unit_needs (agency_id, campaign_id, unit_id, with_below, competency_id,
           job_level, people, below, shortfall)
         SELECT n.agency_id, n.campaign_id, up.ancestor, TRUE, n.competency_id, n.job_level,
           SUM(n.people), SUM(n.below), SUM(n.shortfall)
         FROM unit_needs n JOIN up ON up.unit_id = n.unit_id
         WHERE n.campaign_id = {campaign} AND NOT n.with_below
         GROUP BY n.agency_id, n.campaign_id, up.ancestor, n.competency_id, n.job_level"
    );
    tx.execute_raw(sql::on(tx, stmt)).await?;
    Ok(())
}
