//! HR's changes to standards: starting a version (pre-filled from the job-level
//! table or copied from the one in force), editing items, opening, ratifying.

use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::competency::model::CompetencyGroup;
use crate::competency::rules::{ratify_check, Level, StandardAction, StandardStatus};
use crate::competency::service::dictionary::usable_by;
use crate::error::{AppError, FieldError, Msg};
use crate::i18n::K;
use crate::org::service::hr_agency;
use crate::people::job_level::JobLevel;
use crate::server::entities::{competency, position, standard, standard_item};
use crate::server::{db, sql, write_tx, Db};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde_json::json;

use super::{required, row, Row};

/// The default items of a position: all 8 managerial competencies and Perekat
/// Bangsa at the levels of the job-level table (docs/DOMAIN.md §4).
pub async fn defaults(
    tx: &impl ConnectionTrait,
    level: JobLevel,
) -> Result<Vec<(i32, u8)>, AppError> {
    let national = competency::Entity::find()
        .filter(competency::Column::AgencyId.is_null())
        .filter(competency::Column::Active.eq(true))
        .order_by_asc(competency::Column::Id)
        .all(tx)
        .await?;
    Ok(national
        .into_iter()
        .map(|c| {
            let req = match c.grp {
                CompetencyGroup::Manajerial => level.default_managerial_level(&c.code),
                _ => level.default_sociocultural_level(),
            };
            (c.id, req)
        })
        .collect())
}

/// Starts the next version of a position's standard; returns its id.
pub async fn start(db: &Db, actor: &Actor, position_id: i32) -> Result<i32, AppError> {
    let agency = hr_agency(actor)?;
    let tx = write_tx(db).await?;
    let pos = position::Entity::find_by_id(position_id)
        .filter(position::Column::AgencyId.eq(agency))
        .one(&tx)
        .await?
        .ok_or(AppError::NotFound)?;
    let existing = standard::Entity::find()
        .filter(standard::Column::PositionId.eq(position_id))
        .order_by_asc(standard::Column::Version)
        .all(&tx)
        .await?;
    if existing.iter().any(|s| s.status.is_being_drafted()) {
        return Err(AppError::Conflict(Msg::new(K::ErrStandardWorking)));
    }
    let next = existing.last().map_or(1, |s| s.version + 1);
    let in_force = existing
        .iter()
        .find(|s| s.status == StandardStatus::Ratified)
        .map(|s| s.id);
    let items = match in_force {
        Some(id) => required(&tx, id).await?,
        None => defaults(&tx, pos.job_level).await?,
    };
    let draft = StandardStatus::Draft;
    let id = insert_standard(&tx, agency, position_id, next, draft, &items).await?;
    let summary =
        json!({ "position_id": position_id, "version": next, "from": in_force, "items": items });
    audit::commit(tx, actor, agency, "create", "standard", id, summary).await?;
    Ok(id)
}

