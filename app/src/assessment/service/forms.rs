//! A rater's side: the to-do list and one form per ratee. Drafts may be saved as
//! often as needed; a submitted form is final and is folded into the campaign's
//! totals (`totals`). Only the rater reads their form, and only while it exists for
//! them.

use super::{campaign, campaign_shared, day};
use crate::assessment::model::*;
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::competency::service::dictionary::levels_of;
use crate::competency::service::standards::competencies_of;
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::server::entities::{answer, campaign_ratee, campaign_rater, employee, position};
use crate::server::{db, sql, write_tx, Db};
use chrono::NaiveDate;
use sea_orm::{
    raw_sql, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult,
    QueryFilter, QuerySelect, Set,
};
use serde_json::json;
use std::collections::HashMap;

#[derive(FromQueryResult)]
struct Todo {
    id: i32,
    source: Source,
    status: RaterStatus,
    campaign: String,
    ends_on: NaiveDate,
    ratee: String,
    position: String,
}

/// The actor's forms in running campaigns: earliest deadline first, then their own
/// form, their subordinates', and colleagues' by name.
pub async fn todo(db: &Db, actor: &Actor) -> Result<Vec<TodoItem>, AppError> {
    let me = actor.employee_id.ok_or(AppError::Forbidden)?;
    let running = CampaignStatus::Running;
    // SQL: a list page joining the form, its campaign, the ratee and their position.
    let stmt = raw_sql!(
        Postgres,
        "SELECT r.id, r.source, r.status, c.name AS campaign, c.ends_on, e.name AS ratee,
           p.name AS position FROM campaign_raters r JOIN campaigns c ON c.id = r.campaign_id
         JOIN campaign_ratees t ON t.campaign_id = r.campaign_id AND t.employee_id = r.ratee_id
         JOIN employees e ON e.id = r.ratee_id JOIN positions p ON p.id = t.position_id
         WHERE r.rater_id = {me} AND c.status = {running}"
    );
    let mut rows = sql::all::<Todo>(db, stmt).await?;
    let rank = |s: Source| match s {
        Source::SelfRating => 0,
        Source::Supervisor => 1,
        _ => 2,
    };
    rows.sort_by(|a, b| {
        (a.ends_on, rank(a.source), &a.ratee).cmp(&(b.ends_on, rank(b.source), &b.ratee))
    });
    let today = db::today();
    Ok(rows
        .into_iter()
        .map(|t| TodoItem {
            rater_row: t.id,
            campaign: t.campaign,
            ends_on: day(t.ends_on),
            ratee: t.ratee,
            position: t.position,
            source: t.source,
            status: t.status,
            open: running.accepts_answers(today, t.ends_on),
        })
        .collect())
}

/// The actor's own form and the ratee's entry in its campaign.
struct Own {
    form: campaign_rater::Model,
    ratee: campaign_ratee::Model,
}

