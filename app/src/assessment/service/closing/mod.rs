//! Closing a campaign: per ratee and competency of the recorded standard version,
//! the measured level from the submitted answers (weighted, renormalised over the
//! sources that count; anonymous sources below k dropped, and the result says so),
//! the JPM, and the feedback comments detached from their raters in a shuffled
//! order. Then the peers' and subordinates' answers are deleted (`write::seal`):
//! anonymity holds in the database, not only on the page. Results are stored, never
//! recomputed: a closed campaign does not change.
//!
//! Hand-written SQL throughout (`read`, `write`): closing a 250 000-employee
//! campaign was measured, and its reads and writes are shaped for that.

mod read;
mod write;

use super::campaigns::{advance, hr_campaign};
use super::Campaign;
use crate::assessment::model::{CampaignStatus, Source};
use crate::assessment::rules::{dropped_sources, measure_stats, others, self_level};
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::competency::rules::{jpm, Level};
use crate::error::AppError;
use crate::server::entities::result;
use crate::server::{write_tx, Db};
use sea_orm::{ConnectionTrait, Set};
use serde_json::json;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Ratees handled per round trip (bounded memory at any campaign size).
const CHUNK: usize = 2000;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Closed {
    pub ratees: u64,
    pub results: u64,
    pub comments: u64,
}

pub async fn close(db: &Db, actor: &Actor, id: i32) -> Result<Closed, AppError> {
    let tx = write_tx(db).await?;
    let c = hr_campaign(&tx, actor, id).await?;
    // Claims the campaign first: a second close waits on this row, then finds it closed.
    advance(&tx, id, CampaignStatus::Closed).await?;
    let done = store_results(&tx, &c).await?;
    let summary =
        json!({ "ratees": done.ratees, "results": done.results, "comments": done.comments });
    audit::commit(tx, actor, c.row.agency_id, "close", "campaign", id, summary).await?;
    Ok(done)
}

/// Where closing spends its time (reading answers, computing, writing results,
/// comments): logged, because closing is the one long operation of the application.
#[derive(Default)]
struct Phases([Duration; 4]);

impl Phases {
    fn add(&mut self, phase: usize, since: Instant) -> Instant {
        self.0[phase] += since.elapsed();
        Instant::now()
    }
}

async fn store_results(tx: &impl ConnectionTrait, c: &Campaign) -> Result<Closed, AppError> {
    let standards = read::standards(tx, c.row.id).await?;
    let ratees = read::ratees(tx, c.row.id).await?;
    let salt: u64 = rand::random();
    let mut done = Closed::default();
    let mut phases = Phases::default();
    for chunk in ratees.chunks(CHUNK) {
        let (from, to) = (chunk[0].0, chunk[chunk.len() - 1].0);
        let t = Instant::now();
        let answers = read::answers(tx, c.row.id, from, to).await?;
        let asked = read::asked(tx, c.row.id, from, to).await?;
        let t = phases.add(0, t);
        let computed = compute(c, chunk, &standards, &answers, &asked);
        let t = phases.add(1, t);
        write::jpm(tx, c.row.id, &computed.jpms).await?;
        done.ratees += chunk.len() as u64;
        done.results += crate::server::sql::insert_many(tx, computed.results).await?;
        let t = phases.add(2, t);
        done.comments += write::comments(tx, c, answers, &computed.counted, salt).await?;
        phases.add(3, t);
    }
    let t = Instant::now();
    write::seal(tx, c.row.id).await?;
    let sealed = t.elapsed().as_secs_f64();
    let [read, compute, results, comments] = phases.0.map(|d| d.as_secs_f64());
    tracing::info!(
        campaign = c.row.id,
        ratees = done.ratees,
        "closing: answers read in {read:.1} s, computed in {compute:.1} s, \
         results written in {results:.1} s, comments in {comments:.1} s, sealed in {sealed:.1} s",
    );
    Ok(done)
}

/// What one chunk of ratees comes to.
struct Computed {
    results: Vec<result::ActiveModel>,
    /// The sources that counted per (ratee, competency): only their comments are shown.
    counted: HashMap<(i32, i32), Vec<Source>>,
    jpms: Vec<(i32, Option<f64>)>,
}

fn compute(
    c: &Campaign,
    chunk: &[(i32, i32)],
    standards: &HashMap<i32, Vec<(i32, Level)>>,
    answers: &[read::Answer],
    asked: &HashMap<i32, Vec<Source>>,
) -> Computed {
    let stats = read::stats(answers);
    let mut out = Computed {
        results: Vec::new(),
        counted: HashMap::new(),
        jpms: Vec::with_capacity(chunk.len()),
    };
    for (emp, std) in chunk {
        let items = standards.get(std).map(Vec::as_slice).unwrap_or(&[]);
        let asked = asked.get(emp).map(Vec::as_slice).unwrap_or(&[]);
        let mut for_jpm = Vec::new();
        for (cid, req) in items {
            let st = stats.get(&(*emp, *cid)).map(Vec::as_slice).unwrap_or(&[]);
            let m = measure_stats(st, &c.weights, c.k);
            if let Some(l) = m.level {
                for_jpm.push((*req, l));
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
        let complete = for_jpm.len() == items.len();
        out.jpms
            .push((*emp, if complete { jpm(&for_jpm) } else { None }));
    }
    out
}
