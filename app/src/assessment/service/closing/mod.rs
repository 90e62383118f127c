//! Closing a campaign: per ratee and competency of the recorded standard version,
//! the measured level from the totals of the sent forms (`totals`; weighted,
//! renormalised over the sources that count; anonymous sources below k dropped, and
//! the result says so), the JPM, and the feedback comments detached from their
//! raters in a shuffled order; each block also adds its people to their units'
//! training needs (`needs`, summed up the unit tree at the end) and each supervisor's
//! ratings to their fair-assessor sums (`calibration`). Then what is left of the
//! peers' and subordinates' answers (their comments, and drafts) is deleted
//! (`write::seal`): anonymity holds in the database, not only on the page. Results are stored, never
//! recomputed: a closed campaign does not change.
//!
//! It runs as a background job (`jobs`): HR's click moves the campaign to "closing"
//! (forms take no more answers) and queues the job; each step stores one block of
//! ratees in its own short transaction, so everybody else's writes take their turn
//! between steps. Dashboards read closed campaigns only, and the last step marks the
//! campaign closed: the results appear all at once, never half.
//!
//! Hand-written SQL throughout (`read`, `write`): closing a 250 000-employee
//! campaign was measured, and its reads and writes are shaped for that.

mod calibration;
mod needs;
mod read;
mod write;

use super::campaigns::{advance, hr_campaign};
use super::{campaign_in, Campaign};
use crate::assessment::model::{CampaignStatus, Source};
use crate::assessment::rules::{
    dropped_sources, measure_stats, others, self_level, supervisor_and_anonymous,
};
use crate::audit::service::{self as audit, Entry};
use crate::auth::model::Actor;
use crate::competency::rules::{jpm, Level};
use crate::error::AppError;
use crate::jobs::model::{JobKind, JobPhase, JobState};
use crate::jobs::service::{self as jobs, runner, runner::Step, NewJob};
use crate::server::entities::{job, result};
use crate::server::{write_tx, Db};
use sea_orm::{ConnectionTrait, Set};
use serde_json::json;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Closed {
    pub ratees: u64,
    pub results: u64,
    pub comments: u64,
}

/// HR closes a campaign: it moves to "closing" (forms take no more answers) and the
/// job that stores its results is queued. Returns the job's id.
pub async fn begin(db: &Db, actor: &Actor, id: i32) -> Result<i32, AppError> {
    let tx = write_tx(db).await?;
    let c = hr_campaign(&tx, actor, id).await?;
    // Claims the campaign first: a second close waits on this row, then finds it closing.
    advance(&tx, id, CampaignStatus::Closing).await?;
    let total = read::ratee_count(&tx, id).await?;
    let new = NewJob {
        agency_id: c.row.agency_id,
        kind: JobKind::CloseCampaign,
        subject_id: Some(id),
        total,
    };
    let job = jobs::enqueue(&tx, actor, new).await?;
    let summary = json!({ "job": job, "ratees": total });
    audit::commit(tx, actor, c.row.agency_id, "close", "campaign", id, summary).await?;
    runner::wake();
    Ok(job)
}

/// Closes a campaign in the caller's task (seeds, tests, the command line): `begin`,
/// then its job run to the end here.
pub async fn close(db: &Db, actor: &Actor, id: i32) -> Result<Closed, AppError> {
    let job = begin(db, actor, id).await?;
    match runner::run_now(db, job).await? {
        JobState::Done => closed_counts(db, id).await,
        state => Err(crate::error::internal(format!(
            "closing job {job} ended {state:?}"
        ))),
    }
}

/// One step of a closing job, in one transaction with the job's progress: the next
/// block of ratees after the cursor (results, JPM, comments, then sealing their
/// anonymous answers); when none is left, the campaign becomes closed.
pub async fn step(db: &Db, j: &job::Model, me: &str, size: usize) -> Result<Step, AppError> {
    let id = j.subject_id.ok_or(AppError::NotFound)?;
    let tx = write_tx(db).await?;
    let c = campaign_in(&tx, id, CampaignStatus::Closing).await?;
    let after = j.cursor.map_or(i32::MIN, |v| v as i32);
    let ratees = read::ratees_after(&tx, id, after, size).await?;
    let Some(last) = ratees.last().map(|r| r.employee) else {
        needs::roll_up(&tx, c.row.agency_id, id).await?;
        advance(&tx, id, CampaignStatus::Closed).await?;
        jobs::finish(&tx, j, me).await?;
        let done = closed_counts(&tx, id).await?;
        let summary =
            json!({ "ratees": done.ratees, "results": done.results, "comments": done.comments });
        let entry = Entry {
            agency_id: Some(c.row.agency_id),
            action: "closed",
            entity: "campaign",
            entity_id: id.to_string(),
            summary,
        };
        audit::record(&tx, &jobs::author(j), entry).await?;
        crate::server::commit(tx).await?;
        let took = j
            .started_at
            .map(|s| (crate::server::db::now() - s).num_seconds());
        tracing::info!(campaign = id, ratees = done.ratees, "closed in {took:?} s");
        return Ok(Step::Finished);
    };
    let versions: std::collections::BTreeSet<i32> = ratees.iter().map(|r| r.standard).collect();
    let standards = read::standards(&tx, versions).await?;
    store_block(&tx, &c, &standards, &ratees).await?;
    jobs::progress(
        &tx,
        j,
        me,
        ratees.len() as i64,
        Some(i64::from(last)),
        JobPhase::Results,
    )
    .await?;
    // Results no page reads until the last step marks the campaign closed.
    crate::server::db::commit_unseen(tx).await?;
    Ok(Step::More)
}

