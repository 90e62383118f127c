//! HR's side of a campaign: create it (ratees and raters are assigned at once, so
//! supervisors can review peers before the start), start it, follow completion per
//! unit and who has not answered, and extend the deadline.

use super::assign::{self, Ratee};
use super::{campaign, day, Campaign};
use crate::assessment::input::{parse_campaign, parse_day, ValidCampaign};
use crate::assessment::model::*;
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::{AppError, FieldError, Msg};
use crate::i18n::K;
use crate::org::service::{hr_agency, units_under};
use crate::server::entities::campaign as campaign_entity;
use crate::server::entities::{campaign_ratee, campaign_rater, campaign_unit, unit};
use crate::server::{db, sql, write_tx, Db};
use chrono::NaiveDate;
use sea_orm::sea_query::Expr;
use sea_orm::{
    raw_sql, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
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
    let id = insert_campaign(&tx, agency, &v, skipped).await?;
    insert_scope(&tx, agency, id, &form.unit_ids, &assessed).await?;
    let raters = assign::raters(&assessed, &v.weights, v.max_peers as usize);
    let forms = raters.len();
    let rows = raters
        .into_iter()
        .map(|(ratee, rater, source)| campaign_rater::ActiveModel {
            agency_id: Set(agency),
            campaign_id: Set(id),
            ratee_id: Set(ratee),
            rater_id: Set(rater),
            source: Set(source),
            added_by: Set(AddedBy::Auto),
            status: Set(RaterStatus::Pending),
            ..Default::default()
        });
    sql::insert_many(&tx, rows.collect()).await?;
    audit::change(
        &tx,
        actor,
        agency,
        "create",
        "campaign",
        id,
        json!({ "name": v.name, "starts_on": v.starts_on, "ends_on": v.ends_on, "weights": v.weights,
                "k": v.k, "max_peers": v.max_peers, "units": form.unit_ids,
                "ratees": assessed.len(), "skipped": skipped, "forms": forms }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(id)
}

async fn insert_campaign(
    tx: &impl ConnectionTrait,
    agency: i32,
    v: &ValidCampaign,
    skipped: i32,
) -> Result<i32, AppError> {
    let w = &v.weights;
    let c = campaign_entity::ActiveModel {
        agency_id: Set(agency),
        name: Set(v.name.clone()),
        status: Set(CampaignStatus::Draft),
        starts_on: Set(v.starts_on),
        ends_on: Set(v.ends_on),
        w_self: Set(w.self_rating as i16),
        w_supervisor: Set(w.supervisor as i16),
        w_peer: Set(w.peer as i16),
        w_subordinate: Set(w.subordinate as i16),
        k: Set(v.k as i16),
        max_peers: Set(v.max_peers as i16),
        skipped: Set(skipped),
        created_at: Set(db::now()),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(c.id)
}

/// The units chosen and the ratees, each with the standard version they are
/// measured against and their supervisor at the time.
async fn insert_scope(
    tx: &impl ConnectionTrait,
    agency: i32,
    id: i32,
    unit_ids: &[i32],
    assessed: &[&Ratee],
) -> Result<(), AppError> {
    let units = unit_ids.iter().map(|u| campaign_unit::ActiveModel {
        agency_id: Set(agency),
        campaign_id: Set(id),
        unit_id: Set(*u),
        ..Default::default()
    });
    sql::insert_many(tx, units.collect()).await?;
    let ratees = assessed.iter().map(|r| campaign_ratee::ActiveModel {
        agency_id: Set(agency),
        campaign_id: Set(id),
        employee_id: Set(r.employee_id),
        unit_id: Set(r.unit_id),
        position_id: Set(r.position_id),
        standard_id: Set(r.standard_id.unwrap_or_default()),
        supervisor_id: Set(r.supervisor),
        ..Default::default()
    });
    sql::insert_many(tx, ratees.collect()).await?;
    Ok(())
}

async fn hr_campaign(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<Campaign, AppError> {
    let c = campaign(db, id).await?;
    if !actor.is_hr_of(c.row.agency_id) {
        return Err(AppError::Forbidden);
    }
    Ok(c)
}

/// A campaign with how many are assessed, how many forms there are and how many
/// were sent.
#[derive(FromQueryResult)]
struct Counted {
    id: i32,
    name: String,
    status: CampaignStatus,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    ratees: i64,
    forms: i64,
    submitted: i64,
}

impl From<Counted> for CampaignRow {
    fn from(c: Counted) -> Self {
        CampaignRow {
            id: c.id,
            name: c.name,
            status: c.status,
            starts_on: day(c.starts_on),
            ends_on: day(c.ends_on),
            ratees: c.ratees,
            forms: c.forms,
            submitted: c.submitted,
        }
    }
}

pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<CampaignRow>, AppError> {
    let agency = hr_agency(actor)?;
    let sent = RaterStatus::Submitted;
    // SQL: a list page, counted in the database per campaign.
    let stmt = raw_sql!(
        Postgres,
        "SELECT c.id, c.name, c.status, c.starts_on, c.ends_on,
           (SELECT COUNT(*) FROM campaign_ratees t WHERE t.campaign_id = c.id) AS ratees,
           (SELECT COUNT(*) FROM campaign_raters r WHERE r.campaign_id = c.id) AS forms,
           (SELECT COUNT(*) FROM campaign_raters r WHERE r.campaign_id = c.id AND r.status = {sent})
             AS submitted
         FROM campaigns c WHERE c.agency_id = {agency} ORDER BY c.starts_on DESC, c.id DESC"
    );
    let rows = Counted::find_by_statement(sql::on(db, stmt))
        .all(db)
        .await?;
    Ok(rows.into_iter().map(CampaignRow::from).collect())
}

pub async fn detail(db: &Db, actor: &Actor, id: i32) -> Result<CampaignDetail, AppError> {
    let c = hr_campaign(db, actor, id).await?;
    let forms = campaign_rater::Entity::find().filter(campaign_rater::Column::CampaignId.eq(id));
    let submitted = forms
        .clone()
        .filter(campaign_rater::Column::Status.eq(RaterStatus::Submitted));
    let ratees = campaign_ratee::Entity::find()
        .filter(campaign_ratee::Column::CampaignId.eq(id))
        .count(db)
        .await?;
    let row = Counted {
        id,
        name: c.row.name.clone(),
        status: c.row.status,
        starts_on: c.row.starts_on,
        ends_on: c.row.ends_on,
        ratees: ratees as i64,
        forms: forms.count(db).await? as i64,
        submitted: submitted.count(db).await? as i64,
    };
    let w = c.weights;
    Ok(CampaignDetail {
        row: row.into(),
        weights: [w.self_rating, w.supervisor, w.peer, w.subordinate],
        k: c.k,
        max_peers: c.max_peers,
        skipped: c.row.skipped.into(),
        units: unit_names(db, id).await?,
        completion: completion(db, id).await?,
        missing: missing(db, id).await?,
    })
}

async fn unit_names(db: &Db, id: i32) -> Result<Vec<String>, AppError> {
    let ids: Vec<i32> = campaign_unit::Entity::find()
        .select_only()
        .column(campaign_unit::Column::UnitId)
        .filter(campaign_unit::Column::CampaignId.eq(id))
        .into_tuple()
        .all(db)
        .await?;
    let units = unit::Entity::find()
        .filter(unit::Column::Id.is_in(ids))
        .order_by_asc(unit::Column::Name)
        .all(db)
        .await?;
    Ok(units.into_iter().map(|u| u.name).collect())
}

#[derive(FromQueryResult)]
struct Completion {
    name: String,
    forms: i64,
    submitted: Option<i64>,
}

/// Forms and sent forms per unit of the ratees.
async fn completion(db: &Db, id: i32) -> Result<Vec<UnitCompletion>, AppError> {
    let sent = RaterStatus::Submitted;
    // SQL: an aggregate over every form of the campaign, per unit.
    let stmt = raw_sql!(
        Postgres,
        "SELECT u.name, COUNT(*) AS forms, SUM(CASE WHEN r.status = {sent} THEN 1 ELSE 0 END) AS submitted
         FROM campaign_raters r
         JOIN campaign_ratees t ON t.campaign_id = r.campaign_id AND t.employee_id = r.ratee_id
         JOIN units u ON u.id = t.unit_id
         WHERE r.campaign_id = {id} GROUP BY u.name ORDER BY u.name"
    );
    let rows = Completion::find_by_statement(sql::on(db, stmt))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| UnitCompletion {
            unit: r.name,
            forms: r.forms,
            submitted: r.submitted.unwrap_or(0),
        })
        .collect())
}

#[derive(FromQueryResult)]
struct Owing {
    name: String,
    nip: String,
    unit: String,
    n: i64,
}

/// Raters who still owe forms, by unit (HR reminds them).
async fn missing(db: &Db, id: i32) -> Result<Vec<Missing>, AppError> {
    let sent = RaterStatus::Submitted;
    // SQL: a list page, grouped by rater with their current unit.
    let stmt = raw_sql!(
        Postgres,
        "SELECT e.name, e.nip, COALESCE(u.name, '–') AS unit, COUNT(*) AS n FROM campaign_raters r
         JOIN employees e ON e.id = r.rater_id
         LEFT JOIN assignments a ON a.employee_id = e.id AND a.end_date IS NULL
         LEFT JOIN units u ON u.id = a.unit_id
         WHERE r.campaign_id = {id} AND r.status <> {sent}
         GROUP BY e.name, e.nip, u.name ORDER BY u.name, e.name LIMIT 500"
    );
    let rows = Owing::find_by_statement(sql::on(db, stmt)).all(db).await?;
    Ok(rows
        .into_iter()
        .map(|r| Missing {
            name: r.name,
            nip: r.nip,
            unit: r.unit,
            open_forms: r.n,
        })
        .collect())
}

/// Opens the forms (draft → running).
pub async fn start(db: &Db, actor: &Actor, id: i32) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let c = hr_campaign(&tx, actor, id).await?;
    if c.row.status != CampaignStatus::Draft {
        return Err(AppError::Conflict(Msg::new(K::ErrCampaignState)));
    }
    campaign_entity::Entity::update_many()
        .col_expr(
            campaign_entity::Column::Status,
            Expr::value(CampaignStatus::Running),
        )
        .col_expr(campaign_entity::Column::StartedAt, Expr::value(db::now()))
        .filter(campaign_entity::Column::Id.eq(id))
        .filter(campaign_entity::Column::Status.eq(CampaignStatus::Draft))
        .exec(&tx)
        .await?;
    audit::change(
        &tx,
        actor,
        c.row.agency_id,
        "start",
        "campaign",
        id,
        json!({}),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}

/// Moves the deadline of a campaign not yet closed (to today or later).
pub async fn extend(db: &Db, actor: &Actor, id: i32, ends_on: &str) -> Result<(), AppError> {
    let date = parse_day("ends_on", ends_on).map_err(|e| AppError::Validation(vec![e]))?;
    let tx = write_tx(db).await?;
    let c = hr_campaign(&tx, actor, id).await?;
    if c.row.status == CampaignStatus::Closed {
        return Err(AppError::Conflict(Msg::new(K::ErrCampaignState)));
    }
    if date < db::today() || date < c.row.starts_on {
        return Err(AppError::Validation(vec![FieldError::new(
            "ends_on",
            K::ErrDeadlinePast,
        )]));
    }
    let mut m: campaign_entity::ActiveModel = c.row.clone().into();
    m.ends_on = Set(date);
    m.update(&tx).await?;
    let change = json!({ "before": c.row.ends_on, "after": date });
    audit::change(
        &tx,
        actor,
        c.row.agency_id,
        "extend",
        "campaign",
        id,
        change,
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}
