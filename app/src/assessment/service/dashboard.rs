//! The gap dashboard of one employee: required against measured levels of a closed
//! campaign (radar and table), JPM and band, strengths and what to develop, progress
//! across campaigns and the feedback received. Readable by the employee, their
//! supervisor, leaders of units above them and HR of the agency; nobody else.

use crate::assessment::model::*;
use crate::auth::model::Actor;
use crate::competency::rules::{gap, strengths_and_gaps, JpmBand, JpmBands, Level};
use crate::error::AppError;
use crate::i18n::{Lang, K};
use crate::people::service::{can_view, supervision::current_assignment};
use crate::server::entities::employee;
use crate::server::read_cache::ReadCache;
use crate::server::{sql, Db};
use crate::ui::chart;
use sea_orm::{ConnectionTrait, EntityTrait};
use std::sync::Arc;

struct Taken {
    id: i32,
    name: String,
    jpm: Option<f64>,
    standard_id: i32,
}

async fn campaigns_of(db: &impl ConnectionTrait, emp: i32) -> Result<Vec<Taken>, AppError> {
    let rows = sql::all(
        db,
        "SELECT c.id, c.name, t.jpm, t.standard_id FROM campaign_ratees t JOIN campaigns c ON c.id = t.campaign_id \
         WHERE t.employee_id = $1 AND c.status = 'closed' ORDER BY c.closed_at, c.id",
        vec![emp.into()],
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Taken {
                id: sql::get(r, "id")?,
                name: sql::get(r, "name")?,
                jpm: sql::get(r, "jpm")?,
                standard_id: sql::get(r, "standard_id")?,
            })
        })
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(AppError::from)
}

fn dropped(detail: Option<String>) -> Vec<(String, String, u32)> {
    let Some(detail) = detail else {
        return vec![];
    };
    let v: serde_json::Value = serde_json::from_str(&detail).unwrap_or_default();
    v.as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            (
                d[0].as_str().unwrap_or_default().to_string(),
                d[1].as_str().unwrap_or_default().to_string(),
                d[2].as_u64().unwrap_or(0) as u32,
            )
        })
        .collect()
}

async fn items(
    db: &impl ConnectionTrait,
    emp: i32,
    campaign: i32,
) -> Result<Vec<DashItem>, AppError> {
    let rows = sql::all(
        db,
        "SELECT c.code, c.name, r.required_level, r.measured, r.self_level, r.others_level, r.detail \
         FROM results r JOIN competencies c ON c.id = r.competency_id WHERE r.employee_id = $1 AND r.campaign_id = $2 \
         ORDER BY CASE c.grp WHEN 'manajerial' THEN 0 WHEN 'sosial_kultural' THEN 1 ELSE 2 END, c.code",
        vec![emp.into(), campaign.into()],
    )
    .await?;
    rows.iter()
        .map(|r| {
            let required = sql::get::<i16>(r, "required_level")? as u8;
            let measured: Option<f64> = sql::get(r, "measured")?;
            Ok(DashItem {
                code: sql::get(r, "code")?,
                name: sql::get(r, "name")?,
                required,
                gap: measured.map(|m| gap(Level::clamped(required.into()), m)),
                measured,
                self_level: sql::get(r, "self_level")?,
                others: sql::get(r, "others_level")?,
                dropped: dropped(sql::get(r, "detail")?),
            })
        })
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(AppError::from)
}

async fn feedback(
    db: &impl ConnectionTrait,
    emp: i32,
    campaign: i32,
) -> Result<Vec<Feedback>, AppError> {
    let rows = sql::all(
        db,
        "SELECT c.name AS competency, f.source, f.author_name, f.body FROM result_comments f \
         JOIN competencies c ON c.id = f.competency_id WHERE f.employee_id = $1 AND f.campaign_id = $2 \
         ORDER BY CASE f.source WHEN 'supervisor' THEN 0 ELSE 1 END, f.ord",
        vec![emp.into(), campaign.into()],
    )
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Feedback {
                competency: sql::get(r, "competency")?,
                source: sql::get(r, "source")?,
                author: sql::get(r, "author_name")?,
                body: sql::get(r, "body")?,
            })
        })
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(AppError::from)
}

async fn shortfalls(
    db: &impl ConnectionTrait,
    emp: i32,
) -> Result<std::collections::HashMap<i32, f64>, AppError> {
    let rows = sql::all(
        db,
        "SELECT campaign_id, SUM(CASE WHEN measured < required_level THEN required_level - measured ELSE 0 END) AS s \
         FROM results WHERE employee_id = $1 GROUP BY campaign_id",
        vec![emp.into()],
    )
    .await?;
    Ok(rows
        .iter()
        .filter_map(|r| {
            Some((
                sql::get(r, "campaign_id").ok()?,
                sql::get::<Option<f64>>(r, "s").ok()?.unwrap_or(0.0),
            ))
        })
        .collect())
}

