//! One person's development: their JP this year, the programmes suggested for the
//! gaps of their latest campaign, their plan (enrolments), the trainings between
//! their last two campaigns; and the requests a supervisor has to decide.

use super::catalogue::member_agency;
use crate::assessment::model::CampaignStatus;
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::people::service::supervision::subordinates_of;
use crate::server::entities::{by_ids, employee, enrolment, programme, programme_competency as pc};
use crate::server::{sql, Db};
use crate::training::model::*;
use crate::training::rules::{self, Offer};
use chrono::{Datelike, NaiveDate};
use sea_orm::{
    raw_sql, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::{HashMap, HashSet};

/// JP credited to `emp` this year (passes completed since 1 January).
pub async fn jp_year(
    db: &impl ConnectionTrait,
    emp: i32,
    today: NaiveDate,
) -> Result<JpYear, AppError> {
    let jan = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let jp: Vec<i32> = enrolment::Entity::find()
        .select_only()
        .column(enrolment::Column::Jp)
        .filter(enrolment::Column::EmployeeId.eq(emp))
        .filter(enrolment::Column::Status.eq(EnrolStatus::Passed))
        .filter(enrolment::Column::CompletedOn.gte(jan))
        .filter(enrolment::Column::CompletedOn.lte(today))
        .into_tuple()
        .all(db)
        .await?;
    Ok(JpYear {
        year: today.year(),
        jp: jp.iter().sum(),
        pace: rules::pace(today),
    })
}

/// A person's enrolments, latest first.
pub async fn plan_items(
    db: &impl ConnectionTrait,
    emps: &[i32],
) -> Result<Vec<(i32, PlanItem)>, AppError> {
    let rows = enrolment::Entity::find()
        .filter(enrolment::Column::EmployeeId.is_in(emps.iter().copied()))
        .order_by_desc(enrolment::Column::UpdatedAt)
        .order_by_desc(enrolment::Column::Id)
        .all(db)
        .await?;
    let progs = by_ids::<programme::Model>(db, rows.iter().map(|r| r.programme_id)).await?;
    let comps = by_ids::<crate::server::entities::competency::Model>(
        db,
        rows.iter().filter_map(|r| r.competency_id),
    )
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|e| {
            let p = progs.get(&e.programme_id)?;
            let item = PlanItem {
                enrolment_id: e.id,
                programme_id: p.id,
                programme: p.name.clone(),
                competency: e
                    .competency_id
                    .and_then(|c| comps.get(&c))
                    .map(|c| format!("{} {}", c.code, c.name)),
                status: e.status,
                jp: p.jp,
                starts_on: p.starts_on.to_string(),
                note: e.note,
                completed_on: e.completed_on.map(|d| d.to_string()),
            };
            Some((e.employee_id, item))
        })
        .collect())
}

