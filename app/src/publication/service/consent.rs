//! A person's consent to be named: given and revoked by the person only, for their
//! own record. Revoking the honour list's consent deletes their entries beside every
//! snapshot in the same transaction (the snapshots keep only salted hashes, which
//! say nothing without the entry and salt), so the name is gone everywhere at once.

use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::publication::model::{ConsentKind, ConsentState};
use crate::server::entities::{consent, employee, snapshot_name};
use crate::server::{db, write_tx, Db};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

/// Every kind of consent, with whether the reader gives it now and since when.
pub async fn mine(db: &Db, actor: &Actor) -> Result<Vec<ConsentState>, AppError> {
    let emp = actor.employee_id.ok_or(AppError::Forbidden)?;
    let rows = consent::Entity::find()
        .filter(consent::Column::EmployeeId.eq(emp))
        .all(db)
        .await?;
    Ok(ConsentKind::ALL
        .iter()
        .map(|&kind| {
            let row = rows.iter().find(|r| r.kind == kind);
            ConsentState {
                kind,
                given: row.is_some_and(|r| r.revoked_at.is_none()),
                since: row.map(|r| r.revoked_at.unwrap_or(r.given_at).to_rfc3339()),
            }
        })
        .collect())
}

/// Gives (`given`) or revokes the reader's consent of `kind`.
pub async fn set(db: &Db, actor: &Actor, kind: ConsentKind, given: bool) -> Result<(), AppError> {
    let emp = actor.employee_id.ok_or(AppError::Forbidden)?;
    let person = employee::Entity::find_by_id(emp)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let tx = write_tx(db).await?;
    let now = db::now();
    let row = consent::Entity::find()
        .filter(consent::Column::EmployeeId.eq(emp))
        .filter(consent::Column::Kind.eq(kind))
        .one(&tx)
        .await?;
    let id = match (row, given) {
        (Some(r), true) => {
            let mut a: consent::ActiveModel = r.into();
            a.given_at = Set(now);
            a.revoked_at = Set(None);
            a.update(&tx).await?.id
        }
        (Some(r), false) => {
            let mut a: consent::ActiveModel = r.into();
            a.revoked_at = Set(Some(now));
            a.update(&tx).await?.id
        }
        (None, true) => {
            consent::ActiveModel {
                agency_id: Set(person.agency_id),
                employee_id: Set(emp),
                kind: Set(kind),
                given_at: Set(now),
                revoked_at: Set(None),
                ..Default::default()
            }
            .insert(&tx)
            .await?
            .id
        }
        // Nothing given, nothing to revoke: no change, so nothing to record.
        (None, false) => return Ok(()),
    };
    let mut removed = 0;
    if !given {
        removed = snapshot_name::Entity::delete_many()
            .filter(snapshot_name::Column::EmployeeId.eq(emp))
            .filter(snapshot_name::Column::List.eq(kind))
            .exec(&tx)
            .await?
            .rows_affected;
    }
    let action = if given { "consent" } else { "revoke_consent" };
    let summary = json!({ "kind": kind.code(), "names_removed": removed });
    audit::commit(tx, actor, person.agency_id, action, "consent", id, summary).await?;
    Ok(())
}
