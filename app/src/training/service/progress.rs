//! What a dashboard shows of a person's training: the JP bar, the plan, and the
//! trainings passed between their last two campaigns beside how the gap of each
//! competency they build changed.

use super::plan::{jp_year, plan_items, rated_in, results_of, Measured};
use crate::error::AppError;
use crate::server::entities::{by_ids, employee, enrolment, programme};
use crate::server::Db;
use crate::training::model::{Between, EnrolStatus, Progress};
use crate::training::rules;
use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// Passed trainings of `emp` completed in `(after, until]`: (programme name, the
/// competencies it builds).
async fn passed_between(
    db: &impl ConnectionTrait,
    emp: i32,
    after: NaiveDate,
    until: NaiveDate,
) -> Result<Vec<(String, Vec<i32>)>, AppError> {
    let done = enrolment::Entity::find()
        .filter(enrolment::Column::EmployeeId.eq(emp))
        .filter(enrolment::Column::Status.eq(EnrolStatus::Passed))
        .all(db)
        .await?
        .into_iter()
        .filter(|e| {
            e.completed_on
                .is_some_and(|d| rules::between(d, after, until))
        });
    let ids: Vec<i32> = done.map(|e| e.programme_id).collect();
    let progs = by_ids::<programme::Model>(db, ids.iter().copied()).await?;
    let builds = super::catalogue::builds_of(db, &ids).await?;
    Ok(ids
        .iter()
        .filter_map(|id| {
            let comps = builds
                .get(id)
                .map(|b| b.iter().map(|b| b.competency_id).collect());
            Some((progs.get(id)?.name.clone(), comps.unwrap_or_default()))
        })
        .collect())
}

/// What the dashboard shows of `e`'s training (the reader was checked by the caller).
pub async fn progress(
    db: &Db,
    e: &employee::Model,
    today: NaiveDate,
) -> Result<Progress, AppError> {
    let mut out = Progress {
        jp: jp_year(db, e.id, today).await?,
        plan: plan_items(db, &[e.id])
            .await?
            .into_iter()
            .map(|p| p.1)
            .collect(),
        ..Default::default()
    };
    let rated = rated_in(db, e.id).await?;
    let [.., a, b] = rated.as_slice() else {
        return Ok(out);
    };
    let closed = a.closed_at.map(|t| t.date_naive()).unwrap_or(a.starts_on);
    let trained = passed_between(db, e.id, closed, b.starts_on).await?;
    let before: HashMap<i32, Measured> = results_of(db, e.id, a.id)
        .await?
        .into_iter()
        .map(|r| (r.competency_id, r))
        .collect();
    out.campaigns = Some((a.name.clone(), b.name.clone()));
    for r in results_of(db, e.id, b.id).await? {
        let trainings: Vec<String> = trained
            .iter()
            .filter(|t| t.1.contains(&r.competency_id))
            .map(|t| t.0.clone())
            .collect();
        let old = before.get(&r.competency_id);
        let (Some(m_after), Some(m_before)) = (r.measured, old.and_then(|o| o.measured)) else {
            continue;
        };
        if trainings.is_empty() {
            continue;
        }
        out.between.push(Between {
            code: r.code,
            name: r.name,
            gap_before: f64::from(old.map(|o| o.required_level).unwrap_or(r.required_level))
                - m_before,
            gap_after: f64::from(r.required_level) - m_after,
            trainings,
        });
    }
    Ok(out)
}
