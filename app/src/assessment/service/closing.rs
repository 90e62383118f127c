//! Closing a campaign: per ratee and competency of the recorded standard version,
//! the measured level from the submitted answers (weighted, renormalised over the
//! sources that count; anonymous sources below k dropped, and the result says so),
//! the JPM, and the feedback comments detached from their raters in a shuffled
//! order. Results are stored, never recomputed: a closed campaign does not change.

use super::{campaign, Campaign};
use crate::assessment::rules::{
    measure_stats, others, self_level, CampaignStatus, Dropped, Source,
};
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::competency::rules::{jpm, Level};
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::server::{db, sql, write_tx, Db};
use sea_orm::{ConnectionTrait, Value};
use serde_json::json;
use sha2::{Digest, Sha256};
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
    let c = campaign(&tx, id).await?;
    if !actor.is_hr_of(c.agency_id) {
        return Err(AppError::Forbidden);
    }
    if c.status != CampaignStatus::Running {
        return Err(AppError::Conflict(Msg::new(K::ErrCampaignState)));
    }
    // Claims the campaign first: a second close waits on this row, then finds nothing.
    let claimed = sql::exec(
        &tx,
        "UPDATE campaigns SET status = 'closed', closed_at = $1 WHERE id = $2 AND status = 'running'",
        vec![db::now().into(), id.into()],
    )
    .await?;
    if claimed == 0 {
        return Err(AppError::Conflict(Msg::new(K::ErrCampaignState)));
    }
    let done = store_results(&tx, &c).await?;
    audit::change(
        &tx,
        actor,
        c.agency_id,
        "close",
        "campaign",
        id,
        json!({ "ratees": done.ratees, "results": done.results, "comments": done.comments }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(done)
}

async fn standards(
    db: &impl ConnectionTrait,
    campaign: i32,
) -> Result<HashMap<i32, Vec<(i32, Level)>>, AppError> {
    let rows = sql::all(
        db,
        "SELECT i.standard_id, i.competency_id, i.required_level FROM standard_items i \
         WHERE i.standard_id IN (SELECT DISTINCT standard_id FROM campaign_ratees WHERE campaign_id = $1) \
         ORDER BY i.standard_id, i.competency_id",
        vec![campaign.into()],
    )
    .await?;
    let mut out: HashMap<i32, Vec<(i32, Level)>> = HashMap::new();
    for r in rows {
        let level = Level::clamped(sql::get::<i16>(&r, "required_level")?.into());
        out.entry(sql::get(&r, "standard_id")?)
            .or_default()
            .push((sql::get(&r, "competency_id")?, level));
    }
    Ok(out)
}

/// The sources each ratee of a range was given raters for.
async fn assigned(
    db: &impl ConnectionTrait,
    campaign: i32,
    from: i32,
    to: i32,
) -> Result<HashMap<i32, Vec<Source>>, AppError> {
    let rows = sql::all(
        db,
        "SELECT DISTINCT ratee_id, source FROM campaign_raters WHERE campaign_id = $1 AND ratee_id BETWEEN $2 AND $3",
        vec![campaign.into(), from.into(), to.into()],
    )
    .await?;
    let mut out: HashMap<i32, Vec<Source>> = HashMap::new();
    for r in rows {
        if let Some(s) = Source::parse(&sql::get::<String>(&r, "source")?) {
            out.entry(sql::get(&r, "ratee_id")?).or_default().push(s);
        }
    }
    Ok(out)
}

type Stats = HashMap<(i32, i32), Vec<(Source, u32, f64)>>;

/// One submitted answer: ratee, competency, source, level, comment, answer id, and
/// the rater's name for a supervisor's comment (nobody else's is ever read).
type Answer = (i32, i32, String, i64, Option<String>, i32, Option<String>);

/// Every submitted answer about a range of ratees, in one round trip (as JSON), so
/// both the levels and the comments come from one pass over the answers.
async fn answers(
    db: &impl ConnectionTrait,
    campaign: i32,
    from: i32,
    to: i32,
) -> Result<Vec<Answer>, AppError> {
    Ok(sql::json_tuples(
        db,
        "SELECT r.ratee_id, a.competency_id, r.source, a.level, a.comment, a.id, \
           CASE WHEN r.source = 'supervisor' AND a.comment IS NOT NULL \
             THEN (SELECT e.name FROM employees e WHERE e.id = r.rater_id) END AS author \
         FROM campaign_raters r JOIN answers a ON a.rater_row_id = r.id \
         WHERE r.campaign_id = $1 AND r.ratee_id BETWEEN $2 AND $3 AND r.status = 'submitted' AND a.level IS NOT NULL",
        vec![campaign.into(), from.into(), to.into()],
        &["ratee_id", "competency_id", "source", "level", "comment", "id", "author"],
    )
    .await?)
}

/// Answers per (ratee, competency) and source: how many, and the sum of levels.
fn stats(answers: &[Answer]) -> Stats {
    let mut sums: HashMap<(i32, i32, Source), (u32, f64)> = HashMap::new();
    for (ratee, comp, source, level, ..) in answers {
        if let Some(s) = Source::parse(source) {
            let e = sums.entry((*ratee, *comp, s)).or_default();
            e.0 += 1;
            e.1 += *level as f64;
        }
    }
    let mut out: Stats = HashMap::new();
    for ((ratee, comp, s), (n, sum)) in sums {
        out.entry((ratee, comp)).or_default().push((s, n, sum));
    }
    out
}

/// Why sources were left out, as JSON, or None when every source asked counted.
/// A source nobody was asked for (a ratee without subordinates) is not a dropped
/// source and is not mentioned.
fn dropped_json(d: &[(Source, Dropped)], assigned: &[Source]) -> Option<String> {
    let list: Vec<serde_json::Value> = d
        .iter()
        .filter_map(|(s, why)| match why {
            Dropped::NoAnswers if !assigned.contains(s) => None,
            Dropped::NoAnswers => Some(json!([s.code(), "no_answers", 0])),
            Dropped::BelowK { answers } => Some(json!([s.code(), "below_k", answers])),
            Dropped::NoWeight => None,
        })
        .collect();
    (!list.is_empty()).then(|| serde_json::Value::Array(list).to_string())
}

async fn store_results(tx: &impl ConnectionTrait, c: &Campaign) -> Result<Closed, AppError> {
    let standards = standards(tx, c.id).await?;
    let ratees: Vec<(i32, i32)> = sql::all(
        tx,
        "SELECT employee_id, standard_id FROM campaign_ratees WHERE campaign_id = $1 ORDER BY employee_id",
        vec![c.id.into()],
    )
    .await?
    .iter()
    .map(|r| Ok((sql::get(r, "employee_id")?, sql::get(r, "standard_id")?)))
    .collect::<Result<_, sea_orm::DbErr>>()?;
    let salt: u64 = rand::random();
    let mut done = Closed::default();
    // Where the time goes (reading answers, computing, writing results, comments):
    // logged, because closing is the one long operation of the application.
    let mut phases = [Duration::ZERO; 4];
    for chunk in ratees.chunks(CHUNK) {
        let (from, to) = (chunk[0].0, chunk[chunk.len() - 1].0);
        let t = Instant::now();
        let answers = answers(tx, c.id, from, to).await?;
        let stats = stats(&answers);
        let assigned = assigned(tx, c.id, from, to).await?;
        phases[0] += t.elapsed();
        let t = Instant::now();
        let mut rows: Vec<Vec<Value>> = Vec::new();
        let mut counted: HashMap<(i32, i32), Vec<Source>> = HashMap::new();
        let mut jpms: Vec<(i32, Option<f64>)> = Vec::with_capacity(chunk.len());
        for (emp, std) in chunk {
            let items = standards.get(std).map(Vec::as_slice).unwrap_or(&[]);
            let mut for_jpm = Vec::new();
            for (cid, req) in items {
                let st = stats.get(&(*emp, *cid)).map(Vec::as_slice).unwrap_or(&[]);
                let m = measure_stats(st, &c.weights, c.k);
                if let Some(l) = m.level {
                    for_jpm.push((*req, l));
                }
                counted.insert((*emp, *cid), m.used.iter().map(|u| u.0).collect());
                // Only why sources were left out is kept: which sources counted
                // follows from it and the campaign's weights.
                let asked = assigned.get(emp).map(Vec::as_slice).unwrap_or(&[]);
                let detail = dropped_json(&m.dropped, asked);
                rows.push(vec![
                    c.agency_id.into(),
                    c.id.into(),
                    (*emp).into(),
                    (*cid).into(),
                    i16::from(req.get()).into(),
                    m.level.into(),
                    self_level(&m).into(),
                    others(&m).into(),
                    detail.into(),
                ]);
            }
            let j = if for_jpm.len() == items.len() {
                jpm(&for_jpm)
            } else {
                None
            };
            jpms.push((*emp, j));
        }
        phases[1] += t.elapsed();
        let t = Instant::now();
        store_jpm(tx, c.id, &jpms).await?;
        done.ratees += chunk.len() as u64;
        done.results += sql::insert_rows(
            tx,
            "results",
            &[
                "agency_id",
                "campaign_id",
                "employee_id",
                "competency_id",
                "required_level",
                "measured",
                "self_level",
                "others_level",
                "detail",
            ],
            rows,
        )
        .await?;
        phases[2] += t.elapsed();
        let t = Instant::now();
        done.comments += store_comments(tx, c, answers, &counted, salt).await?;
        phases[3] += t.elapsed();
    }
    tracing::info!(
        campaign = c.id,
        ratees = done.ratees,
        "closing: answers read in {:.1} s, computed in {:.1} s, results written in {:.1} s, comments in {:.1} s",
        phases[0].as_secs_f64(),
        phases[1].as_secs_f64(),
        phases[2].as_secs_f64(),
        phases[3].as_secs_f64()
    );
    Ok(done)
}

/// Writes the ratees' JPM, many per statement (one statement per ratee was a quarter
/// of closing a large campaign).
async fn store_jpm(
    tx: &impl ConnectionTrait,
    campaign: i32,
    jpms: &[(i32, Option<f64>)],
) -> Result<(), AppError> {
    for part in jpms.chunks(500) {
        // Numbers only, so written into the statement; a typed NULL keeps PostgreSQL
        // from reading an all-NULL column as text.
        let rows: Vec<String> = part
            .iter()
            .map(|(emp, j)| match j.filter(|j| j.is_finite()) {
                Some(j) => format!("({emp}, {j:?})"),
                None => format!("({emp}, CAST(NULL AS DOUBLE PRECISION))"),
            })
            .collect();
        let q = format!(
            "WITH v(e, j) AS (VALUES {}) UPDATE campaign_ratees SET jpm = v.j FROM v \
             WHERE campaign_ratees.campaign_id = $1 AND campaign_ratees.employee_id = v.e",
            rows.join(", ")
        );
        sql::exec(tx, &q, vec![campaign.into()]).await?;
    }
    Ok(())
}

/// Feedback of the sources that counted, without the rater (the supervisor is
/// named), in an order drawn from a secret salt rather than from the raters.
async fn store_comments(
    tx: &impl ConnectionTrait,
    c: &Campaign,
    answers: Vec<Answer>,
    counted: &HashMap<(i32, i32), Vec<Source>>,
    salt: u64,
) -> Result<u64, AppError> {
    let mut out = Vec::new();
    for (ratee, comp, source, _, comment, answer, author) in answers {
        let (Some(source), Some(body)) = (Source::parse(&source), comment) else {
            continue;
        };
        let shown = source != Source::SelfRating
            && counted
                .get(&(ratee, comp))
                .is_some_and(|s| s.contains(&source));
        if !shown {
            continue;
        }
        let digest = Sha256::digest(format!("{salt}:{answer}").as_bytes());
        let ord = i32::from_be_bytes([digest[0] & 0x7f, digest[1], digest[2], digest[3]]);
        let author = author.filter(|_| source == Source::Supervisor);
        out.push(vec![
            c.agency_id.into(),
            c.id.into(),
            ratee.into(),
            comp.into(),
            source.code().into(),
            author.into(),
            body.into(),
            ord.into(),
        ]);
    }
    Ok(sql::insert_rows(
        tx,
        "result_comments",
        &[
            "agency_id",
            "campaign_id",
            "employee_id",
            "competency_id",
            "source",
            "author_name",
            "body",
            "ord",
        ],
        out,
    )
    .await?)
}
