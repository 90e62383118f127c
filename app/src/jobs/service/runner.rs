//! The runner: a task inside every server process that takes one queued job at a
//! time and runs it step by step. Taking a job is one conditional update ("running,
//! mine, if it is still queued"): with several servers on one PostgreSQL, two that
//! pick the same job both try it, the second waits on the row and then finds it no
//! longer queued, so exactly one runs it (SQLite's single writer orders them anyway).
//! A running job whose runner has written nothing for `SILENT_AFTER` (the process
//! died) is taken over the same way and resumes after its last committed step.

use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::jobs::model::{JobKind, JobState};
use crate::server::entities::job;
use crate::server::{db, Db};
use sea_orm::sea_query::{Condition, Expr};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::sync::LazyLock;
use std::time::Duration;
use tokio::sync::Notify;

/// A running job silent this long is taken to be orphaned by a dead process. Steps
/// commit every second or so; this leaves room for a slow disk.
pub const SILENT_AFTER: Duration = Duration::from_secs(60);

/// How often an idle runner looks for work it was not woken for (another server
/// queued it, or a job fell silent).
const IDLE_CHECK: Duration = Duration::from_secs(5);

/// Ratees closed (or given raters) per step: at most about a second of work at the
/// largest agency, so other writers wait at most that long for their turn.
pub const STEP_SIZE: usize = 2000;

static WAKE: LazyLock<Notify> = LazyLock::new(Notify::new);

/// Tells this process's runner a job was queued (after the queuing commit).
pub fn wake() {
    WAKE.notify_one();
}

/// What one step of a job did.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    /// Work remains: run another step.
    More,
    /// The job is done (its last step marked it so).
    Finished,
}

/// A name for this process's runner, unique across servers and restarts.
pub fn runner_name() -> String {
    format!(
        "{}-{}",
        std::process::id(),
        hex::encode(rand::random::<[u8; 4]>())
    )
}

/// Runs jobs until the process ends.
pub fn spawn(db: Db) -> tokio::task::JoinHandle<()> {
    let me = runner_name();
    tracing::info!(runner = %me, "job runner started");
    tokio::spawn(async move {
        loop {
            match work_once(&db, &me, STEP_SIZE).await {
                Ok(true) => continue,
                Ok(false) => {}
                Err(e) => tracing::warn!("job runner: {e}"),
            }
            let _ = tokio::time::timeout(IDLE_CHECK, WAKE.notified()).await;
        }
    })
}

/// Takes one job and runs it to its end (done or failed); false when none waits.
pub async fn work_once(db: &Db, me: &str, step_size: usize) -> Result<bool, AppError> {
    let Some(j) = claim(db, me, None).await? else {
        return Ok(false);
    };
    run(db, j.id, me, step_size).await;
    Ok(true)
}

/// Runs one given job to its end in the caller's task (seeds, tests, the command
/// line). When a runner took it first (another server's, woken by the queuing), waits
/// for that runner instead, taking the job over if it falls silent.
pub async fn run_now(db: &Db, id: i32) -> Result<JobState, AppError> {
    let me = runner_name();
    loop {
        if claim(db, &me, Some(id)).await?.is_some() {
            run(db, id, &me, STEP_SIZE).await;
        }
        let j = job::Entity::find_by_id(id)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        if j.state.finished() {
            return Ok(j.state);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Takes the oldest job waiting (or orphaned), or the given one: None when there is
/// none or another runner got it first.
pub async fn claim(db: &Db, me: &str, only: Option<i32>) -> Result<Option<job::Model>, AppError> {
    let free = || {
        let silent = db::now() - chrono::Duration::from_std(SILENT_AFTER).unwrap_or_default();
        Condition::any()
            .add(job::Column::State.eq(JobState::Queued))
            .add(
                Condition::all()
                    .add(job::Column::State.eq(JobState::Running))
                    .add(job::Column::HeartbeatAt.lt(silent)),
            )
    };
    let mut q = job::Entity::find()
        .filter(free())
        .order_by_asc(job::Column::Id)
        .limit(5);
    if let Some(id) = only {
        q = q.filter(job::Column::Id.eq(id));
    }
    let writer = db::writer(db);
    for candidate in q.all(db).await? {
        let now = db::now();
        let taken = job::Entity::update_many()
            .col_expr(job::Column::State, Expr::value(JobState::Running))
            .col_expr(job::Column::Runner, Expr::value(me))
            .col_expr(job::Column::HeartbeatAt, Expr::value(now))
            .col_expr(
                job::Column::StartedAt,
                Expr::value(candidate.started_at.unwrap_or(now)),
            )
            .filter(job::Column::Id.eq(candidate.id))
            .filter(free())
            .exec(&writer)
            .await?;
        if taken.rows_affected == 1 {
            if candidate.state == JobState::Running {
                tracing::warn!(job = candidate.id, from = ?candidate.runner, "job taken over from a silent runner");
            }
            return Ok(job::Entity::find_by_id(candidate.id).one(db).await?);
        }
    }
    Ok(None)
}

/// Steps through a job held by `me` until it finishes, fails or is lost.
pub async fn run(db: &Db, id: i32, me: &str, step_size: usize) {
    loop {
        let j = match job::Entity::find_by_id(id).one(db).await {
            Ok(Some(j)) if j.runner.as_deref() == Some(me) && j.state == JobState::Running => j,
            Ok(_) => return,
            Err(e) => {
                tracing::warn!(job = id, "job row unreadable: {e}");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        match step(db, &j, me, step_size).await {
            Ok(Step::More) => {}
            Ok(Step::Finished) => return,
            Err(e) => {
                fail(db, &j, me, &e).await;
                return;
            }
        }
    }
}

async fn step(db: &Db, j: &job::Model, me: &str, step_size: usize) -> Result<Step, AppError> {
    match j.kind {
        JobKind::PrepareCampaign => {
            crate::assessment::service::campaigns::prepare::step(db, j, me, step_size).await
        }
        JobKind::CloseCampaign => {
            crate::assessment::service::closing::step(db, j, me, step_size).await
        }
    }
}

/// Marks a job failed with a message safe to show; its committed steps stand.
async fn fail(db: &Db, j: &job::Model, me: &str, e: &AppError) {
    let msg = match e {
        AppError::Conflict(m) => m.clone(),
        AppError::Internal { request_id } => Msg::new(K::ErrInternal).with("id", request_id),
        AppError::NotFound => Msg::new(K::ErrNotFound),
        _ => Msg::new(K::JobFailedGeneric),
    };
    tracing::warn!(job = j.id, "job failed: {e}");
    let text = serde_json::to_string(&msg).unwrap_or_default();
    let result = job::Entity::update_many()
        .col_expr(job::Column::State, Expr::value(JobState::Failed))
        .col_expr(job::Column::Error, Expr::value(text))
        .col_expr(job::Column::FinishedAt, Expr::value(db::now()))
        .filter(job::Column::Id.eq(j.id))
        .filter(job::Column::Runner.eq(me))
        .exec(&db::writer(db))
        .await;
    if let Err(e) = result {
        // Left running: it falls silent and another runner takes it over.
        tracing::warn!(job = j.id, "job failure not recorded: {e}");
    }
}
