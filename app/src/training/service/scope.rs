//! Who reads which units' training needs: HR the whole agency, a unit leader the
//! units they lead and everything below them. Anyone else, and any unit outside the
//! reader's units, is refused here, on every call.

use crate::assessment::model::CampaignStatus;
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::server::entities::{campaign, unit};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// The units a reader may see.
#[derive(Clone, Debug)]
pub struct Scope {
    pub agency: i32,
    /// The units led (each with everything below it); empty for HR (the agency).
    pub roots: Vec<i32>,
}

impl Scope {
    pub fn is_agency(&self) -> bool {
        self.roots.is_empty()
    }
}

pub fn scope(actor: &Actor) -> Result<Scope, AppError> {
    if let Some(agency) = actor.hr_agency() {
        return Ok(Scope {
            agency,
            roots: vec![],
        });
    }
    let agency = actor.agency_id.ok_or(AppError::Forbidden)?;
    let roots = actor.led_units(agency);
    if roots.is_empty() {
        return Err(AppError::Forbidden);
    }
    Ok(Scope { agency, roots })
}

/// The unit `id` if the reader may open it, with the way down to it from the top of
/// the reader's scope ((id, name), top first): NotFound outside the agency, Forbidden
/// outside the reader's units. Found by walking up from the unit (a few lookups by
/// key) rather than down the reader's whole subtree.
pub async fn unit_in(
    db: &impl ConnectionTrait,
    s: &Scope,
    id: i32,
) -> Result<(unit::Model, Vec<(i32, String)>), AppError> {
    let u = unit::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|u| u.agency_id == s.agency)
        .ok_or(AppError::NotFound)?;
    let mut trail = vec![(u.id, u.name.clone())];
    let mut parent = u.parent_id;
    let mut inside = s.is_agency() || s.roots.contains(&u.id);
    while let Some(p) = parent.filter(|_| !s.roots.contains(&trail[0].0)) {
        let Some(up) = unit::Entity::find_by_id(p).one(db).await? else {
            break;
        };
        inside |= s.roots.contains(&up.id);
        parent = up.parent_id;
        trail.insert(0, (up.id, up.name));
    }
    if !inside {
        return Err(AppError::Forbidden);
    }
    Ok((u, trail))
}

/// The agency's closed campaigns, latest first: (id, name).
pub async fn closed_campaigns(
    db: &impl ConnectionTrait,
    agency: i32,
) -> Result<Vec<(i32, String)>, AppError> {
    Ok(campaign::Entity::find()
        .select_only()
        .columns([campaign::Column::Id, campaign::Column::Name])
        .filter(campaign::Column::AgencyId.eq(agency))
        .filter(campaign::Column::Status.eq(CampaignStatus::Closed))
        .order_by_desc(campaign::Column::ClosedAt)
        .order_by_desc(campaign::Column::Id)
        .into_tuple()
        .all(db)
        .await?)
}

/// The campaign asked for (it must be one of `closed`), or the latest.
pub fn chosen(
    closed: &[(i32, String)],
    asked: Option<i32>,
) -> Result<Option<(i32, String)>, AppError> {
    match asked {
        Some(id) => Ok(Some(
            closed
                .iter()
                .find(|c| c.0 == id)
                .cloned()
                .ok_or(AppError::NotFound)?,
        )),
        None => Ok(closed.first().cloned()),
    }
}
