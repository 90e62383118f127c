//! HR's changes to standards: starting a version (pre-filled from the job-level
//! table or copied from the one in force), editing items, opening, ratifying.

use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::competency::rules::{Level, StandardAction};
use crate::error::{AppError, FieldError, Msg};
use crate::i18n::K;
use crate::org::service::hr_agency;
use crate::people::job_level::JobLevel;
use crate::server::{db, sql, write_tx, Db};
use sea_orm::{ConnectionTrait, DatabaseTransaction};
use serde_json::json;

use super::{required, row, Row};

/// The default items of a position: all 8 managerial competencies and Perekat
/// Bangsa at the levels of the job-level table (DOMAIN.md §2).
pub async fn defaults(
    tx: &impl ConnectionTrait,
    job_level: &str,
) -> Result<Vec<(i32, u8)>, AppError> {
    let level = JobLevel::parse(job_level).unwrap_or(JobLevel::Pelaksana);
    let rows = sql::all(
        tx,
        "SELECT id, code, grp FROM competencies WHERE agency_id IS NULL AND active ORDER BY id",
        vec![],
    )
    .await?;
    rows.iter()
        .map(|r| {
            let code: String = sql::get(r, "code")?;
            let grp: String = sql::get(r, "grp")?;
            let req = if grp == "manajerial" {
                level.default_managerial_level(&code)
            } else {
                level.default_sociocultural_level()
            };
            Ok((sql::get(r, "id")?, req))
        })
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(AppError::from)
}

