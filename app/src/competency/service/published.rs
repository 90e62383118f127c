//! Ratified standards for everyone: the public list (no login) and what a
//! logged-in ASN reads, their own position's standard first (with a draft open for
//! their comment, if any).

use crate::auth::model::Actor;
use crate::competency::model::{InvitedStandard, PublishedStandard};
use crate::error::AppError;
use crate::org::service::{id_list, units_under};
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

fn invited(r: &sea_orm::QueryResult, own: bool) -> Result<InvitedStandard, sea_orm::DbErr> {
    Ok(InvitedStandard {
        id: sql::get(r, "id")?,
        version: sql::get(r, "version")?,
        status: sql::get(r, "status")?,
        position_name: sql::get(r, "name")?,
        own,
    })
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
) -> Result<(Vec<InvitedStandard>, Vec<PublishedStandard>), AppError> {
    let agency = actor.agency_id.ok_or(AppError::Forbidden)?;
    let mut own = Vec::new();
    if let Some(me) = actor.employee_id {
        if let Some(a) = current_assignment(db, me).await? {
            for r in sql::all(
                db,
                "SELECT s.id, s.version, s.status, p.name FROM standards s JOIN positions p ON p.id = s.position_id \
                 WHERE s.position_id = $1 AND s.status IN ('open', 'ratified') ORDER BY s.version DESC",
                vec![a.position_id.into()],
            )
            .await?
            {
                own.push(invited(&r, true)?);
            }
        }
    }
    // A unit leader is invited to comment on the open drafts of positions held in
    // the units they lead (and below).
    let led = actor.led_units(agency);
    if !led.is_empty() {
        let units = id_list(&units_under(db, agency, &led).await?);
        for r in sql::all(
            db,
            &format!(
                "SELECT DISTINCT s.id, s.version, s.status, p.name FROM standards s \
                 JOIN positions p ON p.id = s.position_id JOIN assignments a ON a.position_id = s.position_id AND a.end_date IS NULL \
                 WHERE s.status = 'open' AND a.unit_id IN ({units}) ORDER BY s.id"
            ),
            vec![],
        )
        .await?
        {
            let entry = invited(&r, false)?;
            if !own.iter().any(|o| o.id == entry.id) {
                own.push(entry);
            }
        }
    }
    Ok((own, ratified(db, Some(agency)).await?))
}
