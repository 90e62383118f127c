//! How far a campaign has come: its units, forms sent per unit, and who still owes
//! forms (HR reminds them).

use crate::assessment::model::*;
use crate::error::AppError;
use crate::server::entities::{by_ids, campaign_unit, unit};
use crate::server::{sql, Db};
use sea_orm::{raw_sql, ColumnTrait, EntityTrait, QueryFilter, QuerySelect};

pub async fn unit_names(db: &Db, id: i32) -> Result<Vec<String>, AppError> {
    let ids: Vec<i32> = campaign_unit::Entity::find()
        .select_only()
        .column(campaign_unit::Column::UnitId)
        .filter(campaign_unit::Column::CampaignId.eq(id))
        .into_tuple()
        .all(db)
        .await?;
    let mut names: Vec<String> = by_ids::<unit::Model>(db, ids)
        .await?
        .into_values()
        .map(|u| u.name)
        .collect();
    names.sort();
    Ok(names)
}

/// How many units the completion table shows: a campaign over a whole agency covers
/// thousands, and HR chases the ones furthest behind.
pub const UNITS_SHOWN: i64 = 25;
/// How many of those who owe forms are listed by name (the reminder reaches all).
pub const MISSING_SHOWN: i64 = 50;

/// Forms and sent forms per unit of the ratees, the units furthest behind first
/// (`UNITS_SHOWN` of them).
pub async fn completion(db: &Db, id: i32) -> Result<Vec<UnitCompletion>, AppError> {
    let (sent, shown) = (RaterStatus::Submitted, UNITS_SHOWN);
    // SQL: an aggregate over every form of the campaign, per unit.
    let stmt = raw_sql!(
        Postgres,
        "SELECT u.name AS unit, COUNT(*) AS forms,
           COALESCE(SUM(CASE WHEN r.status = {sent} THEN 1 ELSE 0 END), 0) AS submitted
         FROM campaign_raters r
         JOIN campaign_ratees t ON t.campaign_id = r.campaign_id AND t.employee_id = r.ratee_id
         JOIN units u ON u.id = t.unit_id
         WHERE r.campaign_id = {id} GROUP BY u.id, u.name
         ORDER BY 1.0 * SUM(CASE WHEN r.status = {sent} THEN 1 ELSE 0 END) / COUNT(*), u.name
         LIMIT {shown}"
    );
    Ok(sql::all(db, stmt).await?)
}

/// Raters who still owe forms, by unit (HR reminds them); `MISSING_SHOWN` of them.
pub async fn missing(db: &Db, id: i32) -> Result<Vec<Missing>, AppError> {
    let (sent, shown) = (RaterStatus::Submitted, MISSING_SHOWN);
    // SQL: a list page, grouped by rater with their current unit.
    let stmt = raw_sql!(
        Postgres,
        "SELECT e.name, e.nip, COALESCE(u.name, '–') AS unit, COUNT(*) AS open_forms
         FROM campaign_raters r
         JOIN employees e ON e.id = r.rater_id
         LEFT JOIN assignments a ON a.employee_id = e.id AND a.end_date IS NULL
         LEFT JOIN units u ON u.id = a.unit_id
         WHERE r.campaign_id = {id} AND r.status <> {sent}
         GROUP BY e.id, e.name, e.nip, u.name ORDER BY u.name, e.name LIMIT {shown}"
    );
    Ok(sql::all(db, stmt).await?)
}

#[derive(sea_orm::FromQueryResult)]
struct Totals {
    units: i64,
    missing: i64,
}

/// How many units the campaign's ratees are in, and how many raters owe forms.
pub async fn totals(db: &Db, id: i32) -> Result<(i64, i64), AppError> {
    let sent = RaterStatus::Submitted;
    // SQL: two counts in one round trip.
    let stmt = raw_sql!(
        Postgres,
        "SELECT (SELECT COUNT(DISTINCT unit_id) FROM campaign_ratees WHERE campaign_id = {id}) AS units,
           (SELECT COUNT(DISTINCT rater_id) FROM campaign_raters
            WHERE campaign_id = {id} AND status <> {sent}) AS missing"
    );
    let t = sql::all::<Totals>(db, stmt).await?.pop();
    Ok(t.map_or((0, 0), |t| (t.units, t.missing)))
}
