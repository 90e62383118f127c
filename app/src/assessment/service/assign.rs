//! Who is assessed in a new campaign and by whom: every active employee of the
//! units in scope whose position has a ratified standard (its version is recorded),
//! rated by themself, their current supervisor, their subordinates in scope and
//! up to `max_peers` peers of the same unit and job level.

use crate::assessment::raters::{default_peers, Colleague};
use crate::assessment::rules::{Source, Weights};
use crate::competency::model::StandardStatus;
use crate::error::AppError;
use crate::people::job_level::JobLevel;
use crate::people::service::supervisors::supervisors_of;
use crate::server::entities::{assignment, by_ids, employee, position, standard};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

#[derive(Debug)]
pub struct Ratee {
    pub employee_id: i32,
    pub unit_id: i32,
    pub position_id: i32,
    pub job_level: JobLevel,
    pub standard_id: Option<i32>,
    pub supervisor: Option<i32>,
}

/// The active employees of the agency currently in the given units, with their job
/// level and the standard in force for their position (if any), by employee id.
pub async fn ratees(
    db: &impl ConnectionTrait,
    agency: i32,
    units: &[i32],
) -> Result<Vec<Ratee>, AppError> {
    let mut placed: Vec<assignment::Model> = Vec::new();
    for chunk in units.chunks(500) {
        let found = assignment::Entity::current()
            .filter(assignment::Column::AgencyId.eq(agency))
            .filter(assignment::Column::UnitId.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        placed.extend(found);
    }
    let mut active: HashMap<i32, employee::Model> =
        by_ids(db, placed.iter().map(|a| a.employee_id)).await?;
    active.retain(|_, e| e.active);
    let levels: HashMap<i32, JobLevel> = position::Entity::find()
        .filter(position::Column::AgencyId.eq(agency))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p.job_level))
        .collect();
    let in_force: HashMap<i32, i32> = standard::Entity::find()
        .filter(standard::Column::AgencyId.eq(agency))
        .filter(standard::Column::Status.eq(StandardStatus::Ratified))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.position_id, s.id))
        .collect();
    placed.sort_by_key(|a| a.employee_id);
    let places: Vec<(i32, i32)> = placed.iter().map(|a| (a.employee_id, a.unit_id)).collect();
    let supervisors = supervisors_of(db, agency, &places).await?;
    let mut out = Vec::new();
    for a in placed {
        let (Some(e), Some(level)) = (active.get(&a.employee_id), levels.get(&a.position_id))
        else {
            continue;
        };
        out.push(Ratee {
            employee_id: a.employee_id,
            unit_id: a.unit_id,
            position_id: a.position_id,
            job_level: *level,
            standard_id: in_force.get(&a.position_id).copied(),
            supervisor: supervisors.get(&e.id).copied().flatten(),
        });
    }
    Ok(out)
}

/// The rater rows (ratee, rater, source) of the assessed ratees, for the sources
/// that carry weight, all at once.
pub fn raters(assessed: &[&Ratee], weights: &Weights, max_peers: usize) -> Vec<(i32, i32, Source)> {
    raters_of(
        assessed,
        &Pool::of(assessed.iter().copied()),
        weights,
        max_peers,
    )
}

/// The assessed people rater assignment draws on: who works in each unit, and who
/// reports to whom. For a block of ratees it must hold at least every ratee of the
/// block's units and everyone whose supervisor is in the block.
pub struct Pool {
    by_unit: HashMap<i32, Vec<Colleague>>,
    staff: HashMap<i32, Vec<i32>>,
}

impl Pool {
    pub fn of<'a>(people: impl IntoIterator<Item = &'a Ratee>) -> Pool {
        let mut pool = Pool {
            by_unit: HashMap::new(),
            staff: HashMap::new(),
        };
        for r in people {
            pool.by_unit
                .entry(r.unit_id)
                .or_default()
                .push(colleague(r));
            if let Some(s) = r.supervisor.filter(|s| *s != r.employee_id) {
                pool.staff.entry(s).or_default().push(r.employee_id);
            }
        }
        pool
    }
}

fn colleague(r: &Ratee) -> Colleague {
    Colleague {
        employee_id: r.employee_id,
        unit_id: r.unit_id,
        job_level: r.job_level,
    }
}

/// The rater rows of some ratees (a block of a large campaign), drawn from `pool`.
pub fn raters_of(
    block: &[&Ratee],
    pool: &Pool,
    weights: &Weights,
    max_peers: usize,
) -> Vec<(i32, i32, Source)> {
    let mut out = Vec::new();
    for r in block {
        let me = colleague(r);
        if weights.self_rating > 0 {
            out.push((r.employee_id, r.employee_id, Source::SelfRating));
        }
        if let Some(s) = r.supervisor.filter(|_| weights.supervisor > 0) {
            out.push((r.employee_id, s, Source::Supervisor));
        }
        if weights.peer > 0 {
            let unit = pool
                .by_unit
                .get(&r.unit_id)
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            for p in default_peers(&me, unit, max_peers) {
                if Some(p) != r.supervisor {
                    out.push((r.employee_id, p, Source::Peer));
                }
            }
        }
        if weights.subordinate > 0 {
            for sub in pool.staff.get(&r.employee_id).into_iter().flatten() {
                out.push((r.employee_id, *sub, Source::Subordinate));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(id: i32, unit: i32, level: &str, sup: Option<i32>) -> Ratee {
        Ratee {
            employee_id: id,
            unit_id: unit,
            position_id: 1,
            job_level: JobLevel::from_code(level).unwrap(),
            standard_id: Some(1),
            supervisor: sup,
        }
    }

    #[test]
    fn everyone_rates_themself_their_supervisor_rates_them_and_staff_rate_their_head() {
        let all = [
            r(1, 1, "administrator", None),
            r(2, 1, "pelaksana", Some(1)),
            r(3, 1, "pelaksana", Some(1)),
        ];
        let refs: Vec<&Ratee> = all.iter().collect();
        let out = raters(&refs, &Weights::default(), 5);
        assert!(out.contains(&(1, 1, Source::SelfRating)));
        assert!(out.contains(&(2, 1, Source::Supervisor)));
        assert!(out.contains(&(1, 2, Source::Subordinate)));
        assert!(out.contains(&(2, 3, Source::Peer)));
        assert!(!out
            .iter()
            .any(|(ratee, rater, s)| *s == Source::Peer && ratee == rater));
        // The head has no peer of the same level in the unit.
        assert!(!out
            .iter()
            .any(|(ratee, _, s)| *ratee == 1 && *s == Source::Peer));
    }

    #[test]
    fn a_source_without_weight_gets_no_raters() {
        let all = [r(1, 1, "pelaksana", None), r(2, 1, "pelaksana", None)];
        let refs: Vec<&Ratee> = all.iter().collect();
        let w = Weights {
            self_rating: 0,
            supervisor: 60,
            peer: 40,
            subordinate: 0,
        };
        let out = raters(&refs, &w, 5);
        assert!(out.iter().all(|(_, _, s)| *s == Source::Peer));
    }
}