/// A closed campaign a person was rated in.
#[derive(Clone, Debug, FromQueryResult)]
pub struct Rated {
    pub id: i32,
    pub name: String,
    pub starts_on: NaiveDate,
    pub closed_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// The closed campaigns `emp` was rated in, latest last.
pub async fn rated_in(db: &impl ConnectionTrait, emp: i32) -> Result<Vec<Rated>, AppError> {
    let closed = CampaignStatus::Closed;
    // SQL: the employee's campaigns through `campaign_ratees` (indexed employee first),
    // as the dashboard reads them.
    let stmt = raw_sql!(
        Postgres,
        "SELECT c.id, c.name, c.starts_on, c.closed_at FROM campaign_ratees t
         JOIN campaigns c ON c.id = t.campaign_id
         WHERE t.employee_id = {emp} AND c.status = {closed} ORDER BY c.closed_at, c.id"
    );
    Ok(sql::all::<Rated>(db, stmt).await?)
}

/// One result of a person: (competency, code, name, required, measured).
#[derive(Clone, Debug, FromQueryResult)]
pub struct Measured {
    pub competency_id: i32,
    pub code: String,
    pub name: String,
    pub required_level: i16,
    pub measured: Option<f64>,
}

pub async fn results_of(
    db: &impl ConnectionTrait,
    emp: i32,
    campaign: i32,
) -> Result<Vec<Measured>, AppError> {
    // SQL: one person's stored results of one campaign (indexed campaign, employee).
    let stmt = raw_sql!(
        Postgres,
        "SELECT r.competency_id, c.code, c.name, r.required_level, r.measured
         FROM results r JOIN competencies c ON c.id = r.competency_id
         WHERE r.campaign_id = {campaign} AND r.employee_id = {emp} ORDER BY c.code"
    );
    Ok(sql::all::<Measured>(db, stmt).await?)
}

/// Programmes still to come or running that build each competency: by competency.
pub async fn offers(
    db: &impl ConnectionTrait,
    agency: i32,
    today: NaiveDate,
) -> Result<HashMap<i32, Vec<Offer<Suggestion>>>, AppError> {
    let progs = programme::Entity::find()
        .filter(programme::Column::AgencyId.eq(agency))
        .filter(programme::Column::Active.eq(true))
        .filter(programme::Column::EndsOn.gte(today))
        .all(db)
        .await?;
    let by_id: HashMap<i32, programme::Model> = progs.into_iter().map(|p| (p.id, p)).collect();
    let builds = pc::Entity::find()
        .filter(pc::Column::ProgrammeId.is_in(by_id.keys().copied()))
        .all(db)
        .await?;
    let mut out: HashMap<i32, Vec<Offer<Suggestion>>> = HashMap::new();
    for b in builds {
        let Some(p) = by_id.get(&b.programme_id) else {
            continue;
        };
        out.entry(b.competency_id).or_default().push(Offer {
            item: Suggestion {
                programme_id: p.id,
                name: p.name.clone(),
                level: b.level,
                jp: p.jp,
                mode: p.mode,
                starts_on: p.starts_on.to_string(),
            },
            level: b.level,
            starts_on: p.starts_on,
        });
    }
    Ok(out)
}

/// The gaps of the latest campaign, largest first, each with up to three
/// programmes (those the person already holds or asked for left out).
async fn gaps(
    db: &impl ConnectionTrait,
    agency: i32,
    emp: i32,
    today: NaiveDate,
    held: &HashSet<i32>,
) -> Result<Vec<PlanGap>, AppError> {
    let Some(last) = rated_in(db, emp).await?.pop() else {
        return Ok(vec![]);
    };
    let offers = offers(db, agency, today).await?;
    let mut out: Vec<PlanGap> = results_of(db, emp, last.id)
        .await?
        .into_iter()
        .filter_map(|r| {
            let m = r.measured.filter(|m| *m < f64::from(r.required_level))?;
            let open: Vec<Offer<Suggestion>> = offers
                .get(&r.competency_id)
                .into_iter()
                .flatten()
                .filter(|o| !held.contains(&o.item.programme_id))
                .cloned()
                .collect();
            Some(PlanGap {
                competency_id: r.competency_id,
                code: r.code,
                name: r.name,
                required: r.required_level,
                measured: m,
                suggestions: rules::suggest(open, r.required_level, m, 3)
                    .into_iter()
                    .map(|o| o.item)
                    .collect(),
            })
        })
        .collect();
    out.sort_by(|a, b| {
        (f64::from(b.required) - b.measured).total_cmp(&(f64::from(a.required) - a.measured))
    });
    Ok(out)
}

/// Requests of the supervisor's direct subordinates waiting for them, oldest first.
pub async fn requests(db: &impl ConnectionTrait, boss: i32) -> Result<Vec<Request>, AppError> {
    let subs = subordinates_of(db, boss).await?;
    if subs.is_empty() {
        return Ok(vec![]);
    }
    let waiting: Vec<i32> = enrolment::Entity::find()
        .select_only()
        .column(enrolment::Column::EmployeeId)
        .filter(enrolment::Column::EmployeeId.is_in(subs))
        .filter(enrolment::Column::Status.eq(EnrolStatus::Requested))
        .into_tuple()
        .all(db)
        .await?;
    let people = by_ids::<employee::Model>(db, waiting.iter().copied()).await?;
    let mut out: Vec<Request> = plan_items(db, &waiting)
        .await?
        .into_iter()
        .filter(|(_, i)| i.status == EnrolStatus::Requested)
        .filter_map(|(e, item)| {
            let p = people.get(&e)?;
            Some(Request {
                enrolment_id: item.enrolment_id,
                name: p.name.clone(),
                nip: p.nip.clone(),
                item,
            })
        })
        .collect();
    out.reverse();
    Ok(out)
}

/// The "my training" page of the reader.
pub async fn my_training(db: &Db, actor: &Actor, today: NaiveDate) -> Result<MyTraining, AppError> {
    let agency = member_agency(actor)?;
    let Some(me) = actor.employee_id else {
        return Ok(MyTraining::default());
    };
    let plan: Vec<PlanItem> = plan_items(db, &[me])
        .await?
        .into_iter()
        .map(|p| p.1)
        .collect();
    let held: HashSet<i32> = plan
        .iter()
        .filter(|p| !matches!(p.status, EnrolStatus::Cancelled | EnrolStatus::Returned))
        .map(|p| p.programme_id)
        .collect();
    Ok(MyTraining {
        jp: jp_year(db, me, today).await?,
        gaps: gaps(db, agency, me, today, &held).await?,
        plan,
        requests: requests(db, me).await?,
    })
}

/// Enrolments of the agency in programmes that ended before `today` with no result.
pub async fn to_record(
    db: &impl ConnectionTrait,
    agency: i32,
    today: NaiveDate,
) -> Result<u64, AppError> {
    use sea_orm::PaginatorTrait;
    let ended: Vec<i32> = programme::Entity::find()
        .select_only()
        .column(programme::Column::Id)
        .filter(programme::Column::AgencyId.eq(agency))
        .filter(programme::Column::EndsOn.lt(today))
        .into_tuple()
        .all(db)
        .await?;
    Ok(enrolment::Entity::find()
        .filter(enrolment::Column::ProgrammeId.is_in(ended))
        .filter(enrolment::Column::Status.eq(EnrolStatus::Enrolled))
        .count(db)
        .await?)
}
