//! HR's changes to units: create, edit, move (never below itself), deactivate (only
//! when nothing would be orphaned), reactivate.

use super::{all_units, hr_agency, nodes, staff_counts};
use super::{hr_row, insert_new, save_edit, Apply, Switch};
use crate::audit::service::{self as audit, Audited};
use crate::auth::model::Actor;
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::org::input::{parse_unit, ValidUnit};
use crate::org::model::UnitForm;
use crate::org::rules;
use crate::server::entities::unit;
use crate::server::{write_tx, Db};
use sea_orm::{ConnectionTrait, DatabaseTransaction, EntityTrait, Set};
use serde_json::json;

async fn check_unit(
    db: &impl ConnectionTrait,
    agency: i32,
    unit_id: Option<i32>,
    v: &ValidUnit,
) -> Result<(), AppError> {
    let units = all_units(db, agency).await?;
    if units
        .iter()
        .any(|u| u.code == v.code && Some(u.id) != unit_id)
    {
        return Err(AppError::field("code", K::ErrCodeTaken));
    }
    rules::check_parent(&nodes(&units), unit_id, v.parent_id)
        .map_err(|e| AppError::Validation(vec![e]))
}

impl Audited for unit::Model {
    const ENTITY: &'static str = "unit";
    fn snapshot(&self) -> serde_json::Value {
        json!({ "code": self.code, "name": self.name, "kind": self.kind,
                "parent_id": self.parent_id, "active": self.active })
    }
}

impl Apply<unit::ActiveModel> for ValidUnit {
    fn apply(self, m: &mut unit::ActiveModel) {
        m.code = Set(self.code);
        m.name = Set(self.name);
        m.kind = Set(self.kind);
        m.parent_id = Set(self.parent_id);
    }
}

pub async fn create_unit(db: &Db, actor: &Actor, form: &UnitForm) -> Result<i32, AppError> {
    let agency = hr_agency(actor)?;
    let v = parse_unit(form)?;
    let tx = write_tx(db).await?;
    check_unit(&tx, agency, None, &v).await?;
    let m = insert_new::<unit::Model>(&tx, agency, v).await?;
    audit::commit_created(tx, actor, &m, json!(null)).await?;
    Ok(m.id)
}

pub async fn update_unit(db: &Db, actor: &Actor, id: i32, form: &UnitForm) -> Result<(), AppError> {
    let v = parse_unit(form)?;
    let tx = write_tx(db).await?;
    let before = hr_row::<unit::Entity>(&tx, actor, id).await?;
    check_unit(&tx, before.agency_id, Some(id), &v).await?;
    let after = save_edit(&tx, &before, v).await?;
    audit::commit_updated(tx, actor, (&before, &after), json!(null)).await?;
    Ok(())
}

impl Switch for unit::Model {
    /// A unit that still has active units below it or people assigned to it cannot be
    /// switched off: they would be orphaned. Nor can one be switched on under a
    /// switched-off unit.
    async fn before_switch(
        tx: &DatabaseTransaction,
        u: &Self,
        active: bool,
    ) -> Result<(), AppError> {
        if active {
            let parent = match u.parent_id {
                Some(p) => unit::Entity::find_by_id(p).one(tx).await?,
                None => None,
            };
            if parent.is_some_and(|p| !p.active) {
                return Err(AppError::Conflict(Msg::new(K::ErrUnitParentInactive)));
            }
            return Ok(());
        }
        let units = all_units(tx, u.agency_id).await?;
        if units.iter().any(|c| c.parent_id == Some(u.id) && c.active) {
            return Err(AppError::Conflict(Msg::new(K::ErrUnitHasChildren)));
        }
        let staff = staff_counts(tx, u.agency_id, Some(&[u.id]))
            .await?
            .get(&u.id)
            .copied()
            .unwrap_or(0);
        if staff > 0 {
            let msg = Msg::new(K::ErrUnitHasStaff).with("count", staff);
            return Err(AppError::Conflict(msg));
        }
        Ok(())
    }
}
