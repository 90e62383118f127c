//! Standards per position: started as a draft (pre-filled from the job-level table,
//! or copied from the version in force), edited by HR, opened for comment to the
//! position's holders and their unit leaders, then ratified, which locks it and
//! supersedes the previous version. Assessments point at the version they used.
//!
//! Reading (here), HR's edits (`edits`) and the holders' comments (`comments`).

mod access;
mod comments;
mod edits;
mod settings;

pub use access::{access, rights, Access};
pub use comments::{answer, comment};
pub use edits::{defaults, insert_standard, open, ratify, remove_item, set_item, start};
pub use settings::{comment_days, set_comment_days};

use crate::auth::model::Actor;
use crate::competency::model::*;
use crate::competency::rules::{comment_period_done, StandardStatus};
use crate::competency::service::dictionary::levels_of;
use crate::competency::service::dictionary::usable_by;
use crate::error::AppError;
use crate::org::service::hr_agency;
use crate::server::entities::{agency, competency, position, standard, standard_item};
use crate::server::{sql, Db};
use sea_orm::{
    raw_sql, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
};

/// A standard with its position and agency, as the services need it.
pub struct Row {
    pub id: i32,
    pub agency_id: i32,
    pub agency_name: String,
    pub position_id: i32,
    pub position_name: String,
    pub job_level: crate::people::job_level::JobLevel,
    pub version: i32,
    pub status: StandardStatus,
    pub ratified_at: Option<chrono::DateTime<chrono::Utc>>,
    pub opened_at: Option<chrono::DateTime<chrono::Utc>>,
    pub skip_reason: Option<String>,
    /// The agency's minimum comment period, in days.
    pub comment_days: i16,
}

