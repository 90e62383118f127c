//! A citizen answers a service unit's survey (no login). Stuffing is resisted with
//! what runs here: an address sends a limited number per hour (more are refused),
//! and a response that repeats a device or an address's answers, or was filled
//! faster than it can be read, or did not come from our form, is kept but held out
//! of the index until HR counts or excludes it. A response is the citizen's own
//! anonymous record, not an act of an account, so it is not written to the audit
//! chain; HR's reviews of it are.

use super::token::{address_hash, fill_secs, start_token};
use crate::error::AppError;
use crate::server::entities::{agency, service_unit, survey_response};
use crate::server::{db, sql, write_tx, Db};
use crate::survey::input::{parse_response, ValidResponse};
use crate::survey::model::{ResponseForm, ResponseState, SurveyForm};
use crate::survey::rules::{flag, Seen, DUPLICATE_HOURS, MAX_PER_ADDRESS_HOUR};
use chrono::Duration;
use sea_orm::{
    raw_sql, ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult,
    PaginatorTrait, QueryFilter, Set,
};

/// Who sent a response, as far as the server can tell.
#[derive(Clone, Debug)]
pub struct Visit {
    pub ip: String,
    /// The device cookie, when the browser sent one of ours.
    pub device: Option<String>,
}

/// The active service unit with public code `code`.
pub async fn unit_by_code(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<service_unit::Model, AppError> {
    service_unit::Entity::find()
        .filter(service_unit::Column::Code.eq(code.trim().to_uppercase()))
        .filter(service_unit::Column::Active.eq(true))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The public form of service unit `code`, with a fresh start token.
pub async fn form(db: &Db, code: &str) -> Result<SurveyForm, AppError> {
    let u = unit_by_code(db, code).await?;
    let a = agency::Entity::find_by_id(u.agency_id).one(db).await?;
    Ok(SurveyForm {
        started: start_token(u.id, db::now().timestamp())?,
        code: u.code,
        name: u.name,
        agency: a.map(|a| a.name).unwrap_or_default(),
    })
}

#[derive(FromQueryResult)]
struct Found {
    n: i64,
}

/// Whether the same address sent exactly these answers to this unit within the hour.
async fn same_answers(
    db: &impl ConnectionTrait,
    unit: i32,
    address: &str,
    v: &ValidResponse,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<bool, AppError> {
    let [u1, u2, u3, u4, u5, u6, u7, u8, u9] = v.answers;
    // SQL: the address index; nine equalities the builder would spell at length.
    let stmt = raw_sql!(
        Postgres,
        "SELECT COUNT(*) AS n FROM survey_responses WHERE address = {address}
         AND submitted_at > {since} AND service_unit_id = {unit}
         AND u1 = {u1} AND u2 = {u2} AND u3 = {u3} AND u4 = {u4} AND u5 = {u5}
         AND u6 = {u6} AND u7 = {u7} AND u8 = {u8} AND u9 = {u9}"
    );
    Ok(sql::all::<Found>(db, stmt)
        .await?
        .first()
        .is_some_and(|r| r.n > 0))
}

/// Refuses a post from an address that sent too many this hour. Counted inside the
/// write; on PostgreSQL two racing posts may both pass, so the limit is approximate
/// by a response or two, which is all it needs to be.
async fn within_limit(
    tx: &impl ConnectionTrait,
    address: &str,
    since: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let from_address = survey_response::Entity::find()
        .filter(survey_response::Column::Address.eq(address))
        .filter(survey_response::Column::SubmittedAt.gt(since))
        .count(tx)
        .await?;
    if from_address >= MAX_PER_ADDRESS_HOUR {
        return Err(AppError::RateLimited {
            retry_after_minutes: 60,
        });
    }
    Ok(())
}

/// Whether this device answered unit `unit` within `DUPLICATE_HOURS`.
async fn device_repeat(
    tx: &impl ConnectionTrait,
    unit: i32,
    device: Option<&str>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<bool, AppError> {
    let Some(d) = device else {
        return Ok(false);
    };
    let n = survey_response::Entity::find()
        .filter(survey_response::Column::Device.eq(d))
        .filter(survey_response::Column::ServiceUnitId.eq(unit))
        .filter(survey_response::Column::SubmittedAt.gt(now - Duration::hours(DUPLICATE_HOURS)))
        .count(tx)
        .await?;
    Ok(n > 0)
}

/// Records a response to service unit `code`; the state it was given (counted, or
/// held for HR).
pub async fn respond(
    db: &Db,
    code: &str,
    f: &ResponseForm,
    visit: &Visit,
) -> Result<ResponseState, AppError> {
    let u = unit_by_code(db, code).await?;
    let v = parse_response(f)?;
    let now = db::now();
    let address = address_hash(&visit.ip)?;
    let tx = write_tx(db).await?;
    let hour = now - Duration::hours(1);
    within_limit(&tx, &address, hour).await?;
    let seen = Seen {
        fill_secs: fill_secs(&f.started, u.id, now.timestamp())?,
        device_repeat: device_repeat(&tx, u.id, visit.device.as_deref(), now).await?,
        same_answers: same_answers(&tx, u.id, &address, &v, hour).await?,
    };
    let flagged = flag(&seen);
    let state = if flagged.is_some() {
        ResponseState::Held
    } else {
        ResponseState::Counted
    };
    let [u1, u2, u3, u4, u5, u6, u7, u8, u9] = v.answers.map(Set);
    survey_response::ActiveModel {
        agency_id: Set(u.agency_id),
        service_unit_id: Set(u.id),
        submitted_at: Set(now),
        u1,
        u2,
        u3,
        u4,
        u5,
        u6,
        u7,
        u8,
        u9,
        age: Set(v.age),
        sex: Set(v.sex),
        education: Set(v.education),
        occupation: Set(v.occupation),
        suggestion: Set(v.suggestion),
        device: Set(visit.device.clone()),
        address: Set(address),
        fill_secs: Set(seen
            .fill_secs
            .map(|s| s.clamp(i32::MIN as i64, i32::MAX as i64) as i32)),
        flag: Set(flagged),
        state: Set(state),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    // No cache shows responses (the index is read per request): see server::read_cache.
    db::commit_unseen(tx).await?;
    Ok(state)
}
