//! Jobs: queued by the service that owns the work (in the transaction that decides
//! it), run by `runner`, a step at a time. Each step commits its work together with
//! `progress` (the new cursor and count), so the job row always says exactly what is
//! done; a step whose runner lost the job (taken over after it went silent) writes
//! nothing. Who may watch: HR of the job's agency and the person who started it.

pub mod runner;

use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::auth::service::moment;
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::jobs::model::{JobKind, JobPhase, JobState, JobView};
use crate::server::entities::{by_ids, campaign, job};
use crate::server::{db, write_tx, Db};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::json;

/// What a new job is about.
pub struct NewJob {
    pub agency_id: i32,
    pub kind: JobKind,
    pub subject_id: Option<i32>,
    /// How many items the job will handle (its bar's 100 %).
    pub total: i64,
}

/// Queues a job in the caller's transaction (it exists exactly when the decision that
/// needs it commits) and returns its id. The runner is woken after the commit.
pub async fn enqueue(
    tx: &impl ConnectionTrait,
    actor: &Actor,
    new: NewJob,
) -> Result<i32, AppError> {
    let row = job::ActiveModel {
        agency_id: Set(new.agency_id),
        kind: Set(new.kind),
        subject_id: Set(new.subject_id),
        started_by: Set(Some(actor.user_id)),
        started_by_name: Set(actor.display_name.clone()),
        state: Set(JobState::Queued),
        done: Set(0),
        total: Set(new.total),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(row.id)
}

/// Records a step's progress in the step's own transaction: `done` more items, the
/// new cursor and phase, and a fresh heartbeat. Refused (and the step rolled back by
/// the caller) when `runner` no longer holds the job.
pub async fn progress(
    tx: &impl ConnectionTrait,
    j: &job::Model,
    runner: &str,
    done: i64,
    cursor: Option<i64>,
    phase: JobPhase,
) -> Result<(), AppError> {
    let update = job::Entity::update_many()
        .col_expr(job::Column::Done, Expr::col(job::Column::Done).add(done))
        .col_expr(job::Column::Cursor, Expr::value(cursor))
        .col_expr(job::Column::Phase, Expr::value(phase))
        .col_expr(job::Column::HeartbeatAt, Expr::value(db::now()));
    if_held(tx, update, j, runner).await
}

/// Marks the job done in the transaction of its last step.
pub async fn finish(
    tx: &impl ConnectionTrait,
    j: &job::Model,
    runner: &str,
) -> Result<(), AppError> {
    let update = job::Entity::update_many()
        .col_expr(job::Column::State, Expr::value(JobState::Done))
        .col_expr(job::Column::Done, Expr::col(job::Column::Total))
        .col_expr(job::Column::FinishedAt, Expr::value(db::now()));
    if_held(tx, update, j, runner).await
}

/// Milliseconds per part of a job's step, for the debug log: where the time goes.
pub struct Lap(Vec<String>, std::time::Instant);

impl Default for Lap {
    fn default() -> Lap {
        Lap(Vec::new(), std::time::Instant::now())
    }
}

impl Lap {
    pub fn mark(&mut self, what: &str) {
        let ms = self.1.elapsed().as_millis();
        self.0.push(format!("{what} {ms} ms"));
        self.1 = std::time::Instant::now();
    }
}

impl std::fmt::Display for Lap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.join(", "))
    }
}

/// Whom the audit records a job's steps write are by: the person who started it,
/// through the job.
pub fn author(j: &job::Model) -> audit::By {
    audit::By {
        user_id: j.started_by,
        label: format!("job:{}", j.id),
    }
}

/// Applies a change to the job only while `runner` still holds it running; otherwise
/// an error, so the step's transaction is rolled back with everything it wrote.
async fn if_held(
    tx: &impl ConnectionTrait,
    update: sea_orm::UpdateMany<job::Entity>,
    j: &job::Model,
    runner: &str,
) -> Result<(), AppError> {
    let moved = update
        .filter(job::Column::Id.eq(j.id))
        .filter(job::Column::State.eq(JobState::Running))
        .filter(job::Column::Runner.eq(runner))
        .exec(tx)
        .await?;
    if moved.rows_affected == 0 {
        let why = format!("job {} is no longer held by {runner}", j.id);
        return Err(crate::error::internal(why));
    }
    Ok(())
}