/// What a closed campaign holds: its ratees, results and comments.
async fn closed_counts(db: &impl ConnectionTrait, id: i32) -> Result<Closed, AppError> {
    let (ratees, results, comments) = read::counts(db, id).await?;
    Ok(Closed {
        ratees,
        results,
        comments,
    })
}

/// Stores one block of ratees: results, JPM and the comments that count, then seals
/// the block's anonymous answers. The comments' order is drawn from a salt new for
/// each block (a ratee's comments are all in one block).
async fn store_block(
    tx: &impl ConnectionTrait,
    c: &Campaign,
    standards: &HashMap<i32, Vec<(i32, Level)>>,
    block: &[read::Ratee],
) -> Result<(), AppError> {
    let (from, to) = (block[0].employee, block[block.len() - 1].employee);
    // Each part timed for the log (RUST_LOG=app=debug): where closing's time goes.
    let mut lap = jobs::Lap::default();
    let totals = read::totals(tx, c.row.id, from, to).await?;
    let comments = read::comments(tx, c.row.id, from, to).await?;
    let asked = read::asked(tx, c.row.id, from, to).await?;
    lap.mark("read");
    let computed = compute(c, block, standards, &totals, &asked);
    lap.mark("compute");
    write::jpm(tx, c.row.id, &computed.jpms).await?;
    needs::add(tx, c.row.agency_id, c.row.id, computed.needs).await?;
    calibration::add(tx, c.row.agency_id, c.row.id, computed.raters).await?;
    lap.mark("jpm and needs");
    crate::server::sql::insert_many(tx, computed.results).await?;
    lap.mark("results");
    write::comments(tx, c, comments, &computed.counted, rand::random()).await?;
    lap.mark("comments");
    write::seal(tx, c.row.id, from, to).await?;
    lap.mark("seal");
    tracing::debug!(campaign = c.row.id, "closing block: {lap}");
    Ok(())
}
/// What one chunk of ratees comes to.
struct Computed {
    results: Vec<result::ActiveModel>,
    /// The sources that counted per (ratee, competency): only their comments are shown.
    counted: HashMap<(i32, i32), Vec<Source>>,
    jpms: Vec<(i32, Option<f64>)>,
    needs: needs::Tally,
    raters: calibration::Tally,
}

fn compute(
    c: &Campaign,
    chunk: &[read::Ratee],
    standards: &HashMap<i32, Vec<(i32, Level)>>,
    stats: &read::Stats,
    asked: &HashMap<i32, Vec<Source>>,
) -> Computed {
    let mut out = Computed {
        results: Vec::new(),
        counted: HashMap::new(),
        jpms: Vec::with_capacity(chunk.len()),
        needs: HashMap::new(),
        raters: HashMap::new(),
    };
    for r in chunk {
        let (emp, std) = (&r.employee, &r.standard);
        let items = standards.get(std).map(Vec::as_slice).unwrap_or(&[]);
        let asked = asked.get(emp).map(Vec::as_slice).unwrap_or(&[]);
        let mut for_jpm = Vec::new();
        let mut rated = Vec::new();
        for (cid, req) in items {
            let st = stats.get(&(*emp, *cid)).map(Vec::as_slice).unwrap_or(&[]);
            let m = measure_stats(st, &c.weights, c.k);
            if let Some(l) = m.level {
                for_jpm.push((*req, l));
                if let Some(level) = r.level {
                    needs::count(&mut out.needs, (r.unit, level, *cid), *req, l);
                }
            }
            if let (Some(sup), anon) = supervisor_and_anonymous(&m) {
                rated.push((sup, anon, self_level(&m)));
            }
            out.counted
                .insert((*emp, *cid), m.used.iter().map(|u| u.0).collect());
            // Only why sources were left out is kept: which sources counted follows
            // from it and the campaign's weights.
            let dropped = dropped_sources(&m, asked, c.k);
            let detail = (!dropped.is_empty()).then(|| json!(dropped).to_string());
            out.results.push(result::ActiveModel {
                agency_id: Set(c.row.agency_id),
                campaign_id: Set(c.row.id),
                employee_id: Set(*emp),
                competency_id: Set(*cid),
                required_level: Set(i16::from(req.get())),
                measured: Set(m.level),
                self_level: Set(self_level(&m)),
                others_level: Set(others(&m)),
                detail: Set(detail),
                ..Default::default()
            });
        }
        if let Some(s) = r.supervisor {
            out.raters.entry(s).or_default().add_ratee(&rated);
        }
        let complete = for_jpm.len() == items.len();
        out.jpms
            .push((*emp, if complete { jpm(&for_jpm) } else { None }));
    }
    out
}
