//! HR's switch for named unit rankings inside the agency. Off by default: a ranking
//! by name is shown only when the agency decides so, and then only of the people who
//! consented (`standing`). Never part of a public page or snapshot.

use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::server::entities::agency;
use crate::server::{write_tx, Db};
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::json;

/// Whether HR's agency shows named unit rankings.
pub async fn is_on(db: &Db, actor: &Actor) -> Result<bool, AppError> {
    let id = actor.hr_agency().ok_or(AppError::Forbidden)?;
    let a = agency::Entity::find_by_id(id).one(db).await?;
    Ok(a.ok_or(AppError::NotFound)?.named_ranking)
}

/// Switches named unit rankings on or off for HR's agency.
pub async fn set(db: &Db, actor: &Actor, on: bool) -> Result<(), AppError> {
    let id = actor.hr_agency().ok_or(AppError::Forbidden)?;
    let tx = write_tx(db).await?;
    let a = agency::Entity::find_by_id(id)
        .one(&tx)
        .await?
        .ok_or(AppError::NotFound)?;
    if a.named_ranking == on {
        // Already so: nothing changes, so nothing to record.
        return Ok(());
    }
    let mut row: agency::ActiveModel = a.into();
    row.named_ranking = Set(on);
    row.update(&tx).await?;
    audit::commit(
        tx,
        actor,
        id,
        "named_ranking",
        "agency",
        id,
        json!({ "on": on }),
    )
    .await?;
    Ok(())
}
