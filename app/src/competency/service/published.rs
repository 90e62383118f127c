//! Ratified standards for everyone: the public list (no login) and what a
//! logged-in ASN reads, their own position's standard first (with a draft open for
//! their comment, if any).

use crate::auth::model::Actor;
use crate::competency::model::{InvitedStandard, MemberStandards, PublishedStandard};
use crate::competency::rules::StandardStatus;
use crate::error::AppError;
use crate::org::service::units_under;
use crate::people::service::supervision::current_assignment;
use crate::server::entities::{agency, assignment, by_ids, position, standard};
use crate::server::Db;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// The positions of the given standards, by id.
async fn positions_of(
    db: &impl ConnectionTrait,
    standards: &[standard::Model],
) -> Result<HashMap<i32, position::Model>, AppError> {
    Ok(by_ids(db, standards.iter().map(|s| s.position_id)).await?)
}

/// Ratified standards of one agency, or of all.
async fn ratified(
    db: &impl ConnectionTrait,
    agency: Option<i32>,
) -> Result<Vec<PublishedStandard>, AppError> {
    let mut q =
        standard::Entity::find().filter(standard::Column::Status.eq(StandardStatus::Ratified));
    if let Some(a) = agency {
        q = q.filter(standard::Column::AgencyId.eq(a));
    }
    let standards = q.all(db).await?;
    let positions = positions_of(db, &standards).await?;
    let agencies = by_ids::<agency::Model>(db, standards.iter().map(|s| s.agency_id)).await?;
    let mut out: Vec<PublishedStandard> = standards
        .into_iter()
        .filter_map(|s| {
            let p = positions.get(&s.position_id)?;
            Some(PublishedStandard {
                id: s.id,
                agency_name: agencies
                    .get(&s.agency_id)
                    .map(|g| g.name.clone())
                    .unwrap_or_default(),
                position_name: p.name.clone(),
                job_level: p.job_level,
                version: s.version,
                ratified_at: s
                    .ratified_at
                    .map(|t| t.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            })
        })
        .collect();
    out.sort_by(|a, b| (&a.agency_name, &a.position_name).cmp(&(&b.agency_name, &b.position_name)));
    Ok(out)
}

/// Every ratified standard of every agency (public).
pub async fn public_list(db: &Db) -> Result<Vec<PublishedStandard>, AppError> {
    ratified(db, None).await
}

/// The standards of these positions in these states, as invitations.
async fn invitations(
    db: &Db,
    positions: Vec<i32>,
    states: &[StandardStatus],
    own: bool,
) -> Result<Vec<InvitedStandard>, AppError> {
    let standards = standard::Entity::find()
        .filter(standard::Column::PositionId.is_in(positions))
        .filter(standard::Column::Status.is_in(states.iter().copied()))
        .order_by_desc(standard::Column::Version)
        .order_by_asc(standard::Column::Id)
        .all(db)
        .await?;
    let names = positions_of(db, &standards).await?;
    Ok(standards
        .into_iter()
        .map(|s| InvitedStandard {
            id: s.id,
            version: s.version,
            status: s.status,
            position_name: names
                .get(&s.position_id)
                .map(|p| p.name.clone())
                .unwrap_or_default(),
            own,
        })
        .collect())
}

/// For a logged-in ASN: the standards of their own position (in force, and a draft
/// open for comment) and every ratified standard of their agency.
pub async fn for_member(db: &Db, actor: &Actor) -> Result<MemberStandards, AppError> {
    use StandardStatus::{Open, Ratified};
    let agency = actor.agency_id.ok_or(AppError::Forbidden)?;
    let mut invited = Vec::new();
    if let Some(me) = actor.employee_id {
        if let Some(a) = current_assignment(db, me).await? {
            invited = invitations(db, vec![a.position_id], &[Open, Ratified], true).await?;
        }
    }
    // A unit leader is invited to comment on the open drafts of positions held in
    // the units they lead (and below).
    let led = actor.led_units(agency);
    if !led.is_empty() {
        let units = units_under(db, agency, &led).await?;
        let held: Vec<i32> = assignment::Entity::current()
            .select_only()
            .column(assignment::Column::PositionId)
            .distinct()
            .filter(assignment::Column::UnitId.is_in(units))
            .into_tuple()
            .all(db)
            .await?;
        let mut led_drafts = invitations(db, held, &[Open], false).await?;
        led_drafts.sort_by_key(|s| s.id);
        for entry in led_drafts {
            if !invited.iter().any(|o| o.id == entry.id) {
                invited.push(entry);
            }
        }
    }
    Ok(MemberStandards {
        invited,
        published: ratified(db, Some(agency)).await?,
    })
}
