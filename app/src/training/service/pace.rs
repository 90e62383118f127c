//! Units' pace towards the 20 JP right: per unit (with everything below it) the
//! people and those on pace today (`rules::on_pace`), and the opened unit's own
//! staff who are behind. Same readers as the needs pages (`scope`).

use super::scope::{scope, unit_in, Scope};
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::org::service::all_units;
use crate::server::entities::{assignment, by_ids, employee, enrolment, unit};
use crate::server::Db;
use crate::training::model::{Behind, EnrolStatus, Pace, PaceRow};
use crate::training::rules;
use chrono::{Datelike, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

/// JP this year per employee of the agency who has any.
async fn jp_by_employee(
    db: &impl ConnectionTrait,
    agency: i32,
    today: NaiveDate,
) -> Result<HashMap<i32, i32>, AppError> {
    let jan = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let rows: Vec<(i32, i64)> = enrolment::Entity::find()
        .select_only()
        .column(enrolment::Column::EmployeeId)
        .column_as(enrolment::Column::Jp.sum(), "jp")
        .filter(enrolment::Column::AgencyId.eq(agency))
        .filter(enrolment::Column::Status.eq(EnrolStatus::Passed))
        .filter(enrolment::Column::CompletedOn.gte(jan))
        .filter(enrolment::Column::CompletedOn.lte(today))
        .group_by(enrolment::Column::EmployeeId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(e, jp)| (e, jp as i32)).collect())
}

/// The units shown as rows: those below the opened unit, or the top of the scope.
fn row_units(units: &[unit::Model], s: &Scope, opened: Option<i32>) -> Vec<i32> {
    match opened {
        Some(o) => units
            .iter()
            .filter(|u| u.parent_id == Some(o))
            .map(|u| u.id)
            .collect(),
        None if s.is_agency() => units
            .iter()
            .filter(|u| u.parent_id.is_none())
            .map(|u| u.id)
            .collect(),
        None => s.roots.clone(),
    }
}

/// The pace page of the reader's scope, or of unit `opened` inside it.
pub async fn pace(
    db: &Db,
    actor: &Actor,
    opened: Option<i32>,
    today: NaiveDate,
) -> Result<Pace, AppError> {
    let s = scope(actor)?;
    let mut trail = vec![(None, String::new())];
    if let Some(o) = opened {
        let (_, way) = unit_in(db, &s, o).await?;
        trail.extend(way.into_iter().map(|(id, name)| (Some(id), name)));
    }
    let units = all_units(db, s.agency).await?;
    let parent: HashMap<i32, Option<i32>> = units.iter().map(|u| (u.id, u.parent_id)).collect();
    let rows = row_units(&units, &s, opened);
    let jp = jp_by_employee(db, s.agency, today).await?;
    let (counts, behind) = count(db, s.agency, (&rows, &parent), (opened, &jp), today).await?;
    let has = |e: &i32| jp.get(e).copied().unwrap_or(0);
    let people = by_ids::<employee::Model>(db, behind.iter().copied()).await?;
    let name = |id: i32| {
        units
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
            .unwrap_or_default()
    };
    let mut out_rows: Vec<PaceRow> = rows
        .iter()
        .map(|&id| {
            let (people, on_pace) = counts.get(&id).copied().unwrap_or_default();
            PaceRow {
                unit_id: id,
                name: name(id),
                people,
                on_pace,
                has_below: units.iter().any(|u| u.parent_id == Some(id)),
            }
        })
        .filter(|r| r.people > 0)
        .collect();
    out_rows.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Pace {
        year: today.year(),
        pace: rules::pace(today),
        trail,
        rows: out_rows,
        behind: behind
            .into_iter()
            .filter_map(|e| {
                let p = people.get(&e)?;
                Some(Behind {
                    employee_id: e,
                    nip: p.nip.clone(),
                    name: p.name.clone(),
                    jp: has(&e),
                })
            })
            .collect(),
    })
}

/// Per row unit (people, on pace), and the opened unit's own staff behind the pace
/// (fewest JP first, at most 200).
async fn count(
    db: &impl ConnectionTrait,
    agency: i32,
    (rows, parent): (&[i32], &HashMap<i32, Option<i32>>),
    (opened, jp): (Option<i32>, &HashMap<i32, i32>),
    today: NaiveDate,
) -> Result<(HashMap<i32, (i64, i64)>, Vec<i32>), AppError> {
    // Each unit's row: the first row unit met walking up from it.
    let row_of = |mut u: i32| -> Option<i32> {
        loop {
            if rows.contains(&u) {
                return Some(u);
            }
            u = (*parent.get(&u)?)?;
        }
    };
    let staff: Vec<(i32, i32)> = assignment::Entity::current()
        .select_only()
        .columns([assignment::Column::EmployeeId, assignment::Column::UnitId])
        .filter(assignment::Column::AgencyId.eq(agency))
        .into_tuple()
        .all(db)
        .await?;
    let has = |e: &i32| jp.get(e).copied().unwrap_or(0);
    let mut counts: HashMap<i32, (i64, i64)> = HashMap::new();
    let mut behind = vec![];
    let mut row_cache: HashMap<i32, Option<i32>> = HashMap::new();
    for (e, u) in &staff {
        let ok = rules::on_pace(has(e), today);
        if Some(*u) == opened && !ok {
            behind.push(*e);
        }
        let r = *row_cache.entry(*u).or_insert_with(|| row_of(*u));
        if let Some(r) = r {
            let c = counts.entry(r).or_default();
            c.0 += 1;
            c.1 += i64::from(ok);
        }
    }
    behind.sort_by_key(|e| (has(e), *e));
    behind.truncate(200);
    Ok((counts, behind))
}
