//! The people behind a unit's needs: each person of the unit's own staff (as the
//! campaign recorded them) with the competencies they fall short in. Read only for
//! readers whose scope holds the unit (`scope::unit_in`), by the page and the export.

use crate::competency::model::CompetencyGroup;
use crate::competency::rules::{gap, Level};
use crate::error::AppError;
use crate::people::job_level::JobLevel;
use crate::server::entities::{by_ids, campaign_ratee, competency, employee, position};
use crate::server::sql;
use crate::training::model::{NeedsQuery, PersonGap, PersonNeeds};
use crate::training::rules::priority;
use sea_orm::{
    raw_sql, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
};
use std::collections::HashMap;

/// At most this many people are listed on the page; the export holds them all.
const SHOWN: usize = 200;

/// One shortfall of one person.
#[derive(Clone, Debug)]
pub struct GapRow {
    pub employee_id: i32,
    pub unit_id: i32,
    pub nip: String,
    pub name: String,
    pub position: String,
    pub job_level: JobLevel,
    pub code: String,
    pub competency: String,
    pub grp: CompetencyGroup,
    pub required_level: i16,
    pub measured: f64,
}

impl GapRow {
    pub fn gap(&self) -> f64 {
        gap(Level::clamped(self.required_level.into()), self.measured)
    }

    /// Whether the reader's filters keep it.
    pub fn kept(&self, q: &NeedsQuery) -> bool {
        q.level.is_none_or(|l| l == self.job_level) && q.group.is_none_or(|g| g == self.grp)
    }
}

#[derive(FromQueryResult)]
struct Short {
    employee_id: i32,
    competency_id: i32,
    required_level: i16,
    measured: f64,
}

/// The shortfalls of the people the campaign recorded in `units`, by person.
pub async fn gap_rows(
    db: &impl ConnectionTrait,
    campaign: i32,
    units: &[i32],
) -> Result<Vec<GapRow>, AppError> {
    // The units' people first, through the ratees' (campaign, unit) index; then their
    // results by (campaign, employee). Joined in one statement, SQLite began from the
    // campaign's millions of results: 0.8 s for 50 units at 250 000 employees.
    let ratees: Vec<(i32, i32, i32)> = campaign_ratee::Entity::find()
        .select_only()
        .columns([
            campaign_ratee::Column::EmployeeId,
            campaign_ratee::Column::UnitId,
            campaign_ratee::Column::PositionId,
        ])
        .filter(campaign_ratee::Column::CampaignId.eq(campaign))
        // No ORDER BY: sorting by employee made SQLite walk the campaign's 250 000
        // ratees in employee order instead of the units' few (the rows are sorted
        // below).
        .filter(campaign_ratee::Column::UnitId.is_in(units.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    let mut shorts = Vec::new();
    for part in ratees.chunks(500) {
        let ids: Vec<i32> = part.iter().map(|r| r.0).collect();
        // SQL: only results below their level, for the given people.
        let stmt = raw_sql!(
            Postgres,
            "SELECT employee_id, competency_id, required_level, measured FROM results
             WHERE campaign_id = {campaign} AND employee_id IN ({..ids})
               AND measured < required_level"
        );
        shorts.extend(sql::all::<Short>(db, stmt).await?);
    }
    named(db, &ratees, shorts).await
}

/// The shortfalls with each person's name, position and unit, by person.
async fn named(
    db: &impl ConnectionTrait,
    ratees: &[(i32, i32, i32)],
    shorts: Vec<Short>,
) -> Result<Vec<GapRow>, AppError> {
    let people = by_ids::<employee::Model>(db, ratees.iter().map(|r| r.0)).await?;
    let positions = by_ids::<position::Model>(db, ratees.iter().map(|r| r.2)).await?;
    let comps = by_ids::<competency::Model>(db, shorts.iter().map(|s| s.competency_id)).await?;
    let placed: HashMap<i32, (i32, i32)> = ratees.iter().map(|r| (r.0, (r.1, r.2))).collect();
    let mut out: Vec<GapRow> = shorts
        .into_iter()
        .filter_map(|s| {
            let (unit_id, pos) = placed.get(&s.employee_id)?;
            let (e, p) = (people.get(&s.employee_id)?, positions.get(pos)?);
            let c = comps.get(&s.competency_id)?;
            Some(GapRow {
                employee_id: s.employee_id,
                unit_id: *unit_id,
                nip: e.nip.clone(),
                name: e.name.clone(),
                position: p.name.clone(),
                job_level: p.job_level,
                code: c.code.clone(),
                competency: c.name.clone(),
                grp: c.grp,
                required_level: s.required_level,
                measured: s.measured,
            })
        })
        .collect();
    out.sort_by(|a, b| (a.employee_id, &a.code).cmp(&(b.employee_id, &b.code)));
    Ok(out)
}

/// The unit's own staff with a shortfall (largest first, at most `SHOWN`), and how
/// many more there are.
pub async fn of_unit(
    db: &impl ConnectionTrait,
    campaign: i32,
    unit: i32,
    q: &NeedsQuery,
) -> Result<(Vec<PersonNeeds>, usize), AppError> {
    let mut out: Vec<PersonNeeds> = Vec::new();
    for r in gap_rows(db, campaign, &[unit]).await? {
        if !r.kept(q) {
            continue;
        }
        if out.last().is_none_or(|p| p.employee_id != r.employee_id) {
            out.push(PersonNeeds {
                employee_id: r.employee_id,
                nip: r.nip.clone(),
                name: r.name.clone(),
                position: r.position.clone(),
                shortfall: 0.0,
                gaps: vec![],
            });
        }
        let g = r.gap();
        let Some(p) = out.last_mut() else { continue };
        p.shortfall += g;
        p.gaps.push(PersonGap {
            code: r.code,
            required: r.required_level,
            measured: r.measured,
            priority: priority(g),
        });
    }
    out.sort_by(|a, b| {
        b.shortfall
            .total_cmp(&a.shortfall)
            .then_with(|| a.name.cmp(&b.name))
    });
    let more = out.len().saturating_sub(SHOWN);
    out.truncate(SHOWN);
    Ok((out, more))
}
