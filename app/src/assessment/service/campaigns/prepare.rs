//! Preparing a new campaign's rater lists, a block of ratees per step of a job. The
//! ratees were stored when the campaign was created; each step assigns the raters of
//! the next block from them (self, supervisor, peers of the same unit and job level,
//! subordinates: the rules of `assign::raters`, which give the same rows over
//! everyone at once) in its own short transaction, so other writes take their turn.
//! A block holds whole units (peers come from the ratee's unit), in unit order; the
//! job's cursor is the last unit done. The last step makes the campaign a draft:
//! until then it cannot be started and its peers cannot be changed.

use super::advance;
use crate::assessment::model::{AddedBy, CampaignStatus, RaterStatus};
use crate::assessment::service::assign::{raters_of, Pool, Ratee};
use crate::assessment::service::campaign_in;
use crate::audit::service::{self as audit, Entry};
use crate::error::AppError;
use crate::jobs::model::JobPhase;
use crate::jobs::service::{self as jobs, runner::Step};
use crate::people::job_level::JobLevel;
use crate::server::entities::{campaign_rater, job};
use crate::server::{sql, write_tx, Db};
use sea_orm::{
    raw_sql, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, Set,
};
use serde_json::json;

/// One step: the raters of the next block of ratees after the cursor; when none is
/// left, the campaign becomes a draft.
pub async fn step(db: &Db, j: &job::Model, me: &str, size: usize) -> Result<Step, AppError> {
    let id = j.subject_id.ok_or(AppError::NotFound)?;
    let tx = write_tx(db).await?;
    let c = campaign_in(&tx, id, CampaignStatus::Preparing).await?;
    let after = j.cursor.map_or(i32::MIN, |v| v as i32);
    let block = units_after(&tx, id, after, size).await?;
    let Some(last) = block.last().map(|r| r.unit_id) else {
        advance(&tx, id, CampaignStatus::Draft).await?;
        jobs::finish(&tx, j, me).await?;
        let forms = campaign_rater::Entity::find()
            .filter(campaign_rater::Column::CampaignId.eq(id))
            .count(&tx)
            .await?;
        let entry = Entry {
            agency_id: Some(c.row.agency_id),
            action: "prepared",
            entity: "campaign",
            entity_id: id.to_string(),
            summary: json!({ "ratees": j.total, "forms": forms }),
        };
        audit::record(&tx, &jobs::author(j), entry).await?;
        crate::server::commit(tx).await?;
        return Ok(Step::Finished);
    };
    let mut lap = jobs::Lap::default();
    let pool = pool_of(&tx, id, &block).await?;
    lap.mark("read");
    let refs: Vec<&Ratee> = block.iter().collect();
    let rows = raters_of(&refs, &pool, &c.weights, c.max_peers as usize)
        .into_iter()
        .map(|(ratee, rater, source)| campaign_rater::ActiveModel {
            agency_id: Set(c.row.agency_id),
            campaign_id: Set(id),
            ratee_id: Set(ratee),
            rater_id: Set(rater),
            source: Set(source),
            added_by: Set(AddedBy::Auto),
            status: Set(RaterStatus::Pending),
            ..Default::default()
        });
    sql::insert_many(&tx, rows.collect()).await?;
    lap.mark("raters");
    tracing::debug!(campaign = id, "preparing block: {lap}");
    let done = block.len() as i64;
    jobs::progress(&tx, j, me, done, Some(i64::from(last)), JobPhase::Raters).await?;
    // Rater lists nobody may use before the last step makes the campaign a draft.
    crate::server::db::commit_unseen(tx).await?;
    Ok(Step::More)
}

#[derive(FromQueryResult)]
struct Row {
    employee_id: i32,
    unit_id: i32,
    position_id: i32,
    standard_id: i32,
    supervisor_id: Option<i32>,
    job_level: JobLevel,
}

impl From<Row> for Ratee {
    fn from(r: Row) -> Ratee {
        Ratee {
            employee_id: r.employee_id,
            unit_id: r.unit_id,
            position_id: r.position_id,
            job_level: r.job_level,
            standard_id: Some(r.standard_id),
            supervisor: r.supervisor_id,
        }
    }
}

/// Ratees as read by one of the statements below (same columns in each).
async fn read(db: &impl ConnectionTrait, stmt: sea_orm::Statement) -> Result<Vec<Ratee>, AppError> {
    Ok(sql::all::<Row>(db, stmt)
        .await?
        .into_iter()
        .map(Ratee::from)
        .collect())
}