/// One job, for the bar on the page that started it.
pub async fn view(db: &Db, actor: &Actor, id: i32) -> Result<JobView, AppError> {
    let j = job::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !may_watch(actor, &j) {
        return Err(AppError::Forbidden);
    }
    Ok(named(db, vec![j]).await?.remove(0))
}

/// The latest job working on a subject (a campaign being prepared or closed), if any.
pub async fn latest_for(
    db: &impl ConnectionTrait,
    subject: i32,
) -> Result<Option<JobView>, AppError> {
    let found = job::Entity::find()
        .filter(job::Column::SubjectId.eq(subject))
        .order_by_desc(job::Column::Id)
        .one(db)
        .await?;
    Ok(named(db, found.into_iter().collect()).await?.pop())
}

/// The agency's 50 most recent jobs, newest first (HR).
pub async fn recent(db: &Db, actor: &Actor) -> Result<Vec<JobView>, AppError> {
    let agency = actor.hr_agency().ok_or(AppError::Forbidden)?;
    let jobs = job::Entity::find()
        .filter(job::Column::AgencyId.eq(agency))
        .order_by_desc(job::Column::Id)
        .limit(50)
        .all(db)
        .await?;
    named(db, jobs).await
}

/// Jobs as shown, each with the name of the campaign it works on.
async fn named(db: &impl ConnectionTrait, jobs: Vec<job::Model>) -> Result<Vec<JobView>, AppError> {
    let names = by_ids::<campaign::Model>(db, jobs.iter().filter_map(|j| j.subject_id)).await?;
    Ok(jobs
        .into_iter()
        .map(|j| {
            let subject = j
                .subject_id
                .and_then(|s| names.get(&s))
                .map(|c| c.name.clone());
            JobView {
                subject,
                ..shown(j)
            }
        })
        .collect())
}

/// Queues a failed job again (HR of its agency); it resumes after its last
/// committed step.
pub async fn retry(db: &Db, actor: &Actor, id: i32) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let j = job::Entity::find_by_id(id)
        .one(&tx)
        .await?
        .ok_or(AppError::NotFound)?;
    if !actor.is_hr_of(j.agency_id) {
        return Err(AppError::Forbidden);
    }
    let moved = job::Entity::update_many()
        .col_expr(job::Column::State, Expr::value(JobState::Queued))
        .col_expr(job::Column::Error, Expr::value(Option::<String>::None))
        .col_expr(job::Column::Runner, Expr::value(Option::<String>::None))
        .col_expr(
            job::Column::FinishedAt,
            Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
        )
        .filter(job::Column::Id.eq(id))
        .filter(job::Column::State.eq(JobState::Failed))
        .exec(&tx)
        .await?;
    if moved.rows_affected == 0 {
        return Err(AppError::Conflict(Msg::new(K::ErrJobNotFailed)));
    }
    let summary = json!({ "kind": j.kind.code(), "done": j.done, "total": j.total });
    audit::commit(tx, actor, j.agency_id, "retry", "job", id, summary).await?;
    runner::wake();
    Ok(())
}

fn may_watch(actor: &Actor, j: &job::Model) -> bool {
    actor.is_hr_of(j.agency_id) || j.started_by == Some(actor.user_id)
}

fn shown(j: job::Model) -> JobView {
    JobView {
        id: j.id,
        kind: j.kind,
        subject_id: j.subject_id,
        subject: None,
        state: j.state,
        phase: j.phase,
        done: j.done,
        total: j.total,
        started_by: j.started_by_name,
        created_at: moment(j.created_at),
        finished_at: j.finished_at.map(moment),
        error: j.error.map(|e| readable_error(j.id, &e)),
    }
}

/// A failed job's stored message; one that does not read back (written by another
/// version) still says the job failed, and the log says why, rather than vanishing.
fn readable_error(id: i32, stored: &str) -> Msg {
    serde_json::from_str(stored).unwrap_or_else(|e| {
        tracing::warn!(job = id, "stored job error unreadable: {e}");
        Msg::new(K::JobFailedGeneric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_error_reads_back_and_an_unreadable_one_still_says_failed() {
        let m = Msg::new(K::ErrInternal).with("id", "ab12");
        let stored = serde_json::to_string(&m).unwrap();
        assert_eq!(readable_error(1, &stored), m);
        assert_eq!(readable_error(1, "not json"), Msg::new(K::JobFailedGeneric));
    }
}