/// Dashboards already built, by (employee, campaign asked for, language). A closed
/// campaign's results never change, and any commit in this process (a name, a move,
/// a campaign closing) retires every entry (see `server::read_cache`).
pub type Dashboards = ReadCache<(i32, Option<i32>, Lang), Dashboard>;

pub async fn dashboard(
    db: &Db,
    cache: &Dashboards,
    actor: &Actor,
    employee: Option<i32>,
    campaign: Option<i32>,
    lang: Lang,
) -> Result<Arc<Dashboard>, AppError> {
    let id = employee.or(actor.employee_id).ok_or(AppError::NotFound)?;
    let e = employee::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    // Who may read it is decided on every request; only the content is remembered.
    if !can_view(db, actor, &e).await? {
        return Err(AppError::Forbidden);
    }
    cache
        .get_or_load((id, campaign, lang), build(db, e, campaign, lang))
        .await
}

async fn build(
    db: &Db,
    e: employee::Model,
    campaign: Option<i32>,
    lang: Lang,
) -> Result<Dashboard, AppError> {
    let id = e.id;
    let (position, unit) = match current_assignment(db, id).await? {
        Some(a) => {
            let r = sql::one(
                db,
                "SELECT p.name AS p, u.name AS u FROM positions p, units u WHERE p.id = $1 AND u.id = $2",
                vec![a.position_id.into(), a.unit_id.into()],
            )
            .await?;
            match r {
                Some(r) => (sql::get(&r, "p")?, sql::get(&r, "u")?),
                None => (String::new(), String::new()),
            }
        }
        None => (String::new(), String::new()),
    };
    let taken = campaigns_of(db, id).await?;
    let chosen = match campaign {
        Some(c) => Some(taken.iter().find(|t| t.id == c).ok_or(AppError::NotFound)?),
        None => taken.last(),
    };
    let mut d = Dashboard {
        employee_id: id,
        name: e.name,
        position,
        unit,
        campaign: chosen.map(|t| (t.id, t.name.clone())),
        campaigns: taken.iter().map(|t| (t.id, t.name.clone())).collect(),
        standard_version: None,
        items: vec![],
        jpm: chosen.and_then(|t| t.jpm),
        band: None,
        strengths: vec![],
        to_develop: vec![],
        radar_svg: String::new(),
        progress_svg: String::new(),
        history: vec![],
        feedback: vec![],
    };
    let Some(t) = chosen else {
        return Ok(d);
    };
    d.standard_version = sql::one(
        db,
        "SELECT version FROM standards WHERE id = $1",
        vec![t.standard_id.into()],
    )
    .await?
    .and_then(|r| sql::get(&r, "version").ok());
    d.items = items(db, id, t.id).await?;
    d.band = d.jpm.map(|j| {
        match JpmBands::default().band(j) {
            JpmBand::Optimal => "optimal",
            JpmBand::FairlyOptimal => "fairly",
            JpmBand::BelowOptimal => "below",
        }
        .to_string()
    });
    let scored: Vec<(String, Level, f64)> = d
        .items
        .iter()
        .filter_map(|i| Some((i.name.clone(), Level::new(i.required.into())?, i.measured?)))
        .collect();
    (d.strengths, d.to_develop) = strengths_and_gaps(&scored);
    d.items.sort_by(|a, b| {
        b.gap
            .unwrap_or(f64::MIN)
            .total_cmp(&a.gap.unwrap_or(f64::MIN))
    });
    d.feedback = feedback(db, id, t.id).await?;
    let short = shortfalls(db, id).await?;
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
    charts(&mut d, lang);
    Ok(d)
}

fn charts(d: &mut Dashboard, lang: Lang) {
    let mut by_code = d.items.clone();
    by_code.sort_by(|a, b| a.code.cmp(&b.code));
    let labels: Vec<String> = by_code.iter().map(|i| i.code.clone()).collect();
    let required: Vec<f32> = by_code.iter().map(|i| f32::from(i.required)).collect();
    let measured: Vec<f32> = by_code
        .iter()
        .map(|i| i.measured.unwrap_or(0.0) as f32)
        .collect();
    d.radar_svg = chart::radar(
        &labels,
        &[
            (lang.text(K::DashRequired), required, "#94a3b8"),
            (lang.text(K::DashMeasured), measured, "#0f766e"),
        ],
    );
    let points: Vec<String> = d.history.iter().map(|h| h.0.clone()).collect();
    let jpm: Vec<f32> = d
        .history
        .iter()
        .map(|h| h.1.unwrap_or(0.0) as f32)
        .collect();
    d.progress_svg = chart::line(
        lang.text(K::DashProgressChart),
        &points,
        &[("JPM %", jpm, "#0f766e")],
    );
}