/// The ratees of the next whole units after unit id `after`: about `n` of them (more
/// when one unit alone has more), in unit order.
async fn units_after(
    db: &impl ConnectionTrait,
    campaign: i32,
    after: i32,
    n: usize,
) -> Result<Vec<Ratee>, AppError> {
    let more = n as i64 + 1;
    // SQL: a join with the positions' job levels, a block at a time.
    let stmt = raw_sql!(
        Postgres,
        "SELECT r.employee_id, r.unit_id, r.position_id, r.standard_id, r.supervisor_id, p.job_level
         FROM campaign_ratees r JOIN positions p ON p.id = r.position_id
         WHERE r.campaign_id = {campaign} AND r.unit_id > {after}
         ORDER BY r.unit_id, r.employee_id LIMIT {more}"
    );
    match whole_units(read(db, stmt).await?, n) {
        Ok(block) => Ok(block),
        Err(unit) => {
            // SQL: as above, one unit larger than a block.
            let stmt = raw_sql!(
                Postgres,
                "SELECT r.employee_id, r.unit_id, r.position_id, r.standard_id, r.supervisor_id, p.job_level
                 FROM campaign_ratees r JOIN positions p ON p.id = r.position_id
                 WHERE r.campaign_id = {campaign} AND r.unit_id = {unit}
                 ORDER BY r.employee_id"
            );
            read(db, stmt).await
        }
    }
}

/// Of up to `n + 1` rows in unit order, the first `n` without the unit the window
/// cut through; when that leaves nothing (one unit has more than `n`), that unit,
/// to be read whole.
fn whole_units(mut rows: Vec<Ratee>, n: usize) -> Result<Vec<Ratee>, i32> {
    if rows.len() <= n {
        return Ok(rows);
    }
    let cut = rows[n].unit_id;
    rows.truncate(n);
    rows.retain(|r| r.unit_id != cut);
    if rows.is_empty() {
        return Err(cut);
    }
    Ok(rows)
}

/// Whom the block's raters are drawn from: the block (whole units, so every peer)
/// and everyone reporting to someone in it.
async fn pool_of(
    db: &impl ConnectionTrait,
    campaign: i32,
    block: &[Ratee],
) -> Result<Pool, AppError> {
    let ids: Vec<i32> = block.iter().map(|r| r.employee_id).collect();
    // SQL: an indexed lookup by supervisor (see the migration for its column order).
    let stmt = raw_sql!(
        Postgres,
        "SELECT r.employee_id, r.unit_id, r.position_id, r.standard_id, r.supervisor_id, p.job_level
         FROM campaign_ratees r JOIN positions p ON p.id = r.position_id
         WHERE r.supervisor_id IN ({..ids}) AND r.campaign_id = {campaign}"
    );
    let staff = read(db, stmt).await?;
    let mut people: Vec<&Ratee> = block.iter().chain(&staff).collect();
    // In employee id order, each once, as `assign::raters` sees everyone.
    people.sort_by_key(|r| r.employee_id);
    people.dedup_by_key(|r| r.employee_id);
    Ok(Pool::of(people))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(unit: i32, id: i32) -> Ratee {
        Ratee {
            employee_id: id,
            unit_id: unit,
            position_id: 1,
            job_level: JobLevel::Pelaksana,
            standard_id: Some(1),
            supervisor: None,
        }
    }

    fn units(rows: &[Ratee]) -> Vec<i32> {
        rows.iter().map(|r| r.unit_id).collect()
    }

    #[test]
    fn a_block_holds_whole_units_and_a_unit_larger_than_a_block_is_read_whole() {
        // Fewer rows than asked: the rest of the campaign.
        let rows = vec![at(1, 5), at(2, 3)];
        assert_eq!(units(&whole_units(rows, 3).unwrap()), [1, 2]);
        // The window of 3 (+1) cuts unit 2: it waits for the next block.
        let rows = vec![at(1, 5), at(1, 6), at(2, 1), at(2, 9)];
        assert_eq!(units(&whole_units(rows, 3).unwrap()), [1, 1]);
        // The window ends exactly at a unit's end: all of it.
        let rows = vec![at(1, 5), at(2, 1), at(2, 9), at(3, 2)];
        assert_eq!(units(&whole_units(rows, 3).unwrap()), [1, 2, 2]);
        // One unit fills the window: it is read whole.
        let rows = vec![at(4, 1), at(4, 2), at(4, 3), at(4, 7)];
        assert_eq!(whole_units(rows, 3).unwrap_err(), 4);
    }
}
