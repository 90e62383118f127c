//! Where an ASN stands (inside the agency, logged in): their JPM in the latest closed
//! campaign that measured them against their unit's people then (placed where each
//! was assessed), withheld below five as the public figures are; and, only when HR
//! has switched it on for the agency, the unit's named ranking of those who consented.

use super::consent;
use crate::assessment::model::CampaignStatus;
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::publication::model::{ConsentKind, NamedRank, Standing, UnitPlace};
use crate::publication::rules::spread;
use crate::server::entities::{agency, unit};
use crate::server::{sql, Db};
use sea_orm::{raw_sql, EntityTrait, FromQueryResult};

#[derive(FromQueryResult)]
struct Latest {
    campaign_id: i32,
    name: String,
    unit_id: i32,
    jpm: f64,
}

#[derive(FromQueryResult)]
struct Jpm {
    jpm: f64,
}

#[derive(FromQueryResult)]
struct Named {
    employee_id: i32,
    name: String,
    jpm: f64,
}

/// The person's row of the latest closed campaign that measured them.
async fn latest_of(db: &Db, emp: i32) -> Result<Option<Latest>, AppError> {
    let closed = CampaignStatus::Closed;
    // SQL: the ratee index by employee; a person is in a handful of campaigns.
    let stmt = raw_sql!(
        Postgres,
        "SELECT t.campaign_id, c.name, t.unit_id, t.jpm FROM campaign_ratees t
         JOIN campaigns c ON c.id = t.campaign_id
         WHERE t.employee_id = {emp} AND c.status = {closed} AND t.jpm IS NOT NULL
         ORDER BY c.closed_at DESC, c.id DESC LIMIT 1"
    );
    Ok(sql::all::<Latest>(db, stmt).await?.into_iter().next())
}

pub async fn standing(db: &Db, actor: &Actor) -> Result<Standing, AppError> {
    let emp = actor.employee_id.ok_or(AppError::Forbidden)?;
    let agency = actor.agency_id.ok_or(AppError::Forbidden)?;
    let named_on = agency::Entity::find_by_id(agency)
        .one(db)
        .await?
        .is_some_and(|a| a.named_ranking);
    let consents = consent::mine(db, actor).await?;
    let Some(latest) = latest_of(db, emp).await? else {
        return Ok(Standing {
            consents,
            place: None,
            named_on,
            named: vec![],
            chart: None,
        });
    };
    let (c, u) = (latest.campaign_id, latest.unit_id);
    // SQL: one campaign's ratees of one unit (index by campaign and unit).
    let stmt = raw_sql!(
        Postgres,
        "SELECT jpm FROM campaign_ratees
         WHERE campaign_id = {c} AND unit_id = {u} AND jpm IS NOT NULL"
    );
    let all: Vec<f64> = sql::all::<Jpm>(db, stmt)
        .await?
        .into_iter()
        .map(|r| r.jpm)
        .collect();
    let unit_name = unit::Entity::find_by_id(u)
        .one(db)
        .await?
        .map(|u| u.name)
        .unwrap_or_default();
    let place = UnitPlace {
        campaign: latest.name,
        unit: unit_name,
        jpm: latest.jpm,
        people: all.len() as u32,
        spread: spread(&all, latest.jpm),
    };
    let named = if named_on {
        named_ranking(db, (c, u), emp).await?
    } else {
        vec![]
    };
    Ok(Standing {
        consents,
        place: Some(place),
        named_on,
        named,
        chart: None,
    })
}

/// Unit `u`'s people in campaign `c` who consent to the named ranking, best first.
async fn named_ranking(db: &Db, (c, u): (i32, i32), me: i32) -> Result<Vec<NamedRank>, AppError> {
    let kind = ConsentKind::UnitRanking;
    // SQL: the unit's ratees joined to the consents of one kind (unique per person).
    let stmt = raw_sql!(
        Postgres,
        "SELECT t.employee_id, e.name, t.jpm FROM campaign_ratees t
         JOIN consents k ON k.employee_id = t.employee_id AND k.kind = {kind} AND k.revoked_at IS NULL
         JOIN employees e ON e.id = t.employee_id
         WHERE t.campaign_id = {c} AND t.unit_id = {u} AND t.jpm IS NOT NULL
         ORDER BY t.jpm DESC, e.name"
    );
    let rows = sql::all::<Named>(db, stmt).await?;
    let mut out: Vec<NamedRank> = Vec::with_capacity(rows.len());
    for (n, r) in rows.into_iter().enumerate() {
        // Equal JPMs share a rank (1, 2, 2, 4).
        let rank = match out.last() {
            Some(prev) if prev.jpm == r.jpm => prev.rank,
            _ => n as u32 + 1,
        };
        out.push(NamedRank {
            rank,
            name: r.name,
            jpm: r.jpm,
            me: r.employee_id == me,
        });
    }
    Ok(out)
}
