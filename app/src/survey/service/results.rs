//! The index (IKM) per service unit and year, from the responses that count: one
//! grouped pass over the agency's responses of the year. Read by HR (with what is
//! held and excluded) and by the public (`public`), and ready to be an indicator
//! source for SKP.

use crate::error::AppError;
use crate::server::entities::by_ids;
use crate::server::entities::{service_unit, unit};
use crate::server::sql;
use crate::survey::model::{ResponseState, UnitIkm};
use crate::survey::rules::{converted, grade, ikm, nrr, sample_needed, ELEMENTS};
use chrono::{TimeZone, Utc};
use sea_orm::{
    raw_sql, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

#[derive(FromQueryResult)]
struct Sums {
    service_unit_id: i32,
    state: ResponseState,
    n: i64,
    s1: i64,
    s2: i64,
    s3: i64,
    s4: i64,
    s5: i64,
    s6: i64,
    s7: i64,
    s8: i64,
    s9: i64,
}

/// The first instant of `year` and of the next, UTC.
pub fn year_bounds(year: i32) -> (chrono::DateTime<Utc>, chrono::DateTime<Utc>) {
    let at = |y: i32| {
        Utc.with_ymd_and_hms(y, 1, 1, 0, 0, 0)
            .single()
            .unwrap_or_default()
    };
    (at(year), at(year + 1))
}

/// The year's sums per (service unit, state), in one grouped pass.
async fn sums_of(
    db: &impl ConnectionTrait,
    agency: i32,
    year: i32,
) -> Result<HashMap<(i32, ResponseState), Sums>, AppError> {
    let (from, to) = year_bounds(year);
    // SQL: one grouped pass over the agency's responses of the year (agency, state,
    // time index); nine sums the builder would spell at length.
    let stmt = raw_sql!(
        Postgres,
        "SELECT service_unit_id, state, COUNT(*) AS n,
           SUM(u1) AS s1, SUM(u2) AS s2, SUM(u3) AS s3, SUM(u4) AS s4, SUM(u5) AS s5,
           SUM(u6) AS s6, SUM(u7) AS s7, SUM(u8) AS s8, SUM(u9) AS s9
         FROM survey_responses WHERE agency_id = {agency}
           AND submitted_at >= {from} AND submitted_at < {to}
         GROUP BY service_unit_id, state"
    );
    let mut sums: HashMap<(i32, ResponseState), Sums> = HashMap::new();
    for r in sql::all::<Sums>(db, stmt).await? {
        sums.insert((r.service_unit_id, r.state), r);
    }
    Ok(sums)
}

/// Every service unit of agency `agency` (active ones, and inactive ones that were
/// answered that year) with its index in `year`, by name.
pub async fn of_year(
    db: &impl ConnectionTrait,
    agency: i32,
    year: i32,
) -> Result<Vec<UnitIkm>, AppError> {
    let sums = sums_of(db, agency, year).await?;
    let units = service_unit::Entity::find()
        .filter(service_unit::Column::AgencyId.eq(agency))
        .order_by_asc(service_unit::Column::Name)
        .all(db)
        .await?;
    let names = by_ids::<unit::Model>(db, units.iter().map(|u| u.unit_id)).await?;
    let count = |id: i32, s: ResponseState| sums.get(&(id, s)).map_or(0, |r| r.n);
    let mut out = Vec::new();
    for u in units {
        let counted = sums.get(&(u.id, ResponseState::Counted));
        let answered = counted.is_some() || count(u.id, ResponseState::Held) > 0;
        if !u.active && !answered {
            continue;
        }
        let values = counted.and_then(|r| {
            let s: [i64; ELEMENTS] = [r.s1, r.s2, r.s3, r.s4, r.s5, r.s6, r.s7, r.s8, r.s9];
            nrr(&s, r.n)
        });
        let index = values.as_ref().map(ikm);
        out.push(UnitIkm {
            id: u.id,
            unit_name: names
                .get(&u.unit_id)
                .map(|x| x.name.clone())
                .unwrap_or_default(),
            respondents: counted.map_or(0, |r| r.n),
            held: count(u.id, ResponseState::Held),
            excluded: count(u.id, ResponseState::Excluded),
            nrr: values,
            ikm: index,
            converted: index.map(converted),
            grade: index.map(|i| grade(converted(i))),
            population: u.population,
            sample_needed: u.population.map(|p| sample_needed(p.max(0) as u64) as i64),
            code: u.code,
            name: u.name,
        });
    }
    Ok(out)
}
