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

type Stats = HashMap<(i32, i32), Vec<(Source, u32, f64)>>;

async fn stats(
    db: &impl ConnectionTrait,
    campaign: i32,
    from: i32,
    to: i32,
) -> Result<Stats, AppError> {
    let rows = sql::all(
        db,
        "SELECT r.ratee_id, a.competency_id, r.source, COUNT(*) AS n, SUM(a.level) AS s \
         FROM campaign_raters r JOIN answers a ON a.rater_row_id = r.id \
         WHERE r.campaign_id = $1 AND r.ratee_id BETWEEN $2 AND $3 AND r.status = 'submitted' AND a.level IS NOT NULL \
         GROUP BY r.ratee_id, a.competency_id, r.source",
        vec![campaign.into(), from.into(), to.into()],
    )
    .await?;
    let mut out: Stats = HashMap::new();
    for r in rows {
        let Some(source) = Source::parse(&sql::get::<String>(&r, "source")?) else {
            continue;
        };
        let n: i64 = sql::get(&r, "n")?;
        let s: i64 = sql::get(&r, "s")?;
        out.entry((sql::get(&r, "ratee_id")?, sql::get(&r, "competency_id")?))
            .or_default()
            .push((source, n as u32, s as f64));
    }
    Ok(out)
}

fn dropped_json(d: &[(Source, Dropped)]) -> serde_json::Value {
    d.iter()
        .map(|(s, why)| match why {
            Dropped::NoAnswers => json!([s.code(), "no_answers", 0]),
            Dropped::BelowK { answers } => json!([s.code(), "below_k", answers]),
            Dropped::NoWeight => json!([s.code(), "no_weight", 0]),
        })
        .collect()
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
    for chunk in ratees.chunks(CHUNK) {
        let (from, to) = (chunk[0].0, chunk[chunk.len() - 1].0);
        let stats = stats(tx, c.id, from, to).await?;
        let mut rows: Vec<Vec<Value>> = Vec::new();
        let mut counted: HashMap<(i32, i32), Vec<Source>> = HashMap::new();
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
                let used: Vec<_> = m
                    .used
                    .iter()
                    .map(|(s, mean, w)| json!([s.code(), mean, w]))
                    .collect();
                let detail = json!({ "used": used, "dropped": dropped_json(&m.dropped) });
                rows.push(vec![
                    c.agency_id.into(),
                    c.id.into(),
                    (*emp).into(),
                    (*cid).into(),
                    i16::from(req.get()).into(),
                    m.level.into(),
                    self_level(&m).into(),
                    others(&m).into(),
                    detail.to_string().into(),
                ]);
            }
            let j = if for_jpm.len() == items.len() {
                jpm(&for_jpm)
            } else {
                None
            };
            sql::exec(
                tx,
                "UPDATE campaign_ratees SET jpm = $1 WHERE campaign_id = $2 AND employee_id = $3",
                vec![j.into(), c.id.into(), (*emp).into()],
            )
            .await?;
        }
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
        done.comments += store_comments(tx, c, from, to, &counted, salt).await?;
    }
    Ok(done)
}

/// Feedback of the sources that counted, without the rater (the supervisor is
/// named), in an order drawn from a secret salt rather than from the raters.
async fn store_comments(
    tx: &impl ConnectionTrait,
    c: &Campaign,
    from: i32,
    to: i32,
    counted: &HashMap<(i32, i32), Vec<Source>>,
    salt: u64,
) -> Result<u64, AppError> {
    let rows = sql::all(
        tx,
        "SELECT a.id, r.ratee_id, a.competency_id, r.source, a.comment, e.name FROM campaign_raters r \
         JOIN answers a ON a.rater_row_id = r.id JOIN employees e ON e.id = r.rater_id \
         WHERE r.campaign_id = $1 AND r.ratee_id BETWEEN $2 AND $3 AND r.status = 'submitted' \
         AND a.comment IS NOT NULL AND r.source <> 'self'",
        vec![c.id.into(), from.into(), to.into()],
    )
    .await?;
    let mut out = Vec::new();
    for r in rows {
        let Some(source) = Source::parse(&sql::get::<String>(&r, "source")?) else {
            continue;
        };
        let key = (
            sql::get::<i32>(&r, "ratee_id")?,
            sql::get::<i32>(&r, "competency_id")?,
        );
        if !counted.get(&key).is_some_and(|s| s.contains(&source)) {
            continue;
        }
        let answer: i32 = sql::get(&r, "id")?;
        let digest = Sha256::digest(format!("{salt}:{answer}").as_bytes());
        let ord = i32::from_be_bytes([digest[0] & 0x7f, digest[1], digest[2], digest[3]]);
        let author: Option<String> = (source == Source::Supervisor)
            .then(|| sql::get(&r, "name"))
            .transpose()?;
        out.push(vec![
            c.agency_id.into(),
            c.id.into(),
            key.0.into(),
            key.1.into(),
            source.code().into(),
            author.into(),
            sql::get::<String>(&r, "comment")?.into(),
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
