//! A rater's side: the to-do list and one form per ratee. Drafts may be saved as
//! often as needed; a submitted form is final. Only the rater reads their form, and
//! only while it exists for them.

use super::{campaign, day};
use crate::assessment::model::*;
use crate::assessment::rules::CampaignStatus;
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::competency::rules::Level;
use crate::competency::service::dictionary::levels_of;
use crate::error::{AppError, FieldError, Msg, Problems};
use crate::i18n::K;
use crate::server::{db, sql, write_tx, Db};
use sea_orm::ConnectionTrait;
use serde_json::json;
use std::collections::HashMap;

pub async fn todo(db: &Db, actor: &Actor) -> Result<Vec<TodoItem>, AppError> {
    let me = actor.employee_id.ok_or(AppError::Forbidden)?;
    let today = db::today();
    let rows = sql::all(
        db,
        "SELECT r.id, r.source, r.status, c.name AS campaign, c.status AS cstatus, c.ends_on, e.name AS ratee, \
           p.name AS position FROM campaign_raters r JOIN campaigns c ON c.id = r.campaign_id \
         JOIN campaign_ratees t ON t.campaign_id = r.campaign_id AND t.employee_id = r.ratee_id \
         JOIN employees e ON e.id = r.ratee_id JOIN positions p ON p.id = t.position_id \
         WHERE r.rater_id = $1 AND c.status = 'running' \
         ORDER BY c.ends_on, CASE r.source WHEN 'self' THEN 0 WHEN 'supervisor' THEN 1 ELSE 2 END, e.name",
        vec![me.into()],
    )
    .await?;
    rows.iter()
        .map(|r| {
            let ends: chrono::NaiveDate = sql::get(r, "ends_on")?;
            let status = CampaignStatus::parse(&sql::get::<String>(r, "cstatus")?)
                .unwrap_or(CampaignStatus::Closed);
            Ok(TodoItem {
                rater_row: sql::get(r, "id")?,
                campaign: sql::get(r, "campaign")?,
                ends_on: day(ends),
                ratee: sql::get(r, "ratee")?,
                position: sql::get(r, "position")?,
                source: sql::get(r, "source")?,
                status: sql::get(r, "status")?,
                open: status.accepts_answers(today, ends),
            })
        })
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(AppError::from)
}

struct RaterRow {
    agency_id: i32,
    campaign_id: i32,
    ratee_id: i32,
    standard_id: i32,
    source: String,
    status: String,
}

/// The rater row, if it is the actor's own.
async fn own_row(db: &impl ConnectionTrait, actor: &Actor, id: i32) -> Result<RaterRow, AppError> {
    let r = sql::one(
        db,
        "SELECT r.agency_id, r.campaign_id, r.ratee_id, r.rater_id, r.source, r.status, t.standard_id \
         FROM campaign_raters r JOIN campaign_ratees t ON t.campaign_id = r.campaign_id AND t.employee_id = r.ratee_id \
         WHERE r.id = $1",
        vec![id.into()],
    )
    .await?
    .ok_or(AppError::NotFound)?;
    if actor.employee_id != Some(sql::get::<i32>(&r, "rater_id")?) {
        // Not even HR opens somebody else's form: it is the rater's own answer.
        return Err(AppError::Forbidden);
    }
    Ok(RaterRow {
        agency_id: sql::get(&r, "agency_id")?,
        campaign_id: sql::get(&r, "campaign_id")?,
        ratee_id: sql::get(&r, "ratee_id")?,
        standard_id: sql::get(&r, "standard_id")?,
        source: sql::get(&r, "source")?,
        status: sql::get(&r, "status")?,
    })
}

