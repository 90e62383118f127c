//! Changing a ratee's peers: who may (the ratee's supervisor, or HR), when (while
//! the campaign is a draft) and whom (see the module above).

use super::super::campaign;
use crate::assessment::model::{
    AddedBy, CampaignStatus, NamedPeer, PeerChoice, RaterStatus, Source,
};
use crate::assessment::raters::may_be_peer;
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::server::entities::{assignment, campaign_ratee, campaign_rater, employee};
use crate::server::{write_tx, Db};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    Set,
};
use serde_json::json;

struct Target {
    agency_id: i32,
    /// The unit the campaign recorded the ratee in: where their colleagues are.
    unit_id: i32,
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
    let t = campaign_ratee::Entity::find()
        .filter(campaign_ratee::Column::CampaignId.eq(campaign_id))
        .filter(campaign_ratee::Column::EmployeeId.eq(ratee))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let supervisor = t.supervisor_id;
    let allowed = actor.is_hr_of(c.row.agency_id)
        || (supervisor.is_some() && actor.employee_id == supervisor);
    if !allowed {
        return Err(AppError::Forbidden);
    }
    if c.row.status != CampaignStatus::Draft {
        return Err(AppError::Conflict(Msg::new(K::ErrPeersClosed)));
    }
    Ok(Target {
        agency_id: c.row.agency_id,
        unit_id: t.unit_id,
        supervisor,
        max_peers: c.max_peers,
    })
}

/// The rows of one ratee's raters in a campaign.
fn raters_of(campaign_id: i32, ratee: i32) -> sea_orm::Select<campaign_rater::Entity> {
    campaign_rater::Entity::find()
        .filter(campaign_rater::Column::CampaignId.eq(campaign_id))
        .filter(campaign_rater::Column::RateeId.eq(ratee))
}

/// Adds a colleague of the ratee's unit as a peer.
pub async fn add_peer(db: &Db, actor: &Actor, c: PeerChoice) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let t = target(&tx, actor, c.campaign_id, c.ratee_id).await?;
    let same_unit = assignment::Entity::current()
        .filter(assignment::Column::EmployeeId.eq(c.rater_id))
        .filter(assignment::Column::UnitId.eq(t.unit_id))
        .one(&tx)
        .await?
        .is_some();
    if !same_unit {
        return Err(AppError::field("rater_id", K::ErrPeerOutsideUnit));
    }
    add(tx, actor, &t, c, None).await
}

/// Adds someone from outside the ratee's unit, named by NIP, with the reason.
pub async fn add_named_peer(db: &Db, actor: &Actor, n: NamedPeer) -> Result<(), AppError> {
    let reason = n.reason.trim().to_string();
    if reason.chars().count() < 10 || reason.chars().count() > 200 {
        return Err(AppError::field("reason", K::ErrPeerReason));
    }
    let tx = write_tx(db).await?;
    let t = target(&tx, actor, n.campaign_id, n.ratee_id).await?;
    let nip: String = n.nip.chars().filter(|c| !c.is_whitespace()).collect();
    let named = employee::Entity::find()
        .filter(employee::Column::Nip.eq(nip))
        .filter(employee::Column::AgencyId.eq(t.agency_id))
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::field("nip", K::ErrEmployeeUnknown))?;
    let c = PeerChoice {
        campaign_id: n.campaign_id,
        ratee_id: n.ratee_id,
        rater_id: named.id,
    };
    add(tx, actor, &t, c, Some(reason)).await
}

async fn add(
    tx: DatabaseTransaction,
    actor: &Actor,
    t: &Target,
    c: PeerChoice,
    reason: Option<String>,
) -> Result<(), AppError> {
    if !may_be_peer(c.ratee_id, c.rater_id, t.supervisor) {
        return Err(AppError::field("rater_id", K::ErrPeerSelf));
    }
    let colleague = employee::Entity::find_by_id(c.rater_id)
        .filter(employee::Column::AgencyId.eq(t.agency_id))
        .filter(employee::Column::Active.eq(true))
        .one(&tx)
        .await?;
    if colleague.is_none() {
        return Err(AppError::field("rater_id", K::ErrEmployeeUnknown));
    }
    let existing = raters_of(c.campaign_id, c.ratee_id).all(&tx).await?;
    if existing.iter().any(|r| r.rater_id == c.rater_id) {
        return Err(AppError::field("rater_id", K::ErrPeerAlready));
    }
    let peers = existing.iter().filter(|r| r.source == Source::Peer).count();
    if peers as u32 >= t.max_peers {
        let msg = Msg::new(K::ErrPeersFull).with("max", t.max_peers);
        return Err(AppError::Conflict(msg));
    }
    campaign_rater::ActiveModel {
        agency_id: Set(t.agency_id),
        campaign_id: Set(c.campaign_id),
        ratee_id: Set(c.ratee_id),
        rater_id: Set(c.rater_id),
        source: Set(Source::Peer),
        added_by: Set(AddedBy::Supervisor),
        status: Set(RaterStatus::Pending),
        ..Default::default()
    }
    .insert(&tx)
    .await?;
    commit(tx, actor, t, "add_peer", c, reason).await
}

pub async fn remove_peer(db: &Db, actor: &Actor, c: PeerChoice) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let t = target(&tx, actor, c.campaign_id, c.ratee_id).await?;
    let gone = campaign_rater::Entity::delete_many()
        .filter(campaign_rater::Column::CampaignId.eq(c.campaign_id))
        .filter(campaign_rater::Column::RateeId.eq(c.ratee_id))
        .filter(campaign_rater::Column::RaterId.eq(c.rater_id))
        .filter(campaign_rater::Column::Source.eq(Source::Peer))
        .exec(&tx)
        .await?;
    if gone.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    commit(tx, actor, &t, "remove_peer", c, None).await
}

/// Commits a change of a ratee's peers, with its audit record on the campaign.
async fn commit(
    tx: DatabaseTransaction,
    actor: &Actor,
    t: &Target,
    action: &str,
    c: PeerChoice,
    reason: Option<String>,
) -> Result<(), AppError> {
    let mut summary = json!({ "ratee": c.ratee_id, "rater": c.rater_id });
    if let Some(r) = reason {
        summary["reason"] = json!(r);
    }
    audit::commit(
        tx,
        actor,
        t.agency_id,
        action,
        "campaign",
        c.campaign_id,
        summary,
    )
    .await?;
    Ok(())
}
