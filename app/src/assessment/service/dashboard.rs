//! The gap dashboard of one employee: required against measured levels of a closed
//! campaign, JPM and band, strengths and what to develop, progress across campaigns
//! and the feedback received. Readable by the employee, their supervisor, leaders
//! of units above them and HR of the agency; nobody else. Its charts are drawn by
//! `ui::chart` in the page's server function.
//!
//! SQL by hand here: the dashboard was measured (p99 under 50 ms at 64 connections
//! on a 250 000-employee agency), and each read is one indexed statement.

use crate::assessment::model::*;
use crate::auth::model::Actor;
use crate::competency::model::CompetencyGroup;
use crate::competency::rules::{gap, strengths_and_gaps, JpmBands, Level};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::people::service::{supervision::current_assignment, viewable};
use crate::server::entities::{employee, position, standard, unit};
use crate::server::read_cache::ReadCache;
use crate::server::{sql, Db};
use sea_orm::{raw_sql, ConnectionTrait, EntityTrait, FromQueryResult};
use std::collections::HashMap;

/// Dashboard pages already drawn, by (employee, campaign asked for, language). A
/// closed campaign's results never change, and any commit in this process (a name,
/// a move, a campaign closing) retires every entry (see `server::read_cache`).
pub type Pages = ReadCache<(i32, Option<i32>, Lang), DashboardPage>;

pub fn register(caches: &mut crate::server::caches::Caches, config: &crate::server::Config) {
    caches.register(Pages::new(config.read_cache));
}

/// The employee whose dashboard the actor asks for (None: their own), if the actor
/// may read it. Checked on every request, remembered or not.
pub async fn readable(
    db: &Db,
    actor: &Actor,
    employee: Option<i32>,
) -> Result<employee::Model, AppError> {
    let id = employee.or(actor.employee_id).ok_or(AppError::NotFound)?;
    viewable(db, actor, id).await
}

#[derive(FromQueryResult)]
struct Taken {
    id: i32,
    name: String,
    k: i16,
    jpm: Option<f64>,
    standard_id: i32,
}

async fn campaigns_of(db: &impl ConnectionTrait, emp: i32) -> Result<Vec<Taken>, AppError> {
    let closed = CampaignStatus::Closed;
    // SQL: the dashboard, measured (see the module note).
    let stmt = raw_sql!(
        Postgres,
        "SELECT c.id, c.name, c.k, t.jpm, t.standard_id FROM campaign_ratees t
         JOIN campaigns c ON c.id = t.campaign_id
         WHERE t.employee_id = {emp} AND c.status = {closed} ORDER BY c.closed_at, c.id"
    );
    Ok(sql::all::<Taken>(db, stmt).await?)
}

#[derive(FromQueryResult)]
struct Item {
    code: String,
    grp: CompetencyGroup,
    name: String,
    required_level: i16,
    measured: Option<f64>,
    self_level: Option<f64>,
    others_level: Option<f64>,
    detail: Option<String>,
}

/// The stored results of one campaign, managerial first, then by code.
async fn items(
    db: &impl ConnectionTrait,
    emp: i32,
    campaign: i32,
    k: i16,
) -> Result<Vec<DashItem>, AppError> {
    // SQL: the dashboard, measured (see the module note).
    let stmt = raw_sql!(
        Postgres,
        "SELECT c.code, c.grp, c.name, r.required_level, r.measured, r.self_level, r.others_level,
           r.detail FROM results r JOIN competencies c ON c.id = r.competency_id
         WHERE r.employee_id = {emp} AND r.campaign_id = {campaign}"
    );
    let mut rows = sql::all::<Item>(db, stmt).await?;
    rows.sort_by(|a, b| (a.grp.rank(), &a.code).cmp(&(b.grp.rank(), &b.code)));
    rows.into_iter()
        .map(|r| {
            let required = r.required_level as u8;
            let stored: Vec<DroppedSource> = match r.detail {
                Some(json) => serde_json::from_str(&json)
                    .map_err(|e| sea_orm::DbErr::Json(format!("results.detail: {e}")))?,
                None => vec![],
            };
            // Results closed before the threshold was stored hold the count of
            // answers there, and "no answers" for an anonymous source: only "fewer
            // than k" leaves the server for peers and subordinates.
            let dropped = stored
                .into_iter()
                .map(|DroppedSource(s, why, _)| match why {
                    DropReason::NoAnswers if !s.is_anonymous() => DroppedSource(s, why, 0),
                    _ => DroppedSource(s, DropReason::BelowK, k as u32),
                })
                .collect();
            Ok(DashItem {
                gap: r.measured.map(|m| gap(Level::clamped(required.into()), m)),
                code: r.code,
                name: r.name,
                required,
                measured: r.measured,
                self_level: r.self_level,
                others: r.others_level,
                dropped,
            })
        })
        .collect()
}