pub async fn form(db: &Db, actor: &Actor, id: i32) -> Result<RatingForm, AppError> {
    let row = own_row(db, actor, id).await?;
    let c = campaign(db, row.campaign_id).await?;
    let ratee = sql::one(
        db,
        "SELECT e.name, p.name AS position FROM employees e JOIN campaign_ratees t ON t.employee_id = e.id \
         JOIN positions p ON p.id = t.position_id WHERE t.campaign_id = $1 AND e.id = $2",
        vec![row.campaign_id.into(), row.ratee_id.into()],
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let items = sql::all(
        db,
        "SELECT c.id, c.code, c.name, c.definition, i.required_level FROM standard_items i \
         JOIN competencies c ON c.id = i.competency_id WHERE i.standard_id = $1 \
         ORDER BY CASE c.grp WHEN 'manajerial' THEN 0 WHEN 'sosial_kultural' THEN 1 ELSE 2 END, c.code",
        vec![row.standard_id.into()],
    )
    .await?;
    let ids: Vec<i32> = items
        .iter()
        .filter_map(|r| sql::get(r, "id").ok())
        .collect();
    let mut levels = levels_of(db, &ids).await?;
    let answers: HashMap<i32, (Option<i16>, Option<String>)> = sql::all(
        db,
        "SELECT competency_id, level, comment FROM answers WHERE rater_row_id = $1",
        vec![id.into()],
    )
    .await?
    .iter()
    .map(|r| {
        Ok((
            sql::get(r, "competency_id")?,
            (sql::get(r, "level")?, sql::get(r, "comment")?),
        ))
    })
    .collect::<Result<_, sea_orm::DbErr>>()?;
    let items = items
        .iter()
        .map(|r| {
            let cid: i32 = sql::get(r, "id")?;
            let (level, comment) = answers.get(&cid).cloned().unwrap_or((None, None));
            Ok(FormItem {
                competency_id: cid,
                code: sql::get(r, "code")?,
                name: sql::get(r, "name")?,
                definition: sql::get(r, "definition")?,
                required_level: sql::get::<i16>(r, "required_level")? as u8,
                levels: levels.remove(&cid).unwrap_or_default(),
                level: level.map(|l| l as u8),
                comment: comment.unwrap_or_default(),
            })
        })
        .collect::<Result<_, sea_orm::DbErr>>()?;
    Ok(RatingForm {
        rater_row: id,
        campaign: c.name,
        ends_on: day(c.ends_on),
        ratee: sql::get(&ratee, "name")?,
        position: sql::get(&ratee, "position")?,
        source: row.source,
        editable: row.status != "submitted" && c.status.accepts_answers(db::today(), c.ends_on),
        status: row.status,
        items,
    })
}

/// One checked answer: competency, level (None in a draft), comment.
type Answer = (i32, Option<u8>, Option<String>);

/// Checks posted answers against the form's competencies. A draft may leave levels
/// empty; a submission may not.
fn check(posted: &[AnswerInput], allowed: &[i32], submit: bool) -> Result<Vec<Answer>, AppError> {
    let mut p = Problems::default();
    let mut out = Vec::new();
    for (i, a) in posted.iter().enumerate() {
        let Some(cid) = a
            .competency_id
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|c| allowed.contains(c))
        else {
            p.add(FieldError::new(
                &format!("items[{i}]"),
                K::ErrCompetencyUnknown,
            ));
            continue;
        };
        let level = match a.level.trim() {
            "" => None,
            s => match s.parse::<i64>().ok().and_then(Level::new) {
                Some(l) => Some(l.get()),
                None => {
                    p.add(FieldError::new(&format!("level_{cid}"), K::ErrLevelRange));
                    None
                }
            },
        };
        let comment = a.comment.trim();
        if comment.chars().count() > 2000 {
            p.add(FieldError::new(&format!("comment_{cid}"), K::ErrTooLong).with("max", 2000));
        }
        out.push((
            cid,
            level,
            (!comment.is_empty()).then(|| comment.to_string()),
        ));
    }
    if submit {
        for cid in allowed {
            if !out.iter().any(|(c, l, _)| c == cid && l.is_some()) {
                p.add(FieldError::new(&format!("level_{cid}"), K::ErrLevelMissing));
            }
        }
    }
    p.into_result()?;
    Ok(out)
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
    let row = own_row(&tx, actor, id).await?;
    let c = campaign(&tx, row.campaign_id).await?;
    if row.status == "submitted" {
        return Err(AppError::Conflict(Msg::new(K::ErrFormSubmitted)));
    }
    if !c.status.accepts_answers(db::today(), c.ends_on) {
        return Err(AppError::Conflict(
            Msg::new(K::ErrFormClosed).with("date", day(c.ends_on)),
        ));
    }
    let allowed: Vec<i32> = sql::all(
        &tx,
        "SELECT competency_id FROM standard_items WHERE standard_id = $1",
        vec![row.standard_id.into()],
    )
    .await?
    .iter()
    .filter_map(|r| sql::get(r, "competency_id").ok())
    .collect();
    let answers = check(posted, &allowed, submit)?;
    sql::exec(
        &tx,
        "DELETE FROM answers WHERE rater_row_id = $1",
        vec![id.into()],
    )
    .await?;
    let rows = answers
        .iter()
        .map(|(cid, l, comment)| {
            vec![
                row.agency_id.into(),
                id.into(),
                (*cid).into(),
                l.map(i16::from).into(),
                comment.clone().into(),
            ]
        })
        .collect();
    sql::insert_rows(
        &tx,
        "answers",
        &[
            "agency_id",
            "rater_row_id",
            "competency_id",
            "level",
            "comment",
        ],
        rows,
    )
    .await?;
    let status = if submit { "submitted" } else { "draft" };
    let submitted_at = submit.then(db::now);
    sql::exec(
        &tx,
        "UPDATE campaign_raters SET status = $1, submitted_at = $2 WHERE id = $3",
        vec![status.into(), submitted_at.into(), id.into()],
    )
    .await?;
    // The audit trail records that a form was saved, not what it said: the answers
    // of anonymous sources must not be readable next to the rater's name.
    audit::change(
        &tx,
        actor,
        row.agency_id,
        if submit { "submit" } else { "save_draft" },
        "rating_form",
        id,
        json!({ "campaign_id": row.campaign_id, "answers": answers.len() }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(cid: &str, level: &str) -> AnswerInput {
        AnswerInput {
            competency_id: cid.into(),
            level: level.into(),
            comment: String::new(),
        }
    }

    #[test]
    fn a_draft_may_leave_levels_open_but_a_submission_may_not() {
        let posted = [a("1", "3"), a("2", "")];
        assert!(check(&posted, &[1, 2], false).is_ok());
        let e = check(&posted, &[1, 2], true).err().unwrap();
        assert_eq!(e.fields()[0].field, "level_2");
    }

    #[test]
    fn levels_outside_one_to_five_and_foreign_competencies_are_refused() {
        let e = check(&[a("1", "6")], &[1], false).err().unwrap();
        assert_eq!(e.fields()[0].field, "level_1");
        let e = check(&[a("9", "3")], &[1], false).err().unwrap();
        assert_eq!(e.fields()[0].field, "items[0]");
    }
}
