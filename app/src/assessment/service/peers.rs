//! Before a campaign starts, a supervisor reviews the peers assigned to each direct
//! subordinate: removes one, or names another colleague of the unit (never the
//! ratee, never the supervisor). Once the campaign starts, the list is closed and
//! nobody but HR can read who the peers are.

use super::campaign;
use crate::assessment::model::PeerPlan;
use crate::assessment::raters::may_be_peer;
use crate::assessment::rules::CampaignStatus;
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::server::{sql, write_tx, Db};
use sea_orm::ConnectionTrait;
use serde_json::json;

fn pairs(rows: &[sea_orm::QueryResult]) -> Result<Vec<(i32, String)>, AppError> {
    rows.iter()
        .map(|r| Ok((sql::get(r, "id")?, sql::get(r, "name")?)))
        .collect::<Result<_, sea_orm::DbErr>>()
        .map_err(AppError::from)
}

/// The actor's direct subordinates in campaigns still in draft, with their peers.
pub async fn plans(db: &Db, actor: &Actor) -> Result<Vec<PeerPlan>, AppError> {
    let Some(me) = actor.employee_id else {
        return Ok(vec![]);
    };
    let ratees = sql::all(
        db,
        "SELECT c.id AS cid, c.name AS cname, t.employee_id, t.unit_id, e.name FROM campaign_ratees t \
         JOIN campaigns c ON c.id = t.campaign_id JOIN employees e ON e.id = t.employee_id \
         WHERE t.supervisor_id = $1 AND c.status = 'draft' ORDER BY c.id, e.name",
        vec![me.into()],
    )
    .await?;
    let mut out = Vec::new();
    for t in &ratees {
        let cid: i32 = sql::get(t, "cid")?;
        let ratee: i32 = sql::get(t, "employee_id")?;
        let unit: i32 = sql::get(t, "unit_id")?;
        let peers = sql::all(
            db,
            "SELECT e.id, e.name FROM campaign_raters r JOIN employees e ON e.id = r.rater_id \
             WHERE r.campaign_id = $1 AND r.ratee_id = $2 AND r.source = 'peer' ORDER BY e.name",
            vec![cid.into(), ratee.into()],
        )
        .await?;
        let candidates = sql::all(
            db,
            "SELECT e.id, e.name FROM assignments a JOIN employees e ON e.id = a.employee_id \
             WHERE a.unit_id = $1 AND a.end_date IS NULL AND e.active AND e.id <> $2 AND e.id <> $3 \
             AND NOT EXISTS (SELECT 1 FROM campaign_raters r WHERE r.campaign_id = $4 AND r.ratee_id = $2 \
               AND r.rater_id = e.id) ORDER BY e.name",
            vec![unit.into(), ratee.into(), me.into(), cid.into()],
        )
        .await?;
        out.push(PeerPlan {
            campaign_id: cid,
            campaign: sql::get(t, "cname")?,
            ratee_id: ratee,
            ratee: sql::get(t, "name")?,
            peers: pairs(&peers)?,
            candidates: pairs(&candidates)?,
        });
    }
    Ok(out)
}

struct Target {
    agency_id: i32,
    supervisor: Option<i32>,
    max_peers: u32,
}

/// The ratee's entry in a draft campaign, if the actor is its supervisor (or HR).
async fn target(
    db: &impl ConnectionTrait,
    actor: &Actor,
    campaign_id: i32,
    ratee: i32,
) -> Result<Target, AppError> {
    let c = campaign(db, campaign_id).await?;
    let t = sql::one(
        db,
        "SELECT supervisor_id FROM campaign_ratees WHERE campaign_id = $1 AND employee_id = $2",
        vec![campaign_id.into(), ratee.into()],
    )
    .await?
    .ok_or(AppError::NotFound)?;
    let supervisor: Option<i32> = sql::get(&t, "supervisor_id")?;
    let allowed =
        actor.is_hr_of(c.agency_id) || (supervisor.is_some() && actor.employee_id == supervisor);
    if !allowed {
        return Err(AppError::Forbidden);
    }
    if c.status != CampaignStatus::Draft {
        return Err(AppError::Conflict(Msg::new(K::ErrPeersClosed)));
    }
    Ok(Target {
        agency_id: c.agency_id,
        supervisor,
        max_peers: c.max_peers,
    })
}

pub async fn add_peer(
    db: &Db,
    actor: &Actor,
    campaign_id: i32,
    ratee: i32,
    rater: i32,
) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let t = target(&tx, actor, campaign_id, ratee).await?;
    if !may_be_peer(ratee, rater, t.supervisor) {
        return Err(AppError::field("rater_id", K::ErrPeerSelf));
    }
    let ok = sql::one(
        &tx,
        "SELECT id FROM employees WHERE id = $1 AND agency_id = $2 AND active",
        vec![rater.into(), t.agency_id.into()],
    )
    .await?;
    if ok.is_none() {
        return Err(AppError::field("rater_id", K::ErrEmployeeUnknown));
    }
    let existing = sql::all(
        &tx,
        "SELECT rater_id, source FROM campaign_raters WHERE campaign_id = $1 AND ratee_id = $2",
        vec![campaign_id.into(), ratee.into()],
    )
    .await?;
    if existing
        .iter()
        .any(|r| sql::get::<i32>(r, "rater_id").ok() == Some(rater))
    {
        return Err(AppError::field("rater_id", K::ErrPeerAlready));
    }
    let peers = existing
        .iter()
        .filter(|r| sql::get::<String>(r, "source").ok().as_deref() == Some("peer"))
        .count();
    if peers as u32 >= t.max_peers {
        return Err(AppError::Conflict(
            Msg::new(K::ErrPeersFull).with("max", t.max_peers),
        ));
    }
    sql::exec(
        &tx,
        "INSERT INTO campaign_raters (agency_id, campaign_id, ratee_id, rater_id, source, added_by, status) \
         VALUES ($1, $2, $3, $4, 'peer', 'supervisor', 'pending')",
        vec![t.agency_id.into(), campaign_id.into(), ratee.into(), rater.into()],
    )
    .await?;
    audit::change(
        &tx,
        actor,
        t.agency_id,
        "add_peer",
        "campaign",
        campaign_id,
        json!({ "ratee": ratee, "rater": rater }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}

pub async fn remove_peer(
    db: &Db,
    actor: &Actor,
    campaign_id: i32,
    ratee: i32,
    rater: i32,
) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let t = target(&tx, actor, campaign_id, ratee).await?;
    let n = sql::exec(
        &tx,
        "DELETE FROM campaign_raters WHERE campaign_id = $1 AND ratee_id = $2 AND rater_id = $3 AND source = 'peer'",
        vec![campaign_id.into(), ratee.into(), rater.into()],
    )
    .await?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    audit::change(
        &tx,
        actor,
        t.agency_id,
        "remove_peer",
        "campaign",
        campaign_id,
        json!({ "ratee": ratee, "rater": rater }),
    )
    .await?;
    crate::server::commit(tx).await?;
    Ok(())
}
