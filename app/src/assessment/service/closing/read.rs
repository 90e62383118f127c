//! What closing reads: the standards of the campaign's ratees, who was asked to rate
//! whom, the totals of the sent forms and their comments, a block of ratees at a time.

use crate::assessment::model::{RaterStatus, Source};
use crate::competency::rules::Level;
use crate::error::AppError;
use crate::people::job_level::JobLevel;
use crate::server::entities::{by_ids, campaign_ratee, campaign_rater, position, standard_item};
use crate::server::sql;
use sea_orm::{
    raw_sql, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

#[derive(FromQueryResult)]
struct Required {
    standard_id: i32,
    competency_id: i32,
    required_level: i16,
}

/// The required levels of the given standard versions (those of a block of ratees):
/// (competency, level) per standard.
pub async fn standards(
    db: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, Vec<(i32, Level)>>, AppError> {
    let rows: Vec<Required> = standard_item::Entity::find()
        .select_only()
        .columns([
            standard_item::Column::StandardId,
            standard_item::Column::CompetencyId,
            standard_item::Column::RequiredLevel,
        ])
        .filter(standard_item::Column::StandardId.is_in(ids))
        .order_by_asc(standard_item::Column::StandardId)
        .order_by_asc(standard_item::Column::CompetencyId)
        .into_model()
        .all(db)
        .await?;
    let mut out: HashMap<i32, Vec<(i32, Level)>> = HashMap::new();
    for r in rows {
        let level = Level::clamped(r.required_level.into());
        out.entry(r.standard_id)
            .or_default()
            .push((r.competency_id, level));
    }
    Ok(out)
}

/// One ratee of a block: the standard version recorded for them, and where they
/// worked when the campaign started (unit, and the job level of their position).
pub struct Ratee {
    pub employee: i32,
    pub standard: i32,
    pub unit: i32,
    pub level: Option<JobLevel>,
    /// The supervisor the campaign recorded (who rated as supervisor).
    pub supervisor: Option<i32>,
}

/// The next `n` ratees after employee id `after`, in id order.
pub async fn ratees_after(
    db: &impl ConnectionTrait,
    campaign: i32,
    after: i32,
    n: usize,
) -> Result<Vec<Ratee>, AppError> {
    let rows: Vec<(i32, i32, i32, i32, Option<i32>)> = campaign_ratee::Entity::find()
        .select_only()
        .columns([
            campaign_ratee::Column::EmployeeId,
            campaign_ratee::Column::StandardId,
            campaign_ratee::Column::UnitId,
            campaign_ratee::Column::PositionId,
            campaign_ratee::Column::SupervisorId,
        ])
        .filter(campaign_ratee::Column::CampaignId.eq(campaign))
        .filter(campaign_ratee::Column::EmployeeId.gt(after))
        .order_by_asc(campaign_ratee::Column::EmployeeId)
        .limit(n as u64)
        .into_tuple()
        .all(db)
        .await?;
    let positions = by_ids::<position::Model>(db, rows.iter().map(|r| r.3)).await?;
    Ok(rows
        .into_iter()
        .map(|(employee, standard, unit, pos, supervisor)| Ratee {
            employee,
            standard,
            unit,
            level: positions.get(&pos).map(|p| p.job_level),
            supervisor,
        })
        .collect())
}

/// How many are assessed in the campaign.
pub async fn ratee_count(db: &impl ConnectionTrait, campaign: i32) -> Result<i64, AppError> {
    let n = campaign_ratee::Entity::find()
        .filter(campaign_ratee::Column::CampaignId.eq(campaign))
        .count(db)
        .await?;
    Ok(n as i64)
}

#[derive(FromQueryResult)]
struct Counts {
    ratees: i64,
    results: i64,
    comments: i64,
}

/// Ratees, stored results and stored comments of a campaign.
pub async fn counts(db: &impl ConnectionTrait, campaign: i32) -> Result<(u64, u64, u64), AppError> {
    // SQL: three counts in one round trip.
    let stmt = raw_sql!(
        Postgres,
        "SELECT (SELECT COUNT(*) FROM campaign_ratees WHERE campaign_id = {campaign}) AS ratees,
           (SELECT COUNT(*) FROM results WHERE campaign_id = {campaign}) AS results,
           (SELECT COUNT(*) FROM result_comments WHERE campaign_id = {campaign}) AS comments"
    );
    let c = sql::all::<Counts>(db, stmt)
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let n = |v: i64| v.max(0) as u64;
    Ok((n(c.ratees), n(c.results), n(c.comments)))
}

/// The sources each ratee of a range was given raters for.
pub async fn asked(
    db: &impl ConnectionTrait,
    campaign: i32,
    from: i32,
    to: i32,
) -> Result<HashMap<i32, Vec<Source>>, AppError> {
    let rows: Vec<(i32, Source)> = campaign_rater::Entity::find()
        .select_only()
        .columns([
            campaign_rater::Column::RateeId,
            campaign_rater::Column::Source,
        ])
        .distinct()
        .filter(campaign_rater::Column::CampaignId.eq(campaign))
        .filter(campaign_rater::Column::RateeId.between(from, to))
        .into_tuple()
        .all(db)
        .await?;
    let mut out: HashMap<i32, Vec<Source>> = HashMap::new();
    for (ratee, source) in rows {
        out.entry(ratee).or_default().push(source);
    }
    Ok(out)
}

/// One comment of a sent form: ratee, competency, source, comment, answer id, and the
/// rater's name for a supervisor's comment (nobody else's is ever read).
pub type Comment = (i32, i32, Source, String, i32, Option<String>);

/// The comments of the sent forms about a range of ratees, in one round trip (as JSON).
pub async fn comments(
    db: &impl ConnectionTrait,
    campaign: i32,
    from: i32,
    to: i32,
) -> Result<Vec<Comment>, AppError> {
    let (sent, supervisor) = (RaterStatus::Submitted, Source::Supervisor);
    // SQL: closing, measured (see `closing`).
    let stmt = raw_sql!(
        Postgres,
        "SELECT r.ratee_id, a.competency_id, r.source, a.comment, a.id,
           CASE WHEN r.source = {supervisor}
             THEN (SELECT e.name FROM employees e WHERE e.id = r.rater_id) END AS author
         FROM campaign_raters r JOIN answers a ON a.rater_row_id = r.id
         WHERE r.campaign_id = {campaign} AND r.ratee_id BETWEEN {from} AND {to}
           AND r.status = {sent} AND a.comment IS NOT NULL"
    );
    let cols = [
        "ratee_id",
        "competency_id",
        "source",
        "comment",
        "id",
        "author",
    ];
    Ok(sql::json_tuples(db, sql::on(db, stmt), &cols).await?)
}

/// Per (ratee, competency): each source with how many answered and the sum of levels.
pub type Stats = HashMap<(i32, i32), Vec<(Source, u32, f64)>>;

/// The totals of the sent forms about a range of ratees (`totals::fold`).
pub async fn totals(
    db: &impl ConnectionTrait,
    campaign: i32,
    from: i32,
    to: i32,
) -> Result<Stats, AppError> {
    // SQL: closing, measured: about 54 000 rows a block; read as one JSON value,
    // closing's reads took 9 s in all at 250 000 instead of 15 s row by row.
    let stmt = raw_sql!(
        Postgres,
        "SELECT ratee_id, competency_id, source, answers, level_sum FROM answer_totals
         WHERE campaign_id = {campaign} AND ratee_id BETWEEN {from} AND {to}"
    );
    let cols = [
        "ratee_id",
        "competency_id",
        "source",
        "answers",
        "level_sum",
    ];
    let rows: Vec<(i32, i32, Source, i32, i32)> =
        sql::json_tuples(db, sql::on(db, stmt), &cols).await?;
    let mut out: Stats = HashMap::new();
    for (ratee, comp, source, n, sum) in rows {
        let n = n.max(0) as u32;
        out.entry((ratee, comp))
            .or_default()
            .push((source, n, f64::from(sum)));
    }
    Ok(out)
}