/// Feedback of one campaign: the supervisor's first, then the rest in the salted order.
async fn feedback(
    db: &impl ConnectionTrait,
    emp: i32,
    campaign: i32,
) -> Result<Vec<Feedback>, AppError> {
    let supervisor = Source::Supervisor;
    // SQL: the dashboard, measured (see the module note).
    let stmt = raw_sql!(
        Postgres,
        "SELECT c.name AS competency, f.source, f.author_name AS author, f.body
         FROM result_comments f JOIN competencies c ON c.id = f.competency_id
         WHERE f.employee_id = {emp} AND f.campaign_id = {campaign}
         ORDER BY CASE WHEN f.source = {supervisor} THEN 0 ELSE 1 END, f.ord"
    );
    Ok(sql::all(db, stmt).await?)
}

#[derive(FromQueryResult)]
struct Shortfall {
    campaign_id: i32,
    s: Option<f64>,
}

/// The summed shortfall (required minus measured, where short) per campaign.
async fn shortfalls(db: &impl ConnectionTrait, emp: i32) -> Result<HashMap<i32, f64>, AppError> {
    // SQL: the dashboard, measured (see the module note). Results are indexed campaign
    // first (closing appends a campaign at a time): the employee's campaigns come from
    // `campaign_ratees`, indexed employee first.
    let stmt = raw_sql!(
        Postgres,
        "SELECT r.campaign_id, SUM(CASE WHEN r.measured < r.required_level
           THEN r.required_level - r.measured ELSE 0.0 END) AS s
         FROM campaign_ratees t JOIN results r
           ON r.campaign_id = t.campaign_id AND r.employee_id = t.employee_id
         WHERE t.employee_id = {emp} GROUP BY r.campaign_id"
    );
    let rows = sql::all::<Shortfall>(db, stmt).await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.campaign_id, r.s.unwrap_or(0.0)))
        .collect())
}

/// Where the employee works now: (position, unit).
async fn placement(db: &Db, emp: i32) -> Result<(String, String), AppError> {
    let Some(a) = current_assignment(db, emp).await? else {
        return Ok(Default::default());
    };
    let p = position::Entity::find_by_id(a.position_id).one(db).await?;
    let u = unit::Entity::find_by_id(a.unit_id).one(db).await?;
    Ok((
        p.map(|p| p.name).unwrap_or_default(),
        u.map(|u| u.name).unwrap_or_default(),
    ))
}

/// The dashboard's figures for a campaign (None: the latest closed one).
pub async fn build(
    db: &Db,
    e: employee::Model,
    campaign: Option<i32>,
) -> Result<Dashboard, AppError> {
    let (position, unit) = placement(db, e.id).await?;
    let taken = campaigns_of(db, e.id).await?;
    let chosen = match campaign {
        Some(c) => Some(taken.iter().find(|t| t.id == c).ok_or(AppError::NotFound)?),
        None => taken.last(),
    };
    let mut d = Dashboard {
        employee_id: e.id,
        name: e.name,
        position,
        unit,
        campaign: chosen.map(|t| (t.id, t.name.clone())),
        campaigns: taken.iter().map(|t| (t.id, t.name.clone())).collect(),
        jpm: chosen.and_then(|t| t.jpm),
        ..Default::default()
    };
    let Some(t) = chosen else {
        return Ok(d);
    };
    let version = standard::Entity::find_by_id(t.standard_id).one(db).await?;
    d.standard_version = version.map(|s| s.version);
    d.items = items(db, e.id, t.id, t.k).await?;
    d.band = d.jpm.map(|j| JpmBands::default().band(j));
    let scored: Vec<(String, Level, f64)> = d
        .items
        .iter()
        .filter_map(|i| Some((i.name.clone(), Level::new(i.required.into())?, i.measured?)))
        .collect();
    let s = strengths_and_gaps(&scored);
    (d.strengths, d.meets, d.to_develop) = (s.strengths, s.meets, s.to_develop);
    d.items.sort_by(|a, b| {
        b.gap
            .unwrap_or(f64::MIN)
            .total_cmp(&a.gap.unwrap_or(f64::MIN))
    });
    d.feedback = feedback(db, e.id, t.id).await?;
    let short = shortfalls(db, e.id).await?;
    d.history = taken
        .iter()
        .map(|t| {
            (
                t.name.clone(),
                t.jpm,
                short.get(&t.id).copied().unwrap_or(0.0),
            )
        })
        .collect();
    Ok(d)
}