pub async fn row(db: &impl ConnectionTrait, id: i32) -> Result<Row, AppError> {
    let s = standard::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let p = position::Entity::find_by_id(s.position_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let g = agency::Entity::find_by_id(s.agency_id).one(db).await?;
    Ok(Row {
        id,
        agency_id: s.agency_id,
        comment_days: g.as_ref().map_or(7, |g| g.comment_days),
        agency_name: g.map(|g| g.name).unwrap_or_default(),
        opened_at: s.opened_at,
        skip_reason: s.skip_reason,
        position_id: s.position_id,
        position_name: p.name,
        job_level: p.job_level,
        version: s.version,
        status: s.status,
        ratified_at: s.ratified_at,
    })
}

/// The competencies of a standard with their required level, managerial first, then
/// socio-cultural, then technical, each by code.
pub async fn competencies_of(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Vec<(competency::Model, i16)>, AppError> {
    let items = standard_item::Entity::find()
        .filter(standard_item::Column::StandardId.eq(id))
        .find_also_related(competency::Entity)
        .all(db)
        .await?;
    let mut out: Vec<(competency::Model, i16)> = items
        .into_iter()
        .filter_map(|(item, c)| Some((c?, item.required_level)))
        .collect();
    out.sort_by(|(a, _), (b, _)| (a.grp.rank(), &a.code).cmp(&(b.grp.rank(), &b.code)));
    Ok(out)
}

async fn items(db: &impl ConnectionTrait, id: i32) -> Result<Vec<StandardItem>, AppError> {
    let competencies = competencies_of(db, id).await?;
    let ids: Vec<i32> = competencies.iter().map(|(c, _)| c.id).collect();
    let levels = levels_of(db, &ids).await?;
    Ok(competencies
        .into_iter()
        .map(|(c, required)| {
            let req = required as u8;
            let text = levels
                .get(&c.id)
                .and_then(|l| l.iter().find(|l| l.level == req));
            StandardItem {
                competency_id: c.id,
                code: c.code,
                group: c.grp,
                name: c.name,
                required_level: req,
                required_text: text.map(|t| t.description.clone()).unwrap_or_default(),
                indicators: text.map(|t| t.indicators.clone()).unwrap_or_default(),
            }
        })
        .collect())
}

/// The required levels of a standard: (competency id, level).
pub async fn required(db: &impl ConnectionTrait, id: i32) -> Result<Vec<(i32, u8)>, AppError> {
    Ok(competencies_of(db, id)
        .await?
        .into_iter()
        .map(|(c, level)| (c.id, level as u8))
        .collect())
}

/// One standard as `actor` (None: the public) may see it.
pub async fn detail(db: &Db, actor: Option<&Actor>, id: i32) -> Result<StandardDetail, AppError> {
    let s = row(db, id).await?;
    let acc = match actor {
        Some(a) => Some(access(db, a, &s).await?),
        None => None,
    };
    let Some(rights) = rights(acc, s.status) else {
        return Err(if actor.is_some() {
            AppError::Forbidden
        } else {
            AppError::NotFound
        });
    };
    let versions = standard::Entity::find()
        .filter(standard::Column::PositionId.eq(s.position_id))
        .order_by_desc(standard::Column::Version)
        .all(db)
        .await?
        .into_iter()
        .filter(|v| self::rights(acc, v.status).is_some())
        .map(|v| (v.id, v.version, v.status))
        .collect();
    let addable = if rights.edit {
        addable(db, s.agency_id, id).await?
    } else {
        vec![]
    };
    let day = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%d").to_string();
    let opened = s.opened_at.map(|t| t.timestamp());
    let now = crate::server::db::now().timestamp();
    Ok(StandardDetail {
        id,
        opened_at: s.opened_at.map(day),
        comment_days: s.comment_days,
        comment_done: comment_period_done(opened, now, s.comment_days.into()),
        skip_reason: s.skip_reason,
        agency_name: s.agency_name,
        position_id: s.position_id,
        position_name: s.position_name,
        job_level: s.job_level,
        version: s.version,
        status: s.status,
        ratified_at: s.ratified_at.map(day),
        items: items(db, id).await?,
        comments: if rights.read_comments {
            comments::list(db, id).await?
        } else {
            vec![]
        },
        rights,
        versions,
        addable,
    })
}

/// The agency's active competencies a standard does not hold yet: (id, code, name).
async fn addable(db: &Db, agency: i32, id: i32) -> Result<Vec<(i32, String, String)>, AppError> {
    let held: Vec<i32> = required(db, id)
        .await?
        .into_iter()
        .map(|(c, _)| c)
        .collect();
    let all = usable_by(agency)
        .order_by_asc(competency::Column::Code)
        .all(db)
        .await?;
    Ok(all
        .into_iter()
        .filter(|c| !held.contains(&c.id))
        .map(|c| (c.id, c.code, c.name))
        .collect())
}

#[derive(FromQueryResult)]
struct Summary {
    id: i32,
    name: String,
    job_level: crate::people::job_level::JobLevel,
    holders: i64,
    rid: Option<i32>,
    rversion: Option<i32>,
    wid: Option<i32>,
    wversion: Option<i32>,
    wstatus: Option<StandardStatus>,
}

/// HR's list: every active position with the version in force and the one drafted.
pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<StandardSummary>, AppError> {
    let agency = hr_agency(actor)?;
    let (ratified, draft, open) = (
        StandardStatus::Ratified,
        StandardStatus::Draft,
        StandardStatus::Open,
    );
    // SQL: a list page, each position with its holders and two versions side by side.
    let stmt = raw_sql!(
        Postgres,
        "SELECT p.id, p.name, p.job_level,
           (SELECT COUNT(*) FROM assignments a WHERE a.position_id = p.id AND a.end_date IS NULL)
             AS holders,
           r.id AS rid, r.version AS rversion, w.id AS wid, w.version AS wversion, w.status AS wstatus
         FROM positions p
         LEFT JOIN standards r ON r.position_id = p.id AND r.status = {ratified}
         LEFT JOIN standards w ON w.position_id = p.id AND w.status IN ({draft}, {open})
         WHERE p.agency_id = {agency} AND p.active ORDER BY p.name"
    );
    let rows = sql::all::<Summary>(db, stmt).await?;
    Ok(rows
        .into_iter()
        .map(|r| StandardSummary {
            position_id: r.id,
            position_name: r.name,
            job_level: r.job_level,
            holders: r.holders,
            ratified: r.rid.map(|id| (id, r.rversion.unwrap_or(1))),
            working: match (r.wid, r.wversion, r.wstatus) {
                (Some(id), Some(v), Some(st)) => Some((id, v, st)),
                _ => None,
            },
        })
        .collect())
}