/// Starts the next version of a position's standard; returns its id.
pub async fn start(db: &Db, actor: &Actor, position_id: i32) -> Result<i32, AppError> {
    let agency = hr_agency(actor)?;
    let tx = write_tx(db).await?;
    let pos = sql::one(
        &tx,
        "SELECT job_level FROM positions WHERE id = $1 AND agency_id = $2",
        vec![position_id.into(), agency.into()],
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let job_level: String = sql::get(&pos, "job_level")?;
    let existing = sql::all(
        &tx,
        "SELECT id, version, status FROM standards WHERE position_id = $1 ORDER BY version",
        vec![position_id.into()],
    )
    .await?;
    let mut next = 1;
    let mut in_force = None;
    for r in &existing {
        let st: String = sql::get(r, "status")?;
        if st == "draft" || st == "open" {
            return Err(AppError::Conflict(Msg::new(K::ErrStandardWorking)));
        }
        if st == "ratified" {
            in_force = Some(sql::get::<i32>(r, "id")?);
        }
        next = sql::get::<i32>(r, "version")? + 1;
    }
    let items = match in_force {
        Some(id) => required(&tx, id).await?,
        None => defaults(&tx, &job_level).await?,
    };
    let id = insert_standard(&tx, agency, position_id, next, "draft", &items).await?;
    audit::change(
        &tx,
        actor,
        agency,
        "create",
        "standard",
        id,
        json!({ "position_id": position_id, "version": next, "from": in_force, "items": items }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(id)
}

/// Writes a standard and its items (shared with the demo and bench seeds).
pub async fn insert_standard(
    tx: &impl ConnectionTrait,
    agency: i32,
    position_id: i32,
    version: i32,
    status: &str,
    items: &[(i32, u8)],
) -> Result<i32, AppError> {
    let now = db::now();
    let ratified = (status == "ratified").then_some(now);
    let r = sql::one(
        tx,
        "INSERT INTO standards (agency_id, position_id, version, status, note, created_at, ratified_at) \
         VALUES ($1, $2, $3, $4, '', $5, $6) RETURNING id",
        vec![
            agency.into(),
            position_id.into(),
            version.into(),
            status.into(),
            now.into(),
            ratified.into(),
        ],
    )
    .await?
    .ok_or_else(|| AppError::from(sea_orm::DbErr::RecordNotInserted))?;
    let id: i32 = sql::get(&r, "id")?;
    for (cid, level) in items {
        sql::exec(
            tx,
            "INSERT INTO standard_items (agency_id, standard_id, competency_id, required_level) VALUES ($1, $2, $3, $4)",
            vec![agency.into(), id.into(), (*cid).into(), i16::from(*level).into()],
        )
        .await?;
    }
    Ok(id)
}

/// A standard HR may change in its current state.
async fn editable(
    tx: &DatabaseTransaction,
    actor: &Actor,
    id: i32,
    action: StandardAction,
) -> Result<Row, AppError> {
    let s = row(tx, id).await?;
    if !actor.is_hr_of(s.agency_id) {
        return Err(AppError::Forbidden);
    }
    if !s.status.allows(action) {
        return Err(AppError::Conflict(Msg::new(K::ErrStandardLocked)));
    }
    Ok(s)
}

/// Sets (or adds) the required level of one competency.
pub async fn set_item(
    db: &Db,
    actor: &Actor,
    id: i32,
    competency_id: i32,
    level: i64,
) -> Result<(), AppError> {
    let level = Level::new(level)
        .ok_or_else(|| AppError::Validation(vec![FieldError::new("level", K::ErrLevelRange)]))?;
    let tx = write_tx(db).await?;
    let s = editable(&tx, actor, id, StandardAction::Edit).await?;
    let known = sql::one(
        &tx,
        "SELECT id FROM competencies WHERE id = $1 AND active AND (agency_id IS NULL OR agency_id = $2)",
        vec![competency_id.into(), s.agency_id.into()],
    )
    .await?;
    if known.is_none() {
        return Err(AppError::field("competency_id", K::ErrCompetencyUnknown));
    }
    let changed = sql::exec(
        &tx,
        "UPDATE standard_items SET required_level = $1 WHERE standard_id = $2 AND competency_id = $3",
        vec![i16::from(level.get()).into(), id.into(), competency_id.into()],
    )
    .await?;
    if changed == 0 {
        sql::exec(
            &tx,
            "INSERT INTO standard_items (agency_id, standard_id, competency_id, required_level) VALUES ($1, $2, $3, $4)",
            vec![s.agency_id.into(), id.into(), competency_id.into(), i16::from(level.get()).into()],
        )
        .await?;
    }
    audit::change(
        &tx,
        actor,
        s.agency_id,
        "set_item",
        "standard",
        id,
        json!({ "competency_id": competency_id, "required_level": level.get() }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}

pub async fn remove_item(
    db: &Db,
    actor: &Actor,
    id: i32,
    competency_id: i32,
) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let s = editable(&tx, actor, id, StandardAction::Edit).await?;
    sql::exec(
        &tx,
        "DELETE FROM standard_items WHERE standard_id = $1 AND competency_id = $2",
        vec![id.into(), competency_id.into()],
    )
    .await?;
    audit::change(
        &tx,
        actor,
        s.agency_id,
        "remove_item",
        "standard",
        id,
        json!({ "competency_id": competency_id }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}

/// Opens a draft for comment.
pub async fn open(db: &Db, actor: &Actor, id: i32) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let s = editable(&tx, actor, id, StandardAction::OpenForComment).await?;
    sql::exec(
        &tx,
        "UPDATE standards SET status = 'open', opened_at = $1 WHERE id = $2",
        vec![db::now().into(), id.into()],
    )
    .await?;
    audit::change(
        &tx,
        actor,
        s.agency_id,
        "open",
        "standard",
        id,
        json!({ "version": s.version }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}

/// Ratifies a standard: it is locked and replaces the version in force.
pub async fn ratify(db: &Db, actor: &Actor, id: i32) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let s = editable(&tx, actor, id, StandardAction::Ratify).await?;
    if required(&tx, id).await?.is_empty() {
        return Err(AppError::Conflict(Msg::new(K::ErrStandardEmpty)));
    }
    let superseded = sql::exec(
        &tx,
        "UPDATE standards SET status = 'superseded' WHERE position_id = $1 AND status = 'ratified'",
        vec![s.position_id.into()],
    )
    .await?;
    sql::exec(
        &tx,
        "UPDATE standards SET status = 'ratified', ratified_at = $1, ratified_by_user_id = $2 WHERE id = $3",
        vec![db::now().into(), actor.user_id.into(), id.into()],
    )
    .await?;
    audit::change(
        &tx,
        actor,
        s.agency_id,
        "ratify",
        "standard",
        id,
        json!({ "version": s.version, "superseded": superseded }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}