/// `lock`: the form's row stays locked until the transaction ends (PostgreSQL), so
/// two saves of one form (two tabs) take turns instead of racing.
async fn own(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
    lock: bool,
) -> Result<Own, AppError> {
    let mut q = campaign_rater::Entity::find_by_id(id);
    if lock {
        q = q.lock_exclusive();
    }
    let form = q.one(db).await?.ok_or(AppError::NotFound)?;
    if actor.employee_id != Some(form.rater_id) {
        // Not even HR opens somebody else's form: it is the rater's own answer.
        return Err(AppError::Forbidden);
    }
    let ratee = campaign_ratee::Entity::find()
        .filter(campaign_ratee::Column::CampaignId.eq(form.campaign_id))
        .filter(campaign_ratee::Column::EmployeeId.eq(form.ratee_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Own { form, ratee })
}

pub async fn form(db: &Db, actor: &Actor, id: i32) -> Result<RatingForm, AppError> {
    let Own { form, ratee } = own(db, actor, id, false).await?;
    let c = campaign(db, form.campaign_id).await?;
    // A peer's or subordinate's sent form keeps no levels (`totals`), and once the
    // campaign has ended none of its answers are kept at all.
    let sealed = form.source.is_anonymous()
        && (c.row.status.ended() || form.status == RaterStatus::Submitted);
    let name = employee::Entity::find_by_id(ratee.employee_id)
        .one(db)
        .await?;
    let position = position::Entity::find_by_id(ratee.position_id)
        .one(db)
        .await?;
    let competencies = if sealed {
        Vec::new()
    } else {
        competencies_of(db, ratee.standard_id).await?
    };
    let ids: Vec<i32> = competencies.iter().map(|(c, _)| c.id).collect();
    let mut levels = levels_of(db, &ids).await?;
    let mut answers: HashMap<i32, answer::Model> = answer::Entity::find()
        .filter(answer::Column::RaterRowId.eq(id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.competency_id, a))
        .collect();
    let items = competencies
        .into_iter()
        .map(|(comp, required)| {
            let given = answers.remove(&comp.id);
            FormItem {
                competency_id: comp.id,
                levels: levels.remove(&comp.id).unwrap_or_default(),
                level: given.as_ref().and_then(|a| a.level).map(|l| l as u8),
                comment: given.and_then(|a| a.comment).unwrap_or_default(),
                required_level: required as u8,
                code: comp.code,
                name: comp.name,
                definition: comp.definition,
            }
        })
        .collect();
    let open = c.row.status.accepts_answers(db::today(), c.row.ends_on);
    Ok(RatingForm {
        rater_row: id,
        campaign: c.row.name,
        ends_on: day(c.row.ends_on),
        ratee: name.map(|e| e.name).unwrap_or_default(),
        position: position.map(|p| p.name).unwrap_or_default(),
        source: form.source,
        editable: form.status != RaterStatus::Submitted && open,
        sealed,
        status: form.status,
        items,
    })
}

/// Saves a draft, or submits the form (final).
pub async fn save(
    db: &Db,
    actor: &Actor,
    id: i32,
    posted: &[AnswerInput],
    submit: bool,
) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let Own { form, ratee } = own(&tx, actor, id, true).await?;
    let c = campaign_shared(&tx, form.campaign_id).await?;
    if form.status == RaterStatus::Submitted {
        return Err(AppError::Conflict(Msg::new(K::ErrFormSubmitted)));
    }
    if !c.row.status.accepts_answers(db::today(), c.row.ends_on) {
        let msg = Msg::new(K::ErrFormClosed).with("date", day(c.row.ends_on));
        return Err(AppError::Conflict(msg));
    }
    let allowed: Vec<i32> = competencies_of(&tx, ratee.standard_id)
        .await?
        .iter()
        .map(|(c, _)| c.id)
        .collect();
    let answers = crate::assessment::input::check_answers(posted, &allowed, submit)?;
    answer::Entity::delete_many()
        .filter(answer::Column::RaterRowId.eq(id))
        .exec(&tx)
        .await?;
    let rows = answers
        .iter()
        .map(|(cid, level, comment)| answer::ActiveModel {
            agency_id: Set(form.agency_id),
            rater_row_id: Set(id),
            competency_id: Set(*cid),
            level: Set(level.map(i16::from)),
            comment: Set(comment.clone()),
            ..Default::default()
        });
    sql::insert_many(&tx, rows.collect()).await?;
    let (agency, campaign_id) = (form.agency_id, form.campaign_id);
    let mut m: campaign_rater::ActiveModel = form.into();
    m.status = Set(if submit {
        RaterStatus::Submitted
    } else {
        RaterStatus::Draft
    });
    m.submitted_at = Set(submit.then(db::now));
    m.update(&tx).await?;
    if submit {
        super::totals::fold(&tx, campaign_id, id..=id).await?;
    }
    // The audit trail records that a form was saved, not what it said: the answers
    // of anonymous sources must not be readable next to the rater's name.
    let action = if submit { "submit" } else { "save_draft" };
    let summary = json!({ "campaign_id": campaign_id, "answers": answers.len() });
    audit::commit(tx, actor, agency, action, "rating_form", id, summary).await?;
    Ok(())
}
