//! Units of an agency: listing as a tree, creating, editing, deactivating. Only the
//! agency's HR administrators (and system administrators) change units.

use crate::audit::service::{self as audit, By};
use crate::auth::model::Actor;
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::org::input::{parse_unit, ValidUnit};
use crate::org::model::{UnitDetail, UnitForm, UnitRef, UnitRow};
use crate::org::rules::{self, TreeNode};
use crate::server::entities::unit;
use crate::server::{db, sql, write_tx, Db};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use std::collections::HashMap;

/// The agency an HR administrator works on.
pub fn hr_agency(actor: &Actor) -> Result<i32, AppError> {
    actor.hr_agency().ok_or(AppError::Forbidden)
}

pub async fn all_units(
    db: &impl ConnectionTrait,
    agency_id: i32,
) -> Result<Vec<unit::Model>, AppError> {
    Ok(unit::Entity::find()
        .filter(unit::Column::AgencyId.eq(agency_id))
        .all(db)
        .await?)
}

/// The given units of an agency and every unit below them (all its units when none
/// is given): campaign scopes, and what a unit leader leads.
pub async fn units_under(
    db: &impl ConnectionTrait,
    agency: i32,
    roots: &[i32],
) -> Result<Vec<i32>, AppError> {
    let rows = if roots.is_empty() {
        sql::all(
            db,
            "SELECT id FROM units WHERE agency_id = $1",
            vec![agency.into()],
        )
        .await?
    } else {
        sql::all(
            db,
            &format!(
                "WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE agency_id = $1 AND id IN ({}) \
                 UNION SELECT u.id FROM units u JOIN sub ON u.parent_id = sub.id) SELECT id FROM sub",
                id_list(roots)
            ),
            vec![agency.into()],
        )
        .await?
    };
    Ok(rows.iter().filter_map(|r| sql::get(r, "id").ok()).collect())
}

/// Ids as the text of an SQL `IN (...)` list (integers only, so nothing to escape).
pub fn id_list(ids: &[i32]) -> String {
    ids.iter().map(i32::to_string).collect::<Vec<_>>().join(",")
}

pub fn nodes(units: &[unit::Model]) -> Vec<TreeNode> {
    units
        .iter()
        .map(|u| TreeNode {
            id: u.id,
            parent_id: u.parent_id,
            name: u.name.clone(),
            active: u.active,
        })
        .collect()
}

