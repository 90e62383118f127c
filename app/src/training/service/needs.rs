//! The training-needs page: for the opened unit (or the reader's whole scope), each
//! unit below it with everything under it, and the unit's own staff, per competency,
//! read from the figures closing stored (`unit_needs`), never from results.

use super::people;
use super::scope::{chosen, closed_campaigns, scope, unit_in};
use crate::auth::model::Actor;
use crate::competency::model::CompetencyGroup;
use crate::error::AppError;
use crate::org::service::children_of;
use crate::people::job_level::JobLevel;
use crate::server::entities::{by_ids, competency, unit, unit_need};
use crate::server::Db;
use crate::training::model::{Needs, NeedsColumn, NeedsQuery, NeedsRow};
use crate::training::rules::{rank_by_shortfall, Need};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect,
};
use std::collections::{BTreeMap, HashMap, HashSet};

/// What the page shows as rows: units (each with everything below it) and, when a
/// unit is opened, that unit's own staff.
struct Rows {
    units: Vec<i32>,
    own: Option<i32>,
}

pub async fn needs(db: &Db, actor: &Actor, q: NeedsQuery) -> Result<Needs, AppError> {
    let s = scope(actor)?;
    let campaigns = closed_campaigns(db, s.agency).await?;
    let campaign = chosen(&campaigns, q.campaign)?;
    // A leader of one unit opens on it: its units below, its own staff, its people.
    let opened = q.unit.or(match s.roots.as_slice() {
        [one] => Some(*one),
        _ => None,
    });
    let (unit, path) = match opened {
        Some(id) => {
            let (u, path) = unit_in(db, &s, id).await?;
            (Some(u), path)
        }
        None => (None, vec![]),
    };
    let mut out = Needs {
        query: q.clone(),
        campaigns,
        campaign: campaign.clone(),
        // The first step of the trail: the reader's whole scope (named by the page).
        trail: vec![(None, String::new())],
        agency_wide: s.is_agency(),
        ..Default::default()
    };
    out.trail
        .extend(path.into_iter().map(|(id, n)| (Some(id), n)));
    let Some((cid, _)) = campaign else {
        return Ok(out);
    };
    let rows = match &unit {
        Some(u) => Rows {
            units: children_of(s.agency, u.id).into_tuple().all(db).await?,
            own: Some(u.id),
        },
        None if s.is_agency() => Rows {
            units: tops(db, s.agency).await?,
            own: None,
        },
        None => Rows {
            units: s.roots.clone(),
            own: None,
        },
    };
    let comps = group_competencies(db, q.group).await?;
    let sums = sums(db, cid, &rows, q.level, comps.as_deref()).await?;
    out.levels = levels(db, cid, &rows).await?;
    fill(db, &mut out, &rows, sums).await?;
    if let Some(u) = &unit {
        (out.people, out.people_more) = people::of_unit(db, cid, u.id, &q).await?;
    }
    Ok(out)
}

/// The agency's top units.
async fn tops(db: &impl ConnectionTrait, agency: i32) -> Result<Vec<i32>, AppError> {
    Ok(unit::Entity::find()
        .select_only()
        .column(unit::Column::Id)
        .filter(unit::Column::AgencyId.eq(agency))
        .filter(unit::Column::ParentId.is_null())
        .into_tuple()
        .all(db)
        .await?)
}

/// The competencies of a group (None: no filter).
pub async fn group_competencies(
    db: &impl ConnectionTrait,
    group: Option<CompetencyGroup>,
) -> Result<Option<Vec<i32>>, AppError> {
    let Some(g) = group else { return Ok(None) };
    let ids = competency::Entity::find()
        .select_only()
        .column(competency::Column::Id)
        .filter(competency::Column::Grp.eq(g))
        .into_tuple()
        .all(db)
        .await?;
    Ok(Some(ids))
}

#[derive(FromQueryResult)]
struct Sum {
    unit_id: i32,
    with_below: bool,
    competency_id: i32,
    people: i64,
    below: i64,
    shortfall: f64,
}

/// The rows' stored figures: the units' (each with everything below it), or (`own`)
/// the opened unit's own staff. Two queries, not one with OR: SQLite answered the
/// OR by reading the campaign's whole million rows.
fn which(campaign: i32, rows: &Rows, own: bool) -> sea_orm::Select<unit_need::Entity> {
    use unit_need::Column as C;
    let units = match (own, rows.own) {
        (true, u) => u.into_iter().collect(),
        (false, _) => rows.units.clone(),
    };
    unit_need::Entity::find()
        .filter(C::CampaignId.eq(campaign))
        .filter(C::WithBelow.eq(!own))
        .filter(C::UnitId.is_in(units))
}

/// Which of the two queries have rows to ask for (`own` or not).
fn parts(rows: &Rows) -> Vec<bool> {
    let mut out = vec![];
    if !rows.units.is_empty() {
        out.push(false);
    }
    if rows.own.is_some() {
        out.push(true);
    }
    out
}

