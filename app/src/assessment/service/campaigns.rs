//! HR's side of a campaign: create it (ratees and raters are assigned at once, so
//! supervisors can review peers before the start), start it, follow completion per
//! unit and who has not answered, and extend the deadline.

use super::assign::{self, Ratee};
use super::{campaign, day};
use crate::assessment::input::{parse_campaign, parse_day};
use crate::assessment::model::*;
use crate::assessment::rules::CampaignStatus;
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::{AppError, FieldError, Msg};
use crate::i18n::K;
use crate::org::service::{hr_agency, units_under};
use crate::server::{db, sql, write_tx, Db};
use sea_orm::{ConnectionTrait, Value};
use serde_json::json;

pub async fn create(db: &Db, actor: &Actor, form: &CampaignForm) -> Result<i32, AppError> {
    let agency = hr_agency(actor)?;
    let v = parse_campaign(form)?;
    let tx = write_tx(db).await?;
    let units = units_under(&tx, agency, &form.unit_ids).await?;
    if units.is_empty() || form.unit_ids.iter().any(|u| !units.contains(u)) {
        return Err(AppError::field("unit_ids", K::ErrUnitUnknown));
    }
    let ratees = assign::ratees(&tx, agency, &units).await?;
    let assessed: Vec<&Ratee> = ratees.iter().filter(|r| r.standard_id.is_some()).collect();
    if assessed.is_empty() {
        return Err(AppError::Conflict(Msg::new(K::ErrCampaignNobody)));
    }
    let skipped = (ratees.len() - assessed.len()) as i32;
    let w = &v.weights;
    let r = sql::one(
        &tx,
        "INSERT INTO campaigns (agency_id, name, status, starts_on, ends_on, w_self, w_supervisor, w_peer, \
         w_subordinate, k, max_peers, skipped, created_at) \
         VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        vec![
            agency.into(),
            v.name.clone().into(),
            v.starts_on.into(),
            v.ends_on.into(),
            (w.self_rating as i16).into(),
            (w.supervisor as i16).into(),
            (w.peer as i16).into(),
            (w.subordinate as i16).into(),
            (v.k as i16).into(),
            (v.max_peers as i16).into(),
            skipped.into(),
            db::now().into(),
        ],
    )
    .await?
    .ok_or_else(|| AppError::from(sea_orm::DbErr::RecordNotInserted))?;
    let id: i32 = sql::get(&r, "id")?;
    let unit_rows = form
        .unit_ids
        .iter()
        .map(|u| vec![agency.into(), id.into(), (*u).into()])
        .collect();
    sql::insert_rows(
        &tx,
        "campaign_units",
        &["agency_id", "campaign_id", "unit_id"],
        unit_rows,
    )
    .await?;
    let ratee_rows: Vec<Vec<Value>> = assessed
        .iter()
        .map(|r| {
            vec![
                agency.into(),
                id.into(),
                r.employee_id.into(),
                r.unit_id.into(),
                r.position_id.into(),
                r.standard_id.into(),
                r.supervisor.into(),
            ]
        })
        .collect();
    sql::insert_rows(
        &tx,
        "campaign_ratees",
        &[
            "agency_id",
            "campaign_id",
            "employee_id",
            "unit_id",
            "position_id",
            "standard_id",
            "supervisor_id",
        ],
        ratee_rows,
    )
    .await?;
    let raters = assign::raters(&assessed, &v.weights, v.max_peers as usize);
    let n_raters = raters.len();
    let rater_rows = raters
        .into_iter()
        .map(|(ratee, rater, s)| {
            vec![
                agency.into(),
                id.into(),
                ratee.into(),
                rater.into(),
                s.code().into(),
                "auto".into(),
                "pending".into(),
            ]
        })
        .collect();
    sql::insert_rows(
        &tx,
        "campaign_raters",
        &[
            "agency_id",
            "campaign_id",
            "ratee_id",
            "rater_id",
            "source",
            "added_by",
            "status",
        ],
        rater_rows,
    )
    .await?;
    audit::change(
        &tx,
        actor,
        agency,
        "create",
        "campaign",
        id,
        json!({ "name": v.name, "starts_on": v.starts_on, "ends_on": v.ends_on, "weights": v.weights,
                "k": v.k, "max_peers": v.max_peers, "units": form.unit_ids,
                "ratees": assessed.len(), "skipped": skipped, "forms": n_raters }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(id)
}

async fn hr_campaign(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<super::Campaign, AppError> {
    let c = campaign(db, id).await?;
    if !actor.is_hr_of(c.agency_id) {
        return Err(AppError::Forbidden);
    }
    Ok(c)
}

fn counts_sql(filter: &str) -> String {
    format!(
        "SELECT c.id, c.name, c.status, c.starts_on, c.ends_on, \
           (SELECT COUNT(*) FROM campaign_ratees t WHERE t.campaign_id = c.id) AS ratees, \
           (SELECT COUNT(*) FROM campaign_raters r WHERE r.campaign_id = c.id) AS forms, \
           (SELECT COUNT(*) FROM campaign_raters r WHERE r.campaign_id = c.id AND r.status = 'submitted') AS submitted \
         FROM campaigns c WHERE {filter} ORDER BY c.starts_on DESC, c.id DESC"
    )
}

fn campaign_row(r: &sea_orm::QueryResult) -> Result<CampaignRow, sea_orm::DbErr> {
    Ok(CampaignRow {
        id: sql::get(r, "id")?,
        name: sql::get(r, "name")?,
        status: sql::get(r, "status")?,
        starts_on: day(sql::get(r, "starts_on")?),
        ends_on: day(sql::get(r, "ends_on")?),
        ratees: sql::get(r, "ratees")?,
        forms: sql::get(r, "forms")?,
        submitted: sql::get(r, "submitted")?,
    })
}

pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<CampaignRow>, AppError> {
    let agency = hr_agency(actor)?;
    let rows = sql::all(db, &counts_sql("c.agency_id = $1"), vec![agency.into()]).await?;
    Ok(rows.iter().map(campaign_row).collect::<Result<_, _>>()?)
}

pub async fn detail(db: &Db, actor: &Actor, id: i32) -> Result<CampaignDetail, AppError> {
    let c = hr_campaign(db, actor, id).await?;
    let row = sql::one(db, &counts_sql("c.id = $1"), vec![id.into()])
        .await?
        .ok_or(AppError::NotFound)?;
    let units = sql::all(
        db,
        "SELECT u.name FROM campaign_units cu JOIN units u ON u.id = cu.unit_id WHERE cu.campaign_id = $1 ORDER BY u.name",
        vec![id.into()],
    )
    .await?
    .iter()
    .map(|r| sql::get(r, "name"))
    .collect::<Result<_, _>>()?;
    let completion = sql::all(
        db,
        "SELECT u.name, COUNT(*) AS forms, SUM(CASE WHEN r.status = 'submitted' THEN 1 ELSE 0 END) AS submitted \
         FROM campaign_raters r JOIN campaign_ratees t ON t.campaign_id = r.campaign_id AND t.employee_id = r.ratee_id \
         JOIN units u ON u.id = t.unit_id WHERE r.campaign_id = $1 GROUP BY u.name ORDER BY u.name",
        vec![id.into()],
    )
    .await?
    .iter()
    .map(|r| {
        Ok(UnitCompletion {
            unit: sql::get(r, "name")?,
            forms: sql::get(r, "forms")?,
            submitted: sql::get::<Option<i64>>(r, "submitted")?.unwrap_or(0),
        })
    })
    .collect::<Result<_, sea_orm::DbErr>>()?;
    let missing = sql::all(
        db,
        "SELECT e.name, e.nip, COALESCE(u.name, '–') AS unit, COUNT(*) AS n FROM campaign_raters r \
         JOIN employees e ON e.id = r.rater_id \
         LEFT JOIN assignments a ON a.employee_id = e.id AND a.end_date IS NULL LEFT JOIN units u ON u.id = a.unit_id \
         WHERE r.campaign_id = $1 AND r.status <> 'submitted' GROUP BY e.name, e.nip, u.name ORDER BY u.name, e.name LIMIT 500",
        vec![id.into()],
    )
    .await?
    .iter()
    .map(|r| {
        Ok(Missing {
            name: sql::get(r, "name")?,
            nip: sql::get(r, "nip")?,
            unit: sql::get(r, "unit")?,
            open_forms: sql::get(r, "n")?,
        })
    })
    .collect::<Result<_, sea_orm::DbErr>>()?;
    let w = c.weights;
    Ok(CampaignDetail {
        row: campaign_row(&row)?,
        weights: [w.self_rating, w.supervisor, w.peer, w.subordinate],
        k: c.k,
        max_peers: c.max_peers,
        skipped: c.skipped,
        units,
        completion,
        missing,
    })
}

/// Opens the forms (draft → running).
pub async fn start(db: &Db, actor: &Actor, id: i32) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let c = hr_campaign(&tx, actor, id).await?;
    if c.status != CampaignStatus::Draft {
        return Err(AppError::Conflict(Msg::new(K::ErrCampaignState)));
    }
    sql::exec(
        &tx,
        "UPDATE campaigns SET status = 'running', started_at = $1 WHERE id = $2 AND status = 'draft'",
        vec![db::now().into(), id.into()],
    )
    .await?;
    audit::change(&tx, actor, c.agency_id, "start", "campaign", id, json!({})).await?;
    crate::server::commit(tx).await?;
    Ok(())
}

/// Moves the deadline of a running campaign (to today or later).
pub async fn extend(db: &Db, actor: &Actor, id: i32, ends_on: &str) -> Result<(), AppError> {
    let date = parse_day("ends_on", ends_on).map_err(|e| AppError::Validation(vec![e]))?;
    let tx = write_tx(db).await?;
    let c = hr_campaign(&tx, actor, id).await?;
    if c.status == CampaignStatus::Closed {
        return Err(AppError::Conflict(Msg::new(K::ErrCampaignState)));
    }
    if date < db::today() || date < c.starts_on {
        return Err(AppError::Validation(vec![FieldError::new(
            "ends_on",
            K::ErrDeadlinePast,
        )]));
    }
    sql::exec(
        &tx,
        "UPDATE campaigns SET ends_on = $1 WHERE id = $2",
        vec![date.into(), id.into()],
    )
    .await?;
    audit::change(
        &tx,
        actor,
        c.agency_id,
        "extend",
        "campaign",
        id,
        json!({ "before": c.ends_on, "after": date }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}
