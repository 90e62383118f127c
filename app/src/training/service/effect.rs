//! The measured effect of each programme: between the two closed campaigns around
//! its completions, the change of participants' gap in each competency it builds
//! against non-participants who started at the same gap (`rules::did`); for
//! assessor training, the change of participants' leniency (its size, either way)
//! against other supervisors'. Read on request: a few grouped statements per
//! programme, for HR and unit leaders (the figures are agency-wide aggregates of
//! at least `MIN_GROUP` people).

use super::scope::scope;
use crate::assessment::model::CampaignStatus;
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::server::entities::{campaign, enrolment, programme, rater_calibration, result};
use crate::server::{sql, Db};
use crate::training::model::{EffectRow, EnrolStatus};
use crate::training::rules::{self, add_other, did, Did, Others};
use sea_orm::{
    raw_sql, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

#[derive(FromQueryResult)]
struct GapGroup {
    g: f64,
    n: i64,
    change: f64,
}

/// Everyone measured in both campaigns in competency `c`, grouped by starting gap.
async fn all_changes(
    db: &impl ConnectionTrait,
    (a, b): (i32, i32),
    c: i32,
) -> Result<Vec<GapGroup>, AppError> {
    // SQL: grouped in the database so a whole agency's results never leave it.
    let stmt = raw_sql!(
        Postgres,
        "SELECT CAST(x.required_level - x.measured AS DOUBLE PRECISION) AS g, COUNT(*) AS n,
           CAST(SUM((y.required_level - y.measured) - (x.required_level - x.measured))
             AS DOUBLE PRECISION) AS change
         FROM results x JOIN results y ON y.campaign_id = {b} AND y.employee_id = x.employee_id
           AND y.competency_id = x.competency_id
         WHERE x.campaign_id = {a} AND x.competency_id = {c}
           AND x.measured IS NOT NULL AND y.measured IS NOT NULL
         GROUP BY x.required_level - x.measured"
    );
    Ok(sql::all::<GapGroup>(db, stmt).await?)
}

/// Participants' (gap before, gap after) in competency `c`.
async fn participant_gaps(
    db: &impl ConnectionTrait,
    (a, b): (i32, i32),
    c: i32,
    people: &[i32],
) -> Result<Vec<(f64, f64)>, AppError> {
    let rows = result::Entity::find()
        .filter(result::Column::CampaignId.is_in([a, b]))
        .filter(result::Column::CompetencyId.eq(c))
        .filter(result::Column::EmployeeId.is_in(people.iter().copied()))
        .all(db)
        .await?;
    let gap = |r: &result::Model| r.measured.map(|m| f64::from(r.required_level) - m);
    let before: HashMap<i32, f64> = rows
        .iter()
        .filter(|r| r.campaign_id == a)
        .filter_map(|r| Some((r.employee_id, gap(r)?)))
        .collect();
    Ok(rows
        .iter()
        .filter(|r| r.campaign_id == b)
        .filter_map(|r| Some((*before.get(&r.employee_id)?, gap(r)?)))
        .collect())
}

/// The difference in differences of one competency.
async fn competency_effect(
    db: &impl ConnectionTrait,
    pair: (i32, i32),
    c: i32,
    people: &[i32],
) -> Result<Did, AppError> {
    let mine = participant_gaps(db, pair, c, people).await?;
    let mut others = Others::new();
    for grp in all_changes(db, pair, c).await? {
        let e = others.entry(rules::gap_bucket(grp.g)).or_default();
        e.0 += grp.n as usize;
        e.1 += grp.change;
    }
    // Participants are in the totals: take them out again.
    for (b, a) in &mine {
        if let Some(e) = others.get_mut(&rules::gap_bucket(*b)) {
            e.0 = e.0.saturating_sub(1);
            e.1 -= a - b;
        }
    }
    Ok(did(&mine, &others))
}

/// The change of supervisors' leniency (its size) around assessor training.
async fn leniency_effect(
    db: &impl ConnectionTrait,
    (a, b): (i32, i32),
    people: &[i32],
) -> Result<Did, AppError> {
    let rows = rater_calibration::Entity::find()
        .filter(rater_calibration::Column::CampaignId.is_in([a, b]))
        .all(db)
        .await?;
    let size = |r: &rater_calibration::Model| r.sums().leniency().map(f64::abs);
    let before: HashMap<i32, f64> = rows
        .iter()
        .filter(|r| r.campaign_id == a)
        .filter_map(|r| Some((r.supervisor_id, size(r)?)))
        .collect();
    let (mut mine, mut others) = (vec![], Others::new());
    for r in rows.iter().filter(|r| r.campaign_id == b) {
        let (Some(&x), Some(y)) = (before.get(&r.supervisor_id), size(r)) else {
            continue;
        };
        if people.contains(&r.supervisor_id) {
            mine.push((x, y));
        } else {
            add_other(&mut others, x, y);
        }
    }
    Ok(did(&mine, &others))
}

fn row(
    p: &programme::Model,
    competency: Option<(String, String)>,
    names: (&str, &str),
    d: Did,
) -> EffectRow {
    EffectRow {
        programme_id: p.id,
        programme: p.name.clone(),
        competency,
        before: names.0.into(),
        after: names.1.into(),
        participants: d.participants,
        others: d.others,
        change_participants: d.change_participants,
        change_others: d.change_others,
        effect: d.effect,
    }
}

/// Every programme with passes between two closed campaigns, latest pair first.
pub async fn effects(db: &Db, actor: &Actor) -> Result<Vec<EffectRow>, AppError> {
    let agency = scope(actor)?.agency;
    let closed = campaign::Entity::find()
        .filter(campaign::Column::AgencyId.eq(agency))
        .filter(campaign::Column::Status.eq(CampaignStatus::Closed))
        .order_by_asc(campaign::Column::ClosedAt)
        .all(db)
        .await?;
    let passed = enrolment::Entity::find()
        .filter(enrolment::Column::AgencyId.eq(agency))
        .filter(enrolment::Column::Status.eq(EnrolStatus::Passed))
        .all(db)
        .await?;
    let progs = programme::Entity::find()
        .filter(programme::Column::AgencyId.eq(agency))
        .order_by_asc(programme::Column::Name)
        .all(db)
        .await?;
    let ids: Vec<i32> = progs.iter().map(|p| p.id).collect();
    let builds = super::catalogue::builds_of(db, &ids).await?;
    let mut out = vec![];
    for p in &progs {
        // The latest pair of campaigns with passes of this programme between them.
        let found = closed.windows(2).rev().find_map(|w| {
            let first_closed = w[0].closed_at?.date_naive();
            let people: Vec<i32> = passed
                .iter()
                .filter(|e| e.programme_id == p.id)
                .filter(|e| {
                    e.completed_on
                        .is_some_and(|d| rules::between(d, first_closed, w[1].starts_on))
                })
                .map(|e| e.employee_id)
                .collect();
            (!people.is_empty()).then(|| (&w[0], &w[1], people))
        });
        let Some((a, b, people)) = found else {
            continue;
        };
        let (pair, names) = ((a.id, b.id), (a.name.as_str(), b.name.as_str()));
        if p.for_assessors {
            out.push(row(
                p,
                None,
                names,
                leniency_effect(db, pair, &people).await?,
            ));
        }
        for bld in builds.get(&p.id).into_iter().flatten() {
            let d = competency_effect(db, pair, bld.competency_id, &people).await?;
            out.push(row(p, Some((bld.code.clone(), bld.name.clone())), names, d));
        }
    }
    Ok(out)
}