async fn sums(
    db: &impl ConnectionTrait,
    campaign: i32,
    rows: &Rows,
    level: Option<JobLevel>,
    comps: Option<&[i32]>,
) -> Result<Vec<Sum>, AppError> {
    use unit_need::Column as C;
    let mut out = Vec::new();
    for own in parts(rows) {
        let mut q = which(campaign, rows, own)
            .select_only()
            .columns([C::UnitId, C::WithBelow, C::CompetencyId])
            .column_as(Expr::expr(Func::sum(Expr::col(C::People))), "people")
            .column_as(Expr::expr(Func::sum(Expr::col(C::Below))), "below")
            .column_as(Expr::expr(Func::sum(Expr::col(C::Shortfall))), "shortfall")
            .group_by(C::UnitId)
            .group_by(C::WithBelow)
            .group_by(C::CompetencyId);
        if let Some(l) = level {
            q = q.filter(C::JobLevel.eq(l));
        }
        if let Some(ids) = comps {
            q = q.filter(C::CompetencyId.is_in(ids.iter().copied()));
        }
        out.extend(q.into_model::<Sum>().all(db).await?);
    }
    Ok(out)
}

/// The job levels present in the rows (for the filter), in their usual order.
async fn levels(
    db: &impl ConnectionTrait,
    campaign: i32,
    rows: &Rows,
) -> Result<Vec<JobLevel>, AppError> {
    let mut found: Vec<JobLevel> = Vec::new();
    for own in parts(rows) {
        let some: Vec<JobLevel> = which(campaign, rows, own)
            .select_only()
            .column(unit_need::Column::JobLevel)
            .distinct()
            .into_tuple()
            .all(db)
            .await?;
        found.extend(some);
    }
    found.sort();
    found.dedup();
    Ok(found)
}

/// Turns the sums into the page's columns and rows, and the total.
async fn fill(
    db: &impl ConnectionTrait,
    out: &mut Needs,
    rows: &Rows,
    sums: Vec<Sum>,
) -> Result<(), AppError> {
    let mut cells: HashMap<(Option<i32>, i32), Need> = HashMap::new();
    let mut totals: BTreeMap<i32, Need> = BTreeMap::new();
    for r in &sums {
        let n = Need {
            people: r.people,
            below: r.below,
            shortfall: r.shortfall,
        };
        let key = if r.with_below { Some(r.unit_id) } else { None };
        cells.insert((key, r.competency_id), n);
        totals.entry(r.competency_id).or_default().add(n);
        out.total.add(n);
    }
    out.columns = columns(db, totals).await?;
    out.rows = lines(db, rows, &out.columns, &cells).await?;
    Ok(())
}

/// The competencies found, ranked by total shortfall.
async fn columns(
    db: &impl ConnectionTrait,
    totals: BTreeMap<i32, Need>,
) -> Result<Vec<NeedsColumn>, AppError> {
    let comps = by_ids::<competency::Model>(db, totals.keys().copied()).await?;
    let ranked = rank_by_shortfall(totals.into_iter().collect());
    Ok(ranked
        .into_iter()
        .filter_map(|(id, total)| {
            let c = comps.get(&id)?;
            Some(NeedsColumn {
                id,
                code: c.code.clone(),
                name: c.name.clone(),
                total,
            })
        })
        .collect())
}

/// The rows: units by name with a flag for those with units below, then the opened
/// unit's own staff; rows nobody was measured in are left out.
async fn lines(
    db: &impl ConnectionTrait,
    rows: &Rows,
    columns: &[NeedsColumn],
    cells: &HashMap<(Option<i32>, i32), Need>,
) -> Result<Vec<NeedsRow>, AppError> {
    let units = by_ids::<unit::Model>(db, rows.units.iter().copied()).await?;
    // The agency too, so the (agency, parent) index finds them.
    let agency = units.values().next().map_or(0, |u| u.agency_id);
    let parents: HashSet<i32> = unit::Entity::find()
        .select_only()
        .column(unit::Column::ParentId)
        .filter(unit::Column::AgencyId.eq(agency))
        .filter(unit::Column::ParentId.is_in(rows.units.clone()))
        .into_tuple::<Option<i32>>()
        .all(db)
        .await?
        .into_iter()
        .flatten()
        .collect();
    let mut keyed: Vec<(Option<i32>, String)> = units
        .values()
        .map(|u| (Some(u.id), u.name.clone()))
        .collect();
    keyed.sort_by(|a, b| a.1.cmp(&b.1));
    if rows.own.is_some() {
        // The opened unit's own staff: named by the page.
        keyed.push((None, String::new()));
    }
    Ok(keyed
        .into_iter()
        .map(|(key, name)| {
            let line: Vec<Need> = columns
                .iter()
                .map(|c| cells.get(&(key, c.id)).copied().unwrap_or_default())
                .collect();
            NeedsRow {
                unit: key,
                name,
                people: line.iter().map(|n| n.people).max().unwrap_or(0),
                cells: line,
                has_below: key.is_some_and(|k| parents.contains(&k)),
            }
        })
        .filter(|r| r.people > 0)
        .collect())
}
