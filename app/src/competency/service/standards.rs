//! Standards per position: started as a draft (pre-filled from the job-level table,
//! or copied from the version in force), edited by HR, opened for comment to the
//! position's holders and their unit leaders, then ratified, which locks it and
//! supersedes the previous version. Assessments point at the version they used.

use super::dictionary::levels_of;
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::competency::model::*;
use crate::competency::rules::{Level, StandardAction, StandardStatus};
use crate::error::{AppError, FieldError, Msg};
use crate::i18n::K;
use crate::org::service::hr_agency;
use crate::people::job_level::JobLevel;
use crate::people::service::supervision::{current_assignment, unit_chain};
use crate::server::{db, sql, write_tx, Db};
use sea_orm::{ConnectionTrait, DatabaseTransaction};
use serde_json::json;

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
        let units = sql::all(
            db,
            "SELECT DISTINCT unit_id FROM assignments WHERE position_id = $1 AND end_date IS NULL",
            vec![s.position_id.into()],
        )
        .await?;
        for u in units {
            let chain = unit_chain(db, sql::get(&u, "unit_id")?).await?;
            if chain.iter().any(|c| led.contains(c)) {
                return Ok(Access::Participant);
            }
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

async fn comments(db: &impl ConnectionTrait, id: i32) -> Result<Vec<StandardComment>, AppError> {
    let rows = sql::all(
        db,
        "SELECT id, author_name, body, answer, created_at FROM standard_comments \
         WHERE standard_id = $1 ORDER BY created_at, id",
        vec![id.into()],
    )
    .await?;
    rows.iter()
        .map(|r| {
            let at: chrono::DateTime<chrono::Utc> = sql::get(r, "created_at")?;
            Ok(StandardComment {
                id: sql::get(r, "id")?,
                author: sql::get(r, "author_name")?,
                body: sql::get(r, "body")?,
                answer: sql::get(r, "answer")?,
                at: at.format("%d-%m-%Y %H:%M").to_string(),
            })
        })
        .collect()
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
            comments(db, id).await?
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

fn text(body: &str, field: &str) -> Result<String, AppError> {
    let b = body.trim();
    if b.is_empty() {
        return Err(AppError::field(field, K::ErrRequired));
    }
    if b.chars().count() > 2000 {
        return Err(AppError::Validation(vec![FieldError::new(
            field,
            K::ErrTooLong,
        )
        .with("max", 2000)]));
    }
    Ok(b.to_string())
}

/// A holder or unit leader comments on an open standard.
pub async fn comment(db: &Db, actor: &Actor, id: i32, body: &str) -> Result<i32, AppError> {
    let body = text(body, "body")?;
    let tx = write_tx(db).await?;
    let s = row(&tx, id).await?;
    let acc = access(&tx, actor, &s).await?;
    if !rights(Some(acc), s.status).is_some_and(|r| r.comment) {
        return Err(if s.status == StandardStatus::Open {
            AppError::Forbidden
        } else {
            AppError::Conflict(Msg::new(K::ErrStandardNotOpen))
        });
    }
    let r = sql::one(
        &tx,
        "INSERT INTO standard_comments (agency_id, standard_id, user_id, author_name, body, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        vec![s.agency_id.into(), id.into(), actor.user_id.into(), actor.display_name.clone().into(), body.clone().into(), db::now().into()],
    )
    .await?
    .ok_or_else(|| AppError::from(sea_orm::DbErr::RecordNotInserted))?;
    let cid: i32 = sql::get(&r, "id")?;
    audit::change(
        &tx,
        actor,
        s.agency_id,
        "comment",
        "standard",
        id,
        json!({ "comment_id": cid, "body": body }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(cid)
}

/// HR answers a comment on an open standard.
pub async fn answer(db: &Db, actor: &Actor, comment_id: i32, body: &str) -> Result<(), AppError> {
    let body = text(body, "answer")?;
    let tx = write_tx(db).await?;
    let c = sql::one(
        &tx,
        "SELECT standard_id FROM standard_comments WHERE id = $1",
        vec![comment_id.into()],
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let s = row(&tx, sql::get(&c, "standard_id")?).await?;
    if !actor.is_hr_of(s.agency_id) {
        return Err(AppError::Forbidden);
    }
    if s.status != StandardStatus::Open {
        return Err(AppError::Conflict(Msg::new(K::ErrStandardNotOpen)));
    }
    sql::exec(
        &tx,
        "UPDATE standard_comments SET answer = $1, answered_by_user_id = $2, answered_at = $3 WHERE id = $4",
        vec![body.clone().into(), actor.user_id.into(), db::now().into(), comment_id.into()],
    )
    .await?;
    audit::change(
        &tx,
        actor,
        s.agency_id,
        "answer",
        "standard_comment",
        comment_id,
        json!({ "answer": body }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}
