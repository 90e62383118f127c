//! Reading the fair-assessor figures: every supervisor's sums of the campaign (for
//! the agency's comparison), then only the rows the reader may see: HR all, a unit
//! leader the supervisors working in their units (and their own), anyone else their
//! own. Checked here on every call; the page only shows what comes back.

use crate::auth::model::Actor;
use crate::calibration::model::{Calibration, RaterRow, Reach};
use crate::calibration::rules::{flagged, z_scores, Sums, MIN_RATEES};
use crate::error::AppError;
use crate::org::service::units_under;
use crate::server::entities::rater_calibration;
use crate::server::{sql, Db};
use crate::training::service::scope::{chosen, closed_campaigns};
use sea_orm::{raw_sql, ColumnTrait, EntityTrait, FromQueryResult, QueryFilter};
use std::collections::HashMap;

#[derive(FromQueryResult)]
struct Person {
    id: i32,
    name: String,
    position: String,
    unit_id: Option<i32>,
}

pub async fn calibration(
    db: &Db,
    actor: &Actor,
    campaign: Option<i32>,
) -> Result<Calibration, AppError> {
    let (agency, reach) = reach(actor)?;
    let campaigns = closed_campaigns(db, agency).await?;
    let mut out = Calibration {
        campaign: chosen(&campaigns, campaign)?,
        campaigns,
        reach,
        ..Default::default()
    };
    let Some((cid, _)) = out.campaign.clone() else {
        return Ok(out);
    };
    let all = rater_calibration::Entity::find()
        .filter(rater_calibration::Column::CampaignId.eq(cid))
        .all(db)
        .await?;
    let sums: Vec<_> = all.iter().map(|r| r.sums()).collect();
    let z = z_scores(&sums);
    (out.compared, out.agency_leniency) = compared(&sums);
    let ids: Vec<i32> = all.iter().map(|r| r.supervisor_id).collect();
    let people = people(db, &ids).await?;
    let units = match reach {
        Reach::Units => units_under(db, agency, &actor.led_units(agency)).await?,
        _ => vec![],
    };
    let may_see = |id: i32, unit: Option<i32>| match reach {
        Reach::Agency => true,
        Reach::Units => actor.employee_id == Some(id) || unit.is_some_and(|u| units.contains(&u)),
        Reach::Own => actor.employee_id == Some(id),
    };
    for ((row, s), z) in all.iter().zip(&sums).zip(z) {
        let p = people.get(&row.supervisor_id);
        if !may_see(row.supervisor_id, p.and_then(|p| p.unit_id)) {
            continue;
        }
        out.rows.push(RaterRow {
            supervisor_id: row.supervisor_id,
            name: p.map(|p| p.name.clone()).unwrap_or_default(),
            position: p.map(|p| p.position.clone()).unwrap_or_default(),
            ratees: s.ratees,
            leniency: s.leniency(),
            spread: s.spread(),
            halo: s.halo(),
            self_gap: s.self_gap(),
            z,
            flagged: flagged(z),
            is_me: actor.employee_id == Some(row.supervisor_id),
        });
    }
    out.rows.sort_by(order);
    Ok(out)
}

/// Flagged first, then the furthest from the agency's mean, then the furthest from
/// the other sources, then by name.
fn order(a: &RaterRow, b: &RaterRow) -> std::cmp::Ordering {
    let far = |r: &RaterRow| r.z.unwrap_or(0.0).abs();
    let off = |r: &RaterRow| r.leniency.unwrap_or(0.0).abs();
    b.flagged
        .cmp(&a.flagged)
        .then(far(b).total_cmp(&far(a)))
        .then(off(b).total_cmp(&off(a)))
        .then_with(|| a.name.cmp(&b.name))
}

/// Who the reader may see: HR the agency, a unit leader their units, anyone else
/// themself.
fn reach(actor: &Actor) -> Result<(i32, Reach), AppError> {
    Ok(match (actor.hr_agency(), actor.agency_id) {
        (Some(a), _) => (a, Reach::Agency),
        (None, Some(a)) if !actor.led_units(a).is_empty() => (a, Reach::Units),
        (None, Some(a)) => (a, Reach::Own),
        (None, None) => return Err(AppError::Forbidden),
    })
}

/// How many supervisors the agency's comparison counts, and their mean leniency.
fn compared(sums: &[Sums]) -> (usize, Option<f64>) {
    let counted: Vec<f64> = sums
        .iter()
        .filter(|s| s.ratees >= MIN_RATEES)
        .filter_map(|s| s.leniency())
        .collect();
    let mean = (!counted.is_empty()).then(|| counted.iter().sum::<f64>() / counted.len() as f64);
    (counted.len(), mean)
}

/// The supervisors' names, current positions and units.
async fn people(db: &Db, ids: &[i32]) -> Result<HashMap<i32, Person>, AppError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    // SQL: names with the current position and unit, one statement for the page.
    let stmt = raw_sql!(
        Postgres,
        "SELECT e.id, e.name, COALESCE(p.name, '') AS position, a.unit_id
         FROM employees e LEFT JOIN assignments a ON a.employee_id = e.id AND a.end_date IS NULL
         LEFT JOIN positions p ON p.id = a.position_id WHERE e.id IN ({..ids})"
    );
    let rows: Vec<Person> = sql::all(db, stmt).await?;
    Ok(rows.into_iter().map(|p| (p.id, p)).collect())
}
