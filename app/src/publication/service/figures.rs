//! The sums a snapshot is built from, read for one closed campaign and grouped in
//! the database: per unit (where each person was placed when assessed) the people
//! with a JPM, its sum, those meeting their standard and those on pace for 20 JP on
//! the day of publication; and the agency's people per JPM band.

use crate::competency::rules::JpmBands;
use crate::error::AppError;
use crate::publication::rules::MEETS_JPM;
use crate::server::entities::programme;
use crate::server::sql;
use crate::training::model::EnrolStatus;
use crate::training::rules::pace;
use chrono::{Datelike, NaiveDate};
use sea_orm::{
    raw_sql, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter,
};
use std::collections::HashMap;

/// What one unit's own people add up to.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Sums {
    pub people: u32,
    pub jpm: f64,
    pub meeting: u32,
    pub on_pace: u32,
}

impl Sums {
    pub fn add(&mut self, o: &Sums) {
        self.people += o.people;
        self.jpm += o.jpm;
        self.meeting += o.meeting;
        self.on_pace += o.on_pace;
    }
}

#[derive(FromQueryResult)]
struct UnitRow {
    unit_id: i32,
    people: i64,
    jpm: f64,
    meeting: i64,
}

#[derive(FromQueryResult)]
struct PaceRow {
    unit_id: i32,
    people: i64,
}

#[derive(FromQueryResult)]
struct BandRow {
    optimal: Option<i64>,
    fairly: Option<i64>,
    below: Option<i64>,
}

/// Per unit, its own people's sums in campaign `c`; `training` says whether the
/// agency keeps a catalogue (else on pace means nothing and is left out).
pub async fn unit_sums(
    db: &impl ConnectionTrait,
    (agency, c): (i32, i32),
    today: NaiveDate,
) -> Result<(HashMap<i32, Sums>, bool), AppError> {
    let meets = MEETS_JPM;
    // SQL: one grouped pass over the campaign's ratees (the jpm index by campaign).
    let stmt = raw_sql!(
        Postgres,
        "SELECT unit_id, COUNT(*) AS people, CAST(SUM(jpm) AS DOUBLE PRECISION) AS jpm,
           SUM(CASE WHEN jpm >= {meets} THEN 1 ELSE 0 END) AS meeting
         FROM campaign_ratees WHERE campaign_id = {c} AND jpm IS NOT NULL GROUP BY unit_id"
    );
    let mut out: HashMap<i32, Sums> = HashMap::new();
    for r in sql::all::<UnitRow>(db, stmt).await? {
        out.insert(
            r.unit_id,
            Sums {
                people: r.people as u32,
                jpm: r.jpm,
                meeting: r.meeting as u32,
                on_pace: 0,
            },
        );
    }
    let training = programme::Entity::find()
        .filter(programme::Column::AgencyId.eq(agency))
        .count(db)
        .await?
        > 0;
    if training {
        for r in on_pace(db, (agency, c), today).await? {
            if let Some(s) = out.get_mut(&r.unit_id) {
                s.on_pace = r.people as u32;
            }
        }
    }
    Ok((out, training))
}

async fn on_pace(
    db: &impl ConnectionTrait,
    (agency, c): (i32, i32),
    today: NaiveDate,
) -> Result<Vec<PaceRow>, AppError> {
    let jan = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let passed = EnrolStatus::Passed.code();
    let needed = pace(today);
    // SQL: each assessed person's JP this year summed once, joined to the ratees.
    let stmt = raw_sql!(
        Postgres,
        "SELECT r.unit_id, COUNT(*) AS people FROM campaign_ratees r
         JOIN (SELECT employee_id, SUM(jp) AS jp FROM enrolments
               WHERE agency_id = {agency} AND status = {passed}
                 AND completed_on >= {jan} AND completed_on <= {today}
               GROUP BY employee_id) e ON e.employee_id = r.employee_id
         WHERE r.campaign_id = {c} AND r.jpm IS NOT NULL AND e.jp >= {needed}
         GROUP BY r.unit_id"
    );
    Ok(sql::all::<PaceRow>(db, stmt).await?)
}

/// The agency's people in campaign `c` per JPM band: optimal, fairly, below.
pub async fn band_counts(db: &impl ConnectionTrait, c: i32) -> Result<[u32; 3], AppError> {
    let b = JpmBands::default();
    let (hi, lo) = (b.optimal, b.fairly);
    // SQL: three counts in one pass over the campaign's ratees.
    let stmt = raw_sql!(
        Postgres,
        "SELECT SUM(CASE WHEN jpm >= {hi} THEN 1 ELSE 0 END) AS optimal,
           SUM(CASE WHEN jpm >= {lo} AND jpm < {hi} THEN 1 ELSE 0 END) AS fairly,
           SUM(CASE WHEN jpm < {lo} THEN 1 ELSE 0 END) AS below
         FROM campaign_ratees WHERE campaign_id = {c} AND jpm IS NOT NULL"
    );
    let row = sql::all::<BandRow>(db, stmt).await?.into_iter().next();
    let n = |v: Option<i64>| v.unwrap_or(0) as u32;
    Ok(row.map_or([0; 3], |r| [n(r.optimal), n(r.fairly), n(r.below)]))
}
