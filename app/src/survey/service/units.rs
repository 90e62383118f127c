//! The agency's service units (HR): listed, added, edited and switched off. A unit
//! that was answered is never deleted: switching it off closes its form.

use crate::audit::service::{self as audit, Audited};
use crate::auth::model::Actor;
use crate::error::{AppError, FieldError};
use crate::i18n::K;
use crate::server::entities::{by_ids, service_unit, unit};
use crate::server::{write_tx, Db};
use crate::survey::input::parse_service_unit;
use crate::survey::model::{ServiceUnit, ServiceUnitForm, ServiceUnits};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use serde_json::json;

impl Audited for service_unit::Model {
    const ENTITY: &'static str = "service_unit";
    fn snapshot(&self) -> serde_json::Value {
        json!({ "code": self.code, "name": self.name, "unit_id": self.unit_id,
                "population": self.population, "active": self.active })
    }
}

/// HR's service units page: the units, and the agency's active units to choose from.
pub async fn page(db: &Db, actor: &Actor) -> Result<ServiceUnits, AppError> {
    let agency = actor.hr_agency().ok_or(AppError::Forbidden)?;
    let choices = unit::Entity::find()
        .filter(unit::Column::AgencyId.eq(agency))
        .filter(unit::Column::Active.eq(true))
        .order_by_asc(unit::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    Ok(ServiceUnits {
        units: list(db, actor).await?,
        choices,
    })
}

/// HR's service units, by name.
pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<ServiceUnit>, AppError> {
    let agency = actor.hr_agency().ok_or(AppError::Forbidden)?;
    let rows = service_unit::Entity::find()
        .filter(service_unit::Column::AgencyId.eq(agency))
        .order_by_asc(service_unit::Column::Name)
        .all(db)
        .await?;
    let units = by_ids::<unit::Model>(db, rows.iter().map(|r| r.unit_id)).await?;
    Ok(rows
        .into_iter()
        .map(|r| ServiceUnit {
            unit_name: units
                .get(&r.unit_id)
                .map(|u| u.name.clone())
                .unwrap_or_default(),
            id: r.id,
            code: r.code,
            name: r.name,
            unit_id: r.unit_id,
            population: r.population,
            active: r.active,
        })
        .collect())
}

/// Adds a service unit (`id` None) or edits one of HR's agency; its id.
pub async fn save(
    db: &Db,
    actor: &Actor,
    id: Option<i32>,
    f: &ServiceUnitForm,
) -> Result<i32, AppError> {
    let agency = actor.hr_agency().ok_or(AppError::Forbidden)?;
    let v = parse_service_unit(f)?;
    let field = |f: &str, k: K| AppError::Validation(vec![FieldError::new(f, k)]);
    let tx = write_tx(db).await?;
    let owner = unit::Entity::find_by_id(v.unit_id).one(&tx).await?;
    if !owner.is_some_and(|u| u.agency_id == agency && u.active) {
        return Err(field("unit_id", K::ErrUnitUnknown));
    }
    let same = service_unit::Entity::find()
        .filter(service_unit::Column::Code.eq(v.code.clone()))
        .one(&tx)
        .await?;
    if same.is_some_and(|s| Some(s.id) != id) {
        return Err(field("code", K::SkmCodeTaken));
    }
    let before = match id {
        Some(id) => Some(in_agency(&tx, agency, id).await?),
        None => None,
    };
    let mut m: service_unit::ActiveModel = match &before {
        Some(b) => b.clone().into(),
        None => service_unit::ActiveModel {
            agency_id: Set(agency),
            active: Set(true),
            ..Default::default()
        },
    };
    m.code = Set(v.code);
    m.name = Set(v.name);
    m.unit_id = Set(v.unit_id);
    m.population = Set(v.population);
    let after = if before.is_some() {
        m.update(&tx).await?
    } else {
        m.insert(&tx).await?
    };
    match &before {
        Some(b) => audit::commit_updated(tx, actor, (b, &after), json!(null)).await?,
        None => audit::commit_created(tx, actor, &after, json!(null)).await?,
    }
    Ok(after.id)
}

/// Opens or closes service unit `id`'s form.
pub async fn set_active(db: &Db, actor: &Actor, id: i32, active: bool) -> Result<(), AppError> {
    let agency = actor.hr_agency().ok_or(AppError::Forbidden)?;
    let tx = write_tx(db).await?;
    let before = in_agency(&tx, agency, id).await?;
    let was = before.active;
    let mut m: service_unit::ActiveModel = before.into();
    m.active = Set(active);
    let after = m.update(&tx).await?;
    audit::commit_toggle(tx, actor, &after, (was, active)).await?;
    Ok(())
}

async fn in_agency(
    db: &impl sea_orm::ConnectionTrait,
    agency: i32,
    id: i32,
) -> Result<service_unit::Model, AppError> {
    service_unit::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|s| s.agency_id == agency)
        .ok_or(AppError::NotFound)
}
