//! Preparing a new campaign's rater lists, a block of ratees per step of a job. The
//! ratees were stored when the campaign was created; each step assigns the raters of
//! the next block from them (self, supervisor, peers of the same unit and job level,
//! subordinates: the rules of `assign::raters`, which give the same rows over
//! everyone at once) in its own short transaction, so other writes take their turn.
//! The last step makes the campaign a draft: until then it cannot be started and its
//! peers cannot be changed.

use super::advance;
use crate::assessment::model::{AddedBy, CampaignStatus, RaterStatus};
use crate::assessment::service::assign::{raters_of, Pool, Ratee};
use crate::assessment::service::campaign;
use crate::audit::service::{self as audit, Entry};
use crate::error::{AppError, Msg};
use crate::i18n::K;
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
    let c = campaign(&tx, id).await?;
    if c.row.status != CampaignStatus::Preparing {
        return Err(AppError::Conflict(Msg::new(K::ErrCampaignState)));
    }
    let after = j.cursor.map_or(i32::MIN, |v| v as i32);
    let block = ratees_after(&tx, id, after, size).await?;
    let Some(last) = block.last().map(|r| r.employee_id) else {
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
    let pool = pool_of(&tx, id, &block).await?;
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

/// The next `n` ratees after employee id `after`, in id order.
async fn ratees_after(
    db: &impl ConnectionTrait,
    campaign: i32,
    after: i32,
    n: usize,
) -> Result<Vec<Ratee>, AppError> {
    let n = n as i64;
    // SQL: a join with the positions' job levels, a block at a time.
    let stmt = raw_sql!(
        Postgres,
        "SELECT r.employee_id, r.unit_id, r.position_id, r.standard_id, r.supervisor_id, p.job_level
         FROM campaign_ratees r JOIN positions p ON p.id = r.position_id
         WHERE r.campaign_id = {campaign} AND r.employee_id > {after}
         ORDER BY r.employee_id LIMIT {n}"
    );
    let rows = sql::all::<Row>(db, stmt).await?;
    Ok(rows.into_iter().map(Ratee::from).collect())
}

/// Whom the block's raters are drawn from: every ratee of the block's units and
/// everyone reporting to someone in the block, in employee id order.
async fn pool_of(
    db: &impl ConnectionTrait,
    campaign: i32,
    block: &[Ratee],
) -> Result<Pool, AppError> {
    let mut units: Vec<i32> = block.iter().map(|r| r.unit_id).collect();
    units.sort_unstable();
    units.dedup();
    let ids: Vec<i32> = block.iter().map(|r| r.employee_id).collect();
    // SQL: two indexed lookups in one statement (the units, the supervisors).
    let stmt = raw_sql!(
        Postgres,
        "SELECT r.employee_id, r.unit_id, r.position_id, r.standard_id, r.supervisor_id, p.job_level
         FROM campaign_ratees r JOIN positions p ON p.id = r.position_id
         WHERE r.campaign_id = {campaign} AND r.unit_id IN ({..units})
         UNION
         SELECT r.employee_id, r.unit_id, r.position_id, r.standard_id, r.supervisor_id, p.job_level
         FROM campaign_ratees r JOIN positions p ON p.id = r.position_id
         WHERE r.campaign_id = {campaign} AND r.supervisor_id IN ({..ids})
         ORDER BY employee_id"
    );
    let people: Vec<Ratee> = sql::all::<Row>(db, stmt)
        .await?
        .into_iter()
        .map(Ratee::from)
        .collect();
    Ok(Pool::of(&people))
}
