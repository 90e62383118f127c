//! Comments on a standard open for comment, and HR's answers.

use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::competency::model::StandardComment;
use crate::competency::rules::StandardStatus;
use crate::error::{AppError, FieldError, Msg};
use crate::i18n::K;
use crate::server::entities::standard_comment;
use crate::server::{db, write_tx, Db};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde_json::json;

use super::{access, rights, row};

pub(super) async fn list(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Vec<StandardComment>, AppError> {
    let rows = standard_comment::Entity::find()
        .filter(standard_comment::Column::StandardId.eq(id))
        .order_by_asc(standard_comment::Column::CreatedAt)
        .order_by_asc(standard_comment::Column::Id)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|c| StandardComment {
            id: c.id,
            author: c.author_name,
            body: c.body,
            answer: c.answer,
            at: c.created_at.format("%Y-%m-%d %H:%M").to_string(),
        })
        .collect())
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
    let cid = standard_comment::ActiveModel {
        agency_id: Set(s.agency_id),
        standard_id: Set(id),
        user_id: Set(actor.user_id),
        author_name: Set(actor.display_name.clone()),
        body: Set(body.clone()),
        ..Default::default()
    }
    .insert(&tx)
    .await?
    .id;
    audit::commit(
        tx,
        actor,
        s.agency_id,
        "comment",
        "standard",
        id,
        json!({ "comment_id": cid, "body": body }),
    )
    .await?;
    Ok(cid)
}

/// HR answers a comment on an open standard.
pub async fn answer(db: &Db, actor: &Actor, comment_id: i32, body: &str) -> Result<(), AppError> {
    let body = text(body, "answer")?;
    let tx = write_tx(db).await?;
    let c = standard_comment::Entity::find_by_id(comment_id)
        .one(&tx)
        .await?
        .ok_or(AppError::NotFound)?;
    let s = row(&tx, c.standard_id).await?;
    if !actor.is_hr_of(s.agency_id) {
        return Err(AppError::Forbidden);
    }
    if s.status != StandardStatus::Open {
        return Err(AppError::Conflict(Msg::new(K::ErrStandardNotOpen)));
    }
    let mut m: standard_comment::ActiveModel = c.into();
    m.answer = Set(Some(body.clone()));
    m.answered_by_user_id = Set(Some(actor.user_id));
    m.answered_at = Set(Some(db::now()));
    m.update(&tx).await?;
    audit::commit(
        tx,
        actor,
        s.agency_id,
        "answer",
        "standard_comment",
        comment_id,
        json!({ "answer": body }),
    )
    .await?;
    Ok(())
}
