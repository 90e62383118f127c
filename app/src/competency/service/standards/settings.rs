//! The agency's settings for standards: the minimum comment period before ratifying.

use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::i18n::K;
use crate::org::service::hr_agency;
use crate::server::entities::agency;
use crate::server::{write_tx, Db};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

/// HR sets how many days a standard stays open for comment at least (1 to 60).
pub async fn set_comment_days(db: &Db, actor: &Actor, days: i64) -> Result<(), AppError> {
    let agency = hr_agency(actor)?;
    if !(1..=60).contains(&days) {
        return Err(AppError::field("days", K::ErrCommentDays));
    }
    let tx = write_tx(db).await?;
    agency::Entity::update_many()
        .col_expr(agency::Column::CommentDays, Expr::value(days as i16))
        .filter(agency::Column::Id.eq(agency))
        .exec(&tx)
        .await?;
    let summary = json!({ "comment_days": days });
    audit::commit(
        tx,
        actor,
        agency,
        "set_comment_days",
        "agency",
        agency,
        summary,
    )
    .await?;
    Ok(())
}

/// The agency's minimum comment period, for HR's settings form.
pub async fn comment_days(db: &Db, actor: &Actor) -> Result<i16, AppError> {
    let agency = hr_agency(actor)?;
    let a = agency::Entity::find_by_id(agency)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(a.comment_days)
}
