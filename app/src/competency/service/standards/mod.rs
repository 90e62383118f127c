//! Standards per position: started as a draft (pre-filled from the job-level table,
//! or copied from the version in force), edited by HR, opened for comment to the
//! position's holders and their unit leaders, then ratified, which locks it and
//! supersedes the previous version. Assessments point at the version they used.

//! Reading (here), HR's edits (`edits`) and the holders' comments (`comments`).

mod comments;
mod edits;

pub use comments::{answer, comment};
pub use edits::{defaults, insert_standard, open, ratify, remove_item, set_item, start};

use crate::auth::model::Actor;
use crate::competency::model::*;
use crate::competency::rules::{StandardAction, StandardStatus};
use crate::competency::service::dictionary::levels_of;
use crate::error::AppError;
use crate::org::service::{hr_agency, id_list, units_under};
use crate::people::service::supervision::current_assignment;
use crate::server::{sql, Db};
use sea_orm::ConnectionTrait;

/// A standard with its position, as the services need it.
pub struct Row {
    pub id: i32,
    pub agency_id: i32,
    pub agency_name: String,
    pub position_id: i32,
    pub position_name: String,
    pub job_level: String,
    pub version: i32,
    pub status: StandardStatus,
    pub ratified_at: Option<chrono::DateTime<chrono::Utc>>,
}

pub async fn row(db: &impl ConnectionTrait, id: i32) -> Result<Row, AppError> {
    let r = sql::one(
        db,
        "SELECT s.id, s.agency_id, g.name AS agency_name, s.position_id, p.name AS position_name, \
         p.job_level, s.version, s.status, s.ratified_at FROM standards s \
         JOIN positions p ON p.id = s.position_id JOIN agencies g ON g.id = s.agency_id WHERE s.id = $1",
        vec![id.into()],
    )
    .await?
    .ok_or(AppError::NotFound)?;
    Ok(Row {
        id,
        agency_id: sql::get(&r, "agency_id")?,
        agency_name: sql::get(&r, "agency_name")?,
        position_id: sql::get(&r, "position_id")?,
        position_name: sql::get(&r, "position_name")?,
        job_level: sql::get(&r, "job_level")?,
        version: sql::get(&r, "version")?,
        status: StandardStatus::parse(&sql::get::<String>(&r, "status")?)
            .unwrap_or(StandardStatus::Draft),
        ratified_at: sql::get(&r, "ratified_at")?,
    })
}

/// How the actor stands to a standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Hr,
    /// Holds the position, or leads a unit where someone holds it.
    Participant,
    /// Anyone else (ratified standards only).
    Reader,
}

pub async fn access(db: &impl ConnectionTrait, actor: &Actor, s: &Row) -> Result<Access, AppError> {
    if actor.is_hr_of(s.agency_id) {
        return Ok(Access::Hr);
    }
    if actor.agency_id != Some(s.agency_id) {
        return Ok(Access::Reader);
    }
    if let Some(me) = actor.employee_id {
        if current_assignment(db, me)
            .await?
            .is_some_and(|a| a.position_id == s.position_id)
        {
            return Ok(Access::Participant);
        }
    }
    let led = actor.led_units(s.agency_id);
    if !led.is_empty() {
        // One query, not one unit chain per unit where the position is held.
        let units = id_list(&units_under(db, s.agency_id, &led).await?);
        let held = sql::one(
            db,
            &format!(
                "SELECT 1 AS n FROM assignments WHERE position_id = $1 AND end_date IS NULL \
                 AND unit_id IN ({units}) LIMIT 1"
            ),
            vec![s.position_id.into()],
        )
        .await?;
        if held.is_some() {
            return Ok(Access::Participant);
        }
    }
    Ok(Access::Reader)
}

/// What the access allows on a standard in its state; None: may not read it at all.
pub fn rights(access: Option<Access>, status: StandardStatus) -> Option<StandardRights> {
    use StandardStatus::*;
    let published = matches!(status, Ratified | Superseded);
    match access {
        Some(Access::Hr) => Some(StandardRights {
            edit: status.allows(StandardAction::Edit),
            comment: false,
            answer: status == Open,
            read_comments: true,
            revise: status.allows(StandardAction::Revise),
        }),
        Some(Access::Participant) if status == Open || published => Some(StandardRights {
            comment: status.allows(StandardAction::Comment),
            read_comments: status == Open,
            ..Default::default()
        }),
        _ if published => Some(StandardRights::default()),
        _ => None,
    }
}

