//! Positions (jabatan) of an agency.

use crate::audit::service::{self as audit, By};
use crate::auth::model::Actor;
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::org::service::hr_agency;
use crate::people::input::parse_position;
use crate::people::model::{PositionForm, PositionRow};
use crate::server::entities::{assignment, position};
use crate::server::{db, write_tx, Db};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::json;
use std::collections::HashMap;

/// How many hold each position of the agency now.
async fn holders(db: &impl ConnectionTrait, agency: i32) -> Result<HashMap<i32, i64>, AppError> {
    let rows: Vec<(i32, i64)> = assignment::Entity::find()
        .select_only()
        .column(assignment::Column::PositionId)
        .column_as(assignment::Column::Id.count(), "n")
        .filter(assignment::Column::AgencyId.eq(agency))
        .filter(assignment::Column::EndDate.is_null())
        .group_by(assignment::Column::PositionId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

pub async fn list_positions(db: &Db, actor: &Actor) -> Result<Vec<PositionRow>, AppError> {
    let agency = hr_agency(actor)?;
    let counts = holders(db, agency).await?;
    let rows = position::Entity::find()
        .filter(position::Column::AgencyId.eq(agency))
        .order_by_asc(position::Column::Name)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|p| PositionRow {
            holders: counts.get(&p.id).copied().unwrap_or(0),
            id: p.id,
            code: p.code,
            name: p.name,
            job_level: p.job_level,
            active: p.active,
        })
        .collect())
}

async fn hr_position(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<position::Model, AppError> {
    let p = position::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if !actor.is_hr_of(p.agency_id) {
        return Err(AppError::Forbidden);
    }
    Ok(p)
}

pub async fn get_position(db: &Db, actor: &Actor, id: i32) -> Result<PositionRow, AppError> {
    let p = hr_position(db, actor, id).await?;
    let n = holders(db, p.agency_id)
        .await?
        .get(&p.id)
        .copied()
        .unwrap_or(0);
    Ok(PositionRow {
        id: p.id,
        code: p.code,
        name: p.name,
        job_level: p.job_level,
        active: p.active,
        holders: n,
    })
}

async fn code_taken(
    db: &impl ConnectionTrait,
    agency: i32,
    code: &str,
    except: Option<i32>,
) -> Result<bool, AppError> {
    let found = position::Entity::find()
        .filter(position::Column::AgencyId.eq(agency))
        .filter(position::Column::Code.eq(code))
        .one(db)
        .await?;
    Ok(found.is_some_and(|p| Some(p.id) != except))
}

fn snapshot(p: &position::Model) -> serde_json::Value {
    json!({ "code": p.code, "name": p.name, "job_level": p.job_level, "active": p.active })
}

pub async fn create_position(db: &Db, actor: &Actor, form: &PositionForm) -> Result<i32, AppError> {
    let agency = hr_agency(actor)?;
    let v = parse_position(form)?;
    let tx = write_tx(db).await?;
    if code_taken(&tx, agency, &v.code, None).await? {
        return Err(AppError::field("code", K::ErrCodeTaken));
    }
    let now = db::now();
    let m = position::ActiveModel {
        agency_id: Set(agency),
        code: Set(v.code),
        name: Set(v.name),
        job_level: Set(v.job_level),
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
        "position",
        m.id,
        json!({ "after": snapshot(&m) }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(m.id)
}

pub async fn update_position(
    db: &Db,
    actor: &Actor,
    id: i32,
    form: &PositionForm,
) -> Result<(), AppError> {
    let v = parse_position(form)?;
    let tx = write_tx(db).await?;
    let before = hr_position(&tx, actor, id).await?;
    if code_taken(&tx, before.agency_id, &v.code, Some(id)).await? {
        return Err(AppError::field("code", K::ErrCodeTaken));
    }
    let mut m: position::ActiveModel = before.clone().into();
    m.code = Set(v.code);
    m.name = Set(v.name);
    m.job_level = Set(v.job_level);
    m.updated_at = Set(db::now());
    let after = m.update(&tx).await?;
    audit::change(
        &tx,
        actor,
        before.agency_id,
        "update",
        "position",
        id,
        json!({ "before": snapshot(&before), "after": snapshot(&after) }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}

/// A position still held by someone cannot be deactivated.
pub async fn set_position_active(
    db: &Db,
    actor: &Actor,
    id: i32,
    active: bool,
) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let before = hr_position(&tx, actor, id).await?;
    let n = holders(&tx, before.agency_id)
        .await?
        .get(&id)
        .copied()
        .unwrap_or(0);
    if !active && n > 0 {
        return Err(AppError::Conflict(
            Msg::new(K::ErrPositionHeld).with("count", n),
        ));
    }
    let mut m: position::ActiveModel = before.clone().into();
    m.active = Set(active);
    m.updated_at = Set(db::now());
    m.update(&tx).await?;
    audit::record_toggle(
        &tx,
        &By::from(actor),
        before.agency_id,
        "position",
        id,
        before.active,
        active,
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}
