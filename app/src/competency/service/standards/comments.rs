//! Comments on a standard open for comment, and HR's answers.

use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::competency::model::StandardComment;
use crate::competency::rules::StandardStatus;
use crate::error::{AppError, FieldError, Msg};
use crate::i18n::K;
use crate::server::{db, sql, write_tx, Db};
use sea_orm::ConnectionTrait;
use serde_json::json;

use super::{access, rights, row};

pub(super) async fn list(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Vec<StandardComment>, AppError> {
    let rows = sql::all(
        db,
        "SELECT id, author_name, body, answer, created_at FROM standard_comments \
         WHERE standard_id = $1 ORDER BY created_at, id",
        vec![id.into()],
    )
    .await?;
    rows.iter()
        .map(|r| {
            let at: chrono::DateTime<chrono::Utc> = sql::get(r, "created_at")?;
            Ok(StandardComment {
                id: sql::get(r, "id")?,
                author: sql::get(r, "author_name")?,
                body: sql::get(r, "body")?,
                answer: sql::get(r, "answer")?,
                at: at.format("%d-%m-%Y %H:%M").to_string(),
            })
        })
        .collect()
}

fn text(body: &str, field: &str) -> Result<String, AppError> {
    let b = body.trim();
    if b.is_empty() {
        return Err(AppError::field(field, K::ErrRequired));
    }
    if b.chars().count() > 2000 {
        return Err(AppError::Validation(vec![FieldError::new(
            field,
            K::ErrTooLong,
        )
        .with("max", 2000)]));
    }
    Ok(b.to_string())
}

/// A holder or unit leader comments on an open standard.
pub async fn comment(db: &Db, actor: &Actor, id: i32, body: &str) -> Result<i32, AppError> {
    let body = text(body, "body")?;
    let tx = write_tx(db).await?;
    let s = row(&tx, id).await?;
    let acc = access(&tx, actor, &s).await?;
    if !rights(Some(acc), s.status).is_some_and(|r| r.comment) {
        return Err(if s.status == StandardStatus::Open {
            AppError::Forbidden
        } else {
            AppError::Conflict(Msg::new(K::ErrStandardNotOpen))
        });
    }
    let r = sql::one(
        &tx,
        "INSERT INTO standard_comments (agency_id, standard_id, user_id, author_name, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        vec![s.agency_id.into(), id.into(), actor.user_id.into(), actor.display_name.clone().into(), body.clone().into(), db::now().into()],
    )
    .await?
    .ok_or_else(|| AppError::from(sea_orm::DbErr::RecordNotInserted))?;
    let cid: i32 = sql::get(&r, "id")?;
    audit::change(
        &tx,
        actor,
        s.agency_id,
        "comment",
        "standard",
        id,
        json!({ "comment_id": cid, "body": body }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(cid)
}

/// HR answers a comment on an open standard.
pub async fn answer(db: &Db, actor: &Actor, comment_id: i32, body: &str) -> Result<(), AppError> {
    let body = text(body, "answer")?;
    let tx = write_tx(db).await?;
    let c = sql::one(
        &tx,
        "SELECT standard_id FROM standard_comments WHERE id = $1",
        vec![comment_id.into()],
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let s = row(&tx, sql::get(&c, "standard_id")?).await?;
    if !actor.is_hr_of(s.agency_id) {
        return Err(AppError::Forbidden);
    }
    if s.status != StandardStatus::Open {
        return Err(AppError::Conflict(Msg::new(K::ErrStandardNotOpen)));
    }
    sql::exec(
        &tx,
        "UPDATE standard_comments SET answer = $1, answered_by_user_id = $2, answered_at = $3 WHERE id = $4",
        vec![body.clone().into(), actor.user_id.into(), db::now().into(), comment_id.into()],
    )
    .await?;
    audit::change(
        &tx,
        actor,
        s.agency_id,
        "answer",
        "standard_comment",
        comment_id,
        json!({ "answer": body }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}