async fn items(db: &impl ConnectionTrait, id: i32) -> Result<Vec<StandardItem>, AppError> {
    let rows = sql::all(
        db,
        "SELECT i.competency_id, i.required_level, c.code, c.grp, c.name FROM standard_items i \
         JOIN competencies c ON c.id = i.competency_id WHERE i.standard_id = $1 \
         ORDER BY CASE c.grp WHEN 'manajerial' THEN 0 WHEN 'sosial_kultural' THEN 1 ELSE 2 END, c.code",
        vec![id.into()],
    )
    .await?;
    let ids: Vec<i32> = rows
        .iter()
        .filter_map(|r| sql::get(r, "competency_id").ok())
        .collect();
    let levels = levels_of(db, &ids).await?;
    rows.iter()
        .map(|r| {
            let cid: i32 = sql::get(r, "competency_id")?;
            let req = sql::get::<i16>(r, "required_level")? as u8;
            let text = levels
                .get(&cid)
                .and_then(|l| l.iter().find(|l| l.level == req));
            Ok(StandardItem {
                competency_id: cid,
                code: sql::get(r, "code")?,
                group: sql::get(r, "grp")?,
                name: sql::get(r, "name")?,
                required_level: req,
                required_text: text.map(|t| t.description.clone()).unwrap_or_default(),
                indicators: text.map(|t| t.indicators.clone()).unwrap_or_default(),
            })
        })
        .collect()
}

/// The required levels of a standard: (competency id, level).
pub async fn required(db: &impl ConnectionTrait, id: i32) -> Result<Vec<(i32, u8)>, AppError> {
    Ok(items(db, id)
        .await?
        .into_iter()
        .map(|i| (i.competency_id, i.required_level))
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
    let mut versions = Vec::new();
    for r in sql::all(
        db,
        "SELECT id, version, status FROM standards WHERE position_id = $1 ORDER BY version DESC",
        vec![s.position_id.into()],
    )
    .await?
    {
        let st: String = sql::get(&r, "status")?;
        let status = StandardStatus::parse(&st).unwrap_or(StandardStatus::Draft);
        if self::rights(acc, status).is_some() {
            versions.push((sql::get(&r, "id")?, sql::get(&r, "version")?, st));
        }
    }
    let addable = if rights.edit {
        sql::all(
            db,
            "SELECT id, code, name FROM competencies c WHERE active AND (agency_id IS NULL OR agency_id = $1) \
             AND NOT EXISTS (SELECT 1 FROM standard_items i WHERE i.standard_id = $2 AND i.competency_id = c.id) ORDER BY code",
            vec![s.agency_id.into(), id.into()],
        )
        .await?
        .iter()
        .map(|r| Ok((sql::get(r, "id")?, sql::get(r, "code")?, sql::get(r, "name")?)))
        .collect::<Result<_, sea_orm::DbErr>>()?
    } else {
        vec![]
    };
    Ok(StandardDetail {
        id,
        agency_name: s.agency_name,
        position_id: s.position_id,
        position_name: s.position_name,
        job_level: s.job_level,
        version: s.version,
        status: s.status.code().into(),
        ratified_at: s.ratified_at.map(|t| t.format("%d-%m-%Y").to_string()),
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

/// HR's list: every active position with the version in force and the one drafted.
pub async fn list(db: &Db, actor: &Actor) -> Result<Vec<StandardSummary>, AppError> {
    let agency = hr_agency(actor)?;
    let rows = sql::all(
        db,
        "SELECT p.id, p.name, p.job_level, \
           (SELECT COUNT(*) FROM assignments a WHERE a.position_id = p.id AND a.end_date IS NULL) AS holders, \
           r.id AS rid, r.version AS rversion, w.id AS wid, w.version AS wversion, w.status AS wstatus \
         FROM positions p \
         LEFT JOIN standards r ON r.position_id = p.id AND r.status = 'ratified' \
         LEFT JOIN standards w ON w.position_id = p.id AND w.status IN ('draft', 'open') \
         WHERE p.agency_id = $1 AND p.active ORDER BY p.name",
        vec![agency.into()],
    )
    .await?;
    rows.iter()
        .map(|r| {
            let rid: Option<i32> = sql::get(r, "rid")?;
            let wid: Option<i32> = sql::get(r, "wid")?;
            Ok(StandardSummary {
                position_id: sql::get(r, "id")?,
                position_name: sql::get(r, "name")?,
                job_level: sql::get(r, "job_level")?,
                holders: sql::get(r, "holders")?,
                ratified: rid.map(|id| (id, sql::get(r, "rversion").unwrap_or(1))),
                working: match wid {
                    Some(id) => Some((id, sql::get(r, "wversion")?, sql::get(r, "wstatus")?)),
                    None => None,
                },
            })
        })
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(AppError::from)
}
