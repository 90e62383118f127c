//! The HR overview: headcount per top unit (with everyone below it) and per job
//! level (its charts are drawn by `ui::chart`).

use crate::auth::model::Actor;
use crate::error::AppError;
use crate::org::rules::ancestors;
use crate::org::service::{all_units, hr_agency, nodes};
use crate::people::job_level::JobLevel;
use crate::people::model::{CountRow, HrOverview};
use crate::server::entities::{agency, assignment, employee, position};
use crate::server::Db;
use sea_orm::sea_query::Query;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

/// Current staff per (unit, position), active employees only.
async fn headcount(db: &Db, agency: i32) -> Result<Vec<(i32, i32, i64)>, AppError> {
    let active = Query::select()
        .column(employee::Column::Id)
        .from(employee::Entity)
        .and_where(employee::Column::Active.eq(true))
        .to_owned();
    Ok(assignment::Entity::current()
        .select_only()
        .columns([assignment::Column::UnitId, assignment::Column::PositionId])
        .column_as(assignment::Column::Id.count(), "n")
        .filter(assignment::Column::AgencyId.eq(agency))
        .filter(assignment::Column::EmployeeId.in_subquery(active))
        .group_by(assignment::Column::UnitId)
        .group_by(assignment::Column::PositionId)
        .into_tuple()
        .all(db)
        .await?)
}

/// Headcount of the HR administrator's agency, per top unit and per job level.
pub async fn overview(db: &Db, actor: &Actor) -> Result<HrOverview, AppError> {
    let agency_id = hr_agency(actor)?;
    let agency = agency::Entity::find_by_id(agency_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let positions = position::Entity::find()
        .filter(position::Column::AgencyId.eq(agency_id))
        .all(db)
        .await?;
    let level_of: HashMap<i32, JobLevel> = positions.iter().map(|p| (p.id, p.job_level)).collect();
    let units = all_units(db, agency_id).await?;
    let tree = nodes(&units);
    let top_of: HashMap<i32, i32> = units
        .iter()
        .map(|u| (u.id, *ancestors(&tree, u.id).last().unwrap_or(&u.id)))
        .collect();
    let name_of: HashMap<i32, &str> = units.iter().map(|u| (u.id, u.name.as_str())).collect();
    let mut by_top: HashMap<i32, i64> = HashMap::new();
    let mut by_level: HashMap<JobLevel, i64> = HashMap::new();
    let mut total = 0;
    for (unit, position, n) in headcount(db, agency_id).await? {
        *by_top
            .entry(*top_of.get(&unit).unwrap_or(&unit))
            .or_default() += n;
        if let Some(level) = level_of.get(&position) {
            *by_level.entry(*level).or_default() += n;
        }
        total += n;
    }
    let mut by_unit: Vec<CountRow> = by_top
        .into_iter()
        .map(|(u, count)| CountRow {
            label: name_of.get(&u).unwrap_or(&"?").to_string(),
            count,
        })
        .collect();
    by_unit.sort_by(|a, b| b.count.cmp(&a.count).then(a.label.cmp(&b.label)));
    let by_level = JobLevel::ALL
        .iter()
        .filter_map(|l| Some((*l, *by_level.get(l)?)))
        .collect();
    Ok(HrOverview {
        agency_name: agency.name,
        employees: total,
        units: units.iter().filter(|u| u.active).count() as i64,
        positions: positions.iter().filter(|p| p.active).count() as i64,
        by_unit,
        by_level,
    })
}
