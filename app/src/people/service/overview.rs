//! The HR overview: headcount per top unit (with everyone below it) and per job
//! level, as numbers and as server-drawn charts.

use crate::auth::model::Actor;
use crate::error::AppError;
use crate::i18n::{Lang, K};
use crate::org::rules::ancestors;
use crate::org::service::{all_units, hr_agency, nodes};
use crate::people::job_level::JobLevel;
use crate::people::model::{CountRow, HrOverview};
use crate::server::entities::agency;
use crate::server::{sql, Db};
use sea_orm::EntityTrait;
use std::collections::HashMap;

pub async fn overview(db: &Db, actor: &Actor, lang: Lang) -> Result<HrOverview, AppError> {
    let agency_id = hr_agency(actor)?;
    let agency = agency::Entity::find_by_id(agency_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let per_unit = sql::all(
        db,
        "SELECT a.unit_id, p.job_level, COUNT(*) AS n FROM assignments a \
         JOIN employees e ON e.id = a.employee_id JOIN positions p ON p.id = a.position_id \
         WHERE a.agency_id = $1 AND a.end_date IS NULL AND e.active = TRUE \
         GROUP BY a.unit_id, p.job_level",
        vec![agency_id.into()],
    )
    .await?;
    let units = all_units(db, agency_id).await?;
    let tree = nodes(&units);
    let top_of: HashMap<i32, i32> = units
        .iter()
        .map(|u| (u.id, *ancestors(&tree, u.id).last().unwrap_or(&u.id)))
        .collect();
    let name_of: HashMap<i32, &str> = units.iter().map(|u| (u.id, u.name.as_str())).collect();
    let mut by_top: HashMap<i32, i64> = HashMap::new();
    let mut by_level: HashMap<String, i64> = HashMap::new();
    let mut total = 0;
    for r in &per_unit {
        let unit: i32 = sql::get(r, "unit_id")?;
        let level: String = sql::get(r, "job_level")?;
        let n: i64 = sql::get(r, "n")?;
        *by_top
            .entry(*top_of.get(&unit).unwrap_or(&unit))
            .or_default() += n;
        *by_level.entry(level).or_default() += n;
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
    let levels: Vec<CountRow> = JobLevel::ALL
        .iter()
        .filter_map(|l| {
            by_level.get(l.code()).map(|n| CountRow {
                label: l.code().to_string(),
                count: *n,
            })
        })
        .collect();
    let positions = sql::one(
        db,
        "SELECT COUNT(*) AS n FROM positions WHERE agency_id = $1 AND active = TRUE",
        vec![agency_id.into()],
    )
    .await?
    .map(|r| sql::get::<i64>(&r, "n"))
    .transpose()?
    .unwrap_or(0);
    let series = lang.text(K::HrEmployees);
    let unit_rows: Vec<(String, i64)> =
        by_unit.iter().map(|r| (r.label.clone(), r.count)).collect();
    let level_rows: Vec<(String, i64)> = levels
        .iter()
        .map(|r| {
            (
                JobLevel::parse(&r.label)
                    .map(|l| lang.text(l.label()).to_string())
                    .unwrap_or_default(),
                r.count,
            )
        })
        .collect();
    Ok(HrOverview {
        agency_name: agency.name,
        employees: total,
        units: units.iter().filter(|u| u.active).count() as i64,
        positions,
        by_unit_svg: crate::ui::chart::hbar(
            lang.text(K::HrChartByUnit),
            series,
            &unit_rows,
            "#0f766e",
        ),
        by_level_svg: crate::ui::chart::hbar(
            lang.text(K::HrChartByLevel),
            series,
            &level_rows,
            "#b45309",
        ),
        by_unit,
        by_level: levels,
    })
}