/// Writes a standard and its items (shared with the demo and bench seeds).
pub async fn insert_standard(
    tx: &impl ConnectionTrait,
    agency: i32,
    position_id: i32,
    version: i32,
    status: StandardStatus,
    items: &[(i32, u8)],
) -> Result<i32, AppError> {
    let now = db::now();
    let s = standard::ActiveModel {
        agency_id: Set(agency),
        position_id: Set(position_id),
        version: Set(version),
        status: Set(status),
        note: Set(String::new()),
        ratified_at: Set((status == StandardStatus::Ratified).then_some(now)),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    let rows = items.iter().map(|(cid, level)| standard_item::ActiveModel {
        agency_id: Set(agency),
        standard_id: Set(s.id),
        competency_id: Set(*cid),
        required_level: Set(i16::from(*level)),
        ..Default::default()
    });
    sql::insert_many(tx, rows.collect()).await?;
    Ok(s.id)
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

/// An open standard changed while open: commenters have not seen the new version,
/// so the comment period starts again (ratifying earlier needs a reason).
async fn restart_comment_period(tx: &DatabaseTransaction, s: &Row) -> Result<(), AppError> {
    if s.status == StandardStatus::Open {
        standard::Entity::update_many()
            .col_expr(standard::Column::OpenedAt, Expr::value(db::now()))
            .filter(standard::Column::Id.eq(s.id))
            .exec(tx)
            .await?;
    }
    Ok(())
}

/// The items of one standard.
fn items_of(id: i32) -> sea_orm::Select<standard_item::Entity> {
    standard_item::Entity::find().filter(standard_item::Column::StandardId.eq(id))
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
    restart_comment_period(&tx, &s).await?;
    let known = usable_by(s.agency_id)
        .filter(competency::Column::Id.eq(competency_id))
        .one(&tx)
        .await?;
    if known.is_none() {
        return Err(AppError::field("competency_id", K::ErrCompetencyUnknown));
    }
    let required_level = i16::from(level.get());
    let item = items_of(id)
        .filter(standard_item::Column::CompetencyId.eq(competency_id))
        .one(&tx)
        .await?;
    match item {
        Some(item) => {
            let mut m: standard_item::ActiveModel = item.into();
            m.required_level = Set(required_level);
            m.update(&tx).await?;
        }
        None => {
            let m = standard_item::ActiveModel {
                agency_id: Set(s.agency_id),
                standard_id: Set(id),
                competency_id: Set(competency_id),
                required_level: Set(required_level),
                ..Default::default()
            };
            m.insert(&tx).await?;
        }
    }
    let summary = json!({ "competency_id": competency_id, "required_level": level.get() });
    audit::commit(tx, actor, s.agency_id, "set_item", "standard", id, summary).await?;
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
    restart_comment_period(&tx, &s).await?;
    let national = competency::Entity::find_by_id(competency_id)
        .one(&tx)
        .await?
        .is_some_and(|c| c.grp.is_national());
    if national {
        return Err(AppError::Conflict(Msg::new(K::ErrNationalItem)));
    }
    standard_item::Entity::delete_many()
        .filter(standard_item::Column::StandardId.eq(id))
        .filter(standard_item::Column::CompetencyId.eq(competency_id))
        .exec(&tx)
        .await?;
    let summary = json!({ "competency_id": competency_id });
    audit::commit(
        tx,
        actor,
        s.agency_id,
        "remove_item",
        "standard",
        id,
        summary,
    )
    .await?;
    Ok(())
}

/// Opens a draft for comment.
pub async fn open(db: &Db, actor: &Actor, id: i32) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let s = editable(&tx, actor, id, StandardAction::OpenForComment).await?;
    standard::Entity::update_many()
        .col_expr(standard::Column::Status, Expr::value(StandardStatus::Open))
        .col_expr(standard::Column::OpenedAt, Expr::value(db::now()))
        .filter(standard::Column::Id.eq(id))
        .exec(&tx)
        .await?;
    let summary = json!({ "version": s.version });
    audit::commit(tx, actor, s.agency_id, "open", "standard", id, summary).await?;
    Ok(())
}

/// Ratifies a standard: it is locked and replaces the version in force. After the
/// comment period, or with the reason for not waiting (kept with it).
pub async fn ratify(db: &Db, actor: &Actor, id: i32, reason: &str) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let s = editable(&tx, actor, id, StandardAction::Ratify).await?;
    if required(&tx, id).await?.is_empty() {
        return Err(AppError::Conflict(Msg::new(K::ErrStandardEmpty)));
    }
    let opened = s.opened_at.map(|t| t.timestamp());
    let now = db::now().timestamp();
    let skipped = ratify_check(opened, now, s.comment_days.into(), reason)
        .map_err(|e| AppError::Validation(vec![e]))?;
    let superseded = standard::Entity::update_many()
        .col_expr(
            standard::Column::Status,
            Expr::value(StandardStatus::Superseded),
        )
        .filter(standard::Column::PositionId.eq(s.position_id))
        .filter(standard::Column::Status.eq(StandardStatus::Ratified))
        .exec(&tx)
        .await?
        .rows_affected;
    standard::Entity::update_many()
        .col_expr(
            standard::Column::Status,
            Expr::value(StandardStatus::Ratified),
        )
        .col_expr(standard::Column::RatifiedAt, Expr::value(db::now()))
        .col_expr(
            standard::Column::RatifiedByUserId,
            Expr::value(actor.user_id),
        )
        .col_expr(standard::Column::SkipReason, Expr::value(skipped.clone()))
        .filter(standard::Column::Id.eq(id))
        .exec(&tx)
        .await?;
    let summary = json!({ "version": s.version, "superseded": superseded, "skip_reason": skipped });
    audit::commit(tx, actor, s.agency_id, "ratify", "standard", id, summary).await?;
    Ok(())
}
