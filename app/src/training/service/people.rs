//! The people behind a unit's needs: each person of the unit's own staff (as the
//! campaign recorded them) with the competencies they fall short in. Read only for
//! readers whose scope holds the unit (`scope::unit_in`), by the page and the export.

use crate::competency::model::CompetencyGroup;
use crate::competency::rules::{gap, Level};
use crate::error::AppError;
use crate::people::job_level::JobLevel;
use crate::server::sql;
use crate::training::model::{NeedsQuery, PersonGap, PersonNeeds};
use crate::training::rules::priority;
use sea_orm::{raw_sql, ConnectionTrait, FromQueryResult};

/// At most this many people are listed on the page; the export holds them all.
const SHOWN: usize = 200;

/// One shortfall of one person.
#[derive(Clone, Debug, FromQueryResult)]
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

/// The shortfalls of the people the campaign recorded in `units`, by person.
pub async fn gap_rows(
    db: &impl ConnectionTrait,
    campaign: i32,
    units: &[i32],
) -> Result<Vec<GapRow>, AppError> {
    // SQL: a join of five tables for a few units, through the ratees' (campaign, unit)
    // index; only results below their level.
    let stmt = raw_sql!(
        Postgres,
        "SELECT t.employee_id, t.unit_id, e.nip, e.name, p.name AS position, p.job_level,
           c.code, c.name AS competency, c.grp, r.required_level, r.measured
         FROM campaign_ratees t
         JOIN results r ON r.campaign_id = t.campaign_id AND r.employee_id = t.employee_id
         JOIN employees e ON e.id = t.employee_id
         JOIN positions p ON p.id = t.position_id
         JOIN competencies c ON c.id = r.competency_id
         WHERE t.campaign_id = {campaign} AND t.unit_id IN ({..units})
           AND r.measured < r.required_level
         ORDER BY t.employee_id, c.code"
    );
    Ok(sql::all::<GapRow>(db, stmt).await?)
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
