//! Ratified standards for everyone: the public list (no login) and what a
//! logged-in ASN reads, their own position's standard first (with a draft open for
//! their comment, if any).

use crate::auth::model::Actor;
use crate::competency::model::PublishedStandard;
use crate::error::AppError;
use crate::people::service::supervision::current_assignment;
use crate::server::{sql, Db};
use sea_orm::ConnectionTrait;

async fn ratified(
    db: &impl ConnectionTrait,
    agency: Option<i32>,
) -> Result<Vec<PublishedStandard>, AppError> {
    let (filter, values) = match agency {
        Some(a) => ("AND s.agency_id = $1", vec![a.into()]),
        None => ("", vec![]),
    };
    let rows = sql::all(
        db,
        &format!(
            "SELECT s.id, g.name AS agency_name, p.name AS position_name, p.job_level, s.version, s.ratified_at \
             FROM standards s JOIN positions p ON p.id = s.position_id JOIN agencies g ON g.id = s.agency_id \
             WHERE s.status = 'ratified' {filter} ORDER BY g.name, p.name"
        ),
        values,
    )
    .await?;
    rows.iter()
        .map(|r| {
            let at: Option<chrono::DateTime<chrono::Utc>> = sql::get(r, "ratified_at")?;
            Ok(PublishedStandard {
                id: sql::get(r, "id")?,
                agency_name: sql::get(r, "agency_name")?,
                position_name: sql::get(r, "position_name")?,
                job_level: sql::get(r, "job_level")?,
                version: sql::get(r, "version")?,
                ratified_at: at
                    .map(|t| t.format("%d-%m-%Y").to_string())
                    .unwrap_or_default(),
            })
        })
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(AppError::from)
}

/// Every ratified standard of every agency (public).
pub async fn public_list(db: &Db) -> Result<Vec<PublishedStandard>, AppError> {
    ratified(db, None).await
}

/// For a logged-in ASN: the standards of their own position (in force, and a draft
/// open for comment) and every ratified standard of their agency.
pub async fn for_member(
    db: &Db,
    actor: &Actor,
) -> Result<(Vec<(i32, i32, String)>, Vec<PublishedStandard>), AppError> {
    let agency = actor.agency_id.ok_or(AppError::Forbidden)?;
    let mut own = Vec::new();
    if let Some(me) = actor.employee_id {
        if let Some(a) = current_assignment(db, me).await? {
            for r in sql::all(
                db,
                "SELECT id, version, status FROM standards WHERE position_id = $1 \
                 AND status IN ('open', 'ratified') ORDER BY version DESC",
                vec![a.position_id.into()],
            )
            .await?
            {
                own.push((
                    sql::get(&r, "id")?,
                    sql::get(&r, "version")?,
                    sql::get(&r, "status")?,
                ));
            }
        }
    }
    Ok((own, ratified(db, Some(agency)).await?))
}
