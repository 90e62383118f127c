//! HR's side of the survey: the units' index for a year with the responses held
//! back for review, and the review itself: a held response is counted, or any
//! response is excluded with a reason. Both are audited; nothing is ever deleted.

use super::results::{of_year, year_bounds};
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::server::entities::{by_ids, service_unit, survey_response};
use crate::server::{db, write_tx, Db};
use crate::survey::model::{ResponseState, ReviewedResponse, SkmOverview};
use chrono::Datelike;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use serde_json::json;

/// An exclusion's reason: this many characters at least, and at most.
pub const REASON_MIN: usize = 10;
pub const REASON_MAX: usize = 500;
/// HR's list shows this many held or excluded responses, newest first.
const LISTED: u64 = 200;

/// HR's survey page for `year` (this year when `None`).
pub async fn overview(db: &Db, actor: &Actor, year: Option<i32>) -> Result<SkmOverview, AppError> {
    let agency = actor.hr_agency().ok_or(AppError::Forbidden)?;
    let this = db::today().year();
    let year = year.unwrap_or(this).clamp(2000, this);
    let units = of_year(db, agency, year).await?;
    let (from, to) = year_bounds(year);
    let rows = survey_response::Entity::find()
        .filter(survey_response::Column::AgencyId.eq(agency))
        .filter(survey_response::Column::State.ne(ResponseState::Counted))
        .filter(survey_response::Column::SubmittedAt.gte(from))
        .filter(survey_response::Column::SubmittedAt.lt(to))
        .order_by_desc(survey_response::Column::SubmittedAt)
        .limit(LISTED)
        .all(db)
        .await?;
    let names = by_ids::<service_unit::Model>(db, rows.iter().map(|r| r.service_unit_id)).await?;
    let held = rows
        .into_iter()
        .map(|r| ReviewedResponse {
            id: r.id,
            unit_name: names
                .get(&r.service_unit_id)
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            submitted_at: r.submitted_at.to_rfc3339(),
            answers: [r.u1, r.u2, r.u3, r.u4, r.u5, r.u6, r.u7, r.u8, r.u9],
            flag: r.flag,
            fill_secs: r.fill_secs,
            suggestion: r.suggestion,
            state: r.state,
            reason: r.review_reason,
        })
        .collect();
    Ok(SkmOverview {
        year,
        years: (this - 4..=this).rev().collect(),
        units,
        held,
        chart: None,
    })
}

/// Counts held response `id` (`count`), or excludes it with `reason`.
pub async fn review(
    db: &Db,
    actor: &Actor,
    id: i32,
    count: bool,
    reason: &str,
) -> Result<(), AppError> {
    let agency = actor.hr_agency().ok_or(AppError::Forbidden)?;
    let reason = reason.trim();
    if !count && !(REASON_MIN..=REASON_MAX).contains(&reason.chars().count()) {
        return Err(AppError::field("reason", K::SkmReasonLength));
    }
    let tx = write_tx(db).await?;
    let r = survey_response::Entity::find_by_id(id)
        .filter(survey_response::Column::AgencyId.eq(agency))
        .one(&tx)
        .await?
        .ok_or(AppError::NotFound)?;
    let to = if count {
        ResponseState::Counted
    } else {
        ResponseState::Excluded
    };
    if r.state == to || (count && r.state != ResponseState::Held) {
        // Already so, or an excluded response: it stays as decided.
        return Err(AppError::Conflict(Msg::new(K::SkmAlreadyReviewed)));
    }
    let from = r.state;
    let mut a: survey_response::ActiveModel = r.into();
    a.state = Set(to);
    a.reviewed_by = Set(Some(actor.user_id));
    a.reviewed_at = Set(Some(db::now()));
    a.review_reason = Set((!reason.is_empty()).then(|| reason.to_string()));
    a.update(&tx).await?;
    let summary = json!({ "from": from.code(), "to": to.code(), "reason": reason });
    audit::commit(tx, actor, agency, "review", "survey_response", id, summary).await?;
    Ok(())
}