/// A unit of the actor's HR agency, or Forbidden / NotFound.
async fn hr_unit(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<unit::Model, AppError> {
    let u = unit::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !actor.is_hr_of(u.agency_id) {
        return Err(AppError::Forbidden);
    }
    Ok(u)
}

async fn heads(
    db: &impl ConnectionTrait,
    agency_id: i32,
) -> Result<HashMap<i32, (i32, String)>, AppError> {
    let rows = sql::all(
        db,
        "SELECT a.unit_id, e.id, e.name FROM assignments a JOIN employees e ON e.id = a.employee_id \
         WHERE a.agency_id = $1 AND a.end_date IS NULL AND a.is_head = TRUE",
        vec![agency_id.into()],
    )
    .await?;
    let mut out = HashMap::new();
    for r in rows {
        out.insert(
            sql::get(&r, "unit_id")?,
            (sql::get(&r, "id")?, sql::get(&r, "name")?),
        );
    }
    Ok(out)
}

async fn staff_counts(
    db: &impl ConnectionTrait,
    agency_id: i32,
) -> Result<HashMap<i32, i64>, AppError> {
    let rows = sql::all(
        db,
        "SELECT a.unit_id, COUNT(*) AS n FROM assignments a JOIN employees e ON e.id = a.employee_id \
         WHERE a.agency_id = $1 AND a.end_date IS NULL AND e.active = TRUE GROUP BY a.unit_id",
        vec![agency_id.into()],
    )
    .await?;
    let mut out = HashMap::new();
    for r in rows {
        out.insert(sql::get(&r, "unit_id")?, sql::get(&r, "n")?);
    }
    Ok(out)
}

pub async fn list_units(db: &Db, actor: &Actor) -> Result<Vec<UnitRow>, AppError> {
    let agency = hr_agency(actor)?;
    let units = all_units(db, agency).await?;
    let heads = heads(db, agency).await?;
    let staff = staff_counts(db, agency).await?;
    let by_id: HashMap<i32, &unit::Model> = units.iter().map(|u| (u.id, u)).collect();
    Ok(rules::depth_first(&nodes(&units))
        .into_iter()
        .filter_map(|p| {
            let u = by_id.get(&p.id)?;
            Some(UnitRow {
                id: u.id,
                parent_id: u.parent_id,
                code: u.code.clone(),
                name: u.name.clone(),
                kind: u.kind.clone(),
                active: u.active,
                depth: p.depth,
                head_name: heads.get(&u.id).map(|h| h.1.clone()),
                staff: staff.get(&u.id).copied().unwrap_or(0),
            })
        })
        .collect())
}

pub async fn get_unit(db: &Db, actor: &Actor, id: i32) -> Result<UnitDetail, AppError> {
    let u = hr_unit(db, actor, id).await?;
    let units = all_units(db, u.agency_id).await?;
    let name_of: HashMap<i32, &str> = units.iter().map(|x| (x.id, x.name.as_str())).collect();
    let r = |id: i32| UnitRef {
        id,
        name: name_of.get(&id).unwrap_or(&"").to_string(),
    };
    let mut path: Vec<UnitRef> = rules::ancestors(&nodes(&units), u.id)
        .into_iter()
        .skip(1)
        .map(r)
        .collect();
    path.reverse();
    let mut children: Vec<UnitRef> = units
        .iter()
        .filter(|c| c.parent_id == Some(u.id))
        .map(|c| r(c.id))
        .collect();
    children.sort_by(|a, b| a.name.cmp(&b.name));
    let head = heads(db, u.agency_id)
        .await?
        .remove(&u.id)
        .map(|(id, name)| UnitRef { id, name });
    let staff = staff_counts(db, u.agency_id)
        .await?
        .get(&u.id)
        .copied()
        .unwrap_or(0);
    Ok(UnitDetail {
        id: u.id,
        parent_id: u.parent_id,
        code: u.code,
        name: u.name,
        kind: u.kind,
        active: u.active,
        path,
        children,
        head,
        staff,
    })
}

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

fn snapshot(u: &unit::Model) -> serde_json::Value {
    json!({ "code": u.code, "name": u.name, "kind": u.kind, "parent_id": u.parent_id, "active": u.active })
}

pub async fn create_unit(db: &Db, actor: &Actor, form: &UnitForm) -> Result<i32, AppError> {
    let agency = hr_agency(actor)?;
    let v = parse_unit(form)?;
    let tx = write_tx(db).await?;
    check_unit(&tx, agency, None, &v).await?;
    let now = db::now();
    let m = unit::ActiveModel {
        agency_id: Set(agency),
        parent_id: Set(v.parent_id),
        code: Set(v.code),
        name: Set(v.name),
        kind: Set(v.kind.code().to_string()),
        active: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    audit::change(
        &tx,
        actor,
        agency,
        "create",
        "unit",
        m.id,
        json!({ "after": snapshot(&m) }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(m.id)
}

pub async fn update_unit(db: &Db, actor: &Actor, id: i32, form: &UnitForm) -> Result<(), AppError> {
    let v = parse_unit(form)?;
    let tx = write_tx(db).await?;
    let before = hr_unit(&tx, actor, id).await?;
    check_unit(&tx, before.agency_id, Some(id), &v).await?;
    let mut m: unit::ActiveModel = before.clone().into();
    m.code = Set(v.code);
    m.name = Set(v.name);
    m.kind = Set(v.kind.code().to_string());
    m.parent_id = Set(v.parent_id);
    m.updated_at = Set(db::now());
    let after = m.update(&tx).await?;
    audit::change(
        &tx,
        actor,
        before.agency_id,
        "update",
        "unit",
        id,
        json!({ "before": snapshot(&before), "after": snapshot(&after) }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}

/// Deactivates (or reactivates) a unit. A unit that still has active units below it
/// or people assigned to it cannot be deactivated: they would be orphaned.
pub async fn set_unit_active(
    db: &Db,
    actor: &Actor,
    id: i32,
    active: bool,
) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let before = hr_unit(&tx, actor, id).await?;
    if !active {
        let units = all_units(&tx, before.agency_id).await?;
        if units.iter().any(|u| u.parent_id == Some(id) && u.active) {
            return Err(AppError::Conflict(Msg::new(K::ErrUnitHasChildren)));
        }
        let staff = staff_counts(&tx, before.agency_id)
            .await?
            .get(&id)
            .copied()
            .unwrap_or(0);
        if staff > 0 {
            return Err(AppError::Conflict(
                Msg::new(K::ErrUnitHasStaff).with("count", staff),
            ));
        }
    } else if let Some(p) = before.parent_id {
        let parent = unit::Entity::find_by_id(p).one(&tx).await?;
        if parent.is_some_and(|p| !p.active) {
            return Err(AppError::Conflict(Msg::new(K::ErrUnitParentInactive)));
        }
    }
    let mut m: unit::ActiveModel = before.clone().into();
    m.active = Set(active);
    m.updated_at = Set(db::now());
    m.update(&tx).await?;
    audit::record_toggle(
        &tx,
        &By::from(actor),
        before.agency_id,
        "unit",
        id,
        before.active,
        active,
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}
