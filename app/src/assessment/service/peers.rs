//! Before a campaign starts, a supervisor reviews the peers assigned to each direct
//! subordinate: removes one, or names another colleague of the unit (never the
//! ratee, never the supervisor). Once the campaign starts, the list is closed and
//! nobody but HR can read who the peers are.

use super::campaign;
use crate::assessment::model::{
    AddedBy, CampaignStatus, PeerChoice, PeerPlan, RaterStatus, Source,
};
use crate::assessment::raters::may_be_peer;
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::server::entities::{assignment, campaign as campaign_entity};
use crate::server::entities::{by_ids, campaign_ratee, campaign_rater, employee};
use crate::server::{write_tx, Db};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QuerySelect, Set,
};
use serde_json::json;
use std::collections::HashMap;

/// The actor's direct subordinates in campaigns still in draft, with their peers
/// and the colleagues who could be added (a handful of queries, whatever the team).
pub async fn plans(db: &Db, actor: &Actor) -> Result<Vec<PeerPlan>, AppError> {
    let Some(me) = actor.employee_id else {
        return Ok(vec![]);
    };
    let drafts: HashMap<i32, String> = campaign_entity::Entity::find()
        .filter(campaign_entity::Column::Status.eq(CampaignStatus::Draft))
        .filter(campaign_entity::Column::AgencyId.eq(actor.agency_id.unwrap_or_default()))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.name))
        .collect();
    let ratees = campaign_ratee::Entity::find()
        .filter(campaign_ratee::Column::SupervisorId.eq(me))
        .filter(campaign_ratee::Column::CampaignId.is_in(drafts.keys().copied()))
        .all(db)
        .await?;
    if ratees.is_empty() {
        return Ok(vec![]);
    }
    let raters = campaign_rater::Entity::find()
        .filter(campaign_rater::Column::CampaignId.is_in(drafts.keys().copied()))
        .filter(campaign_rater::Column::RateeId.is_in(ratees.iter().map(|r| r.employee_id)))
        .all(db)
        .await?;
    let units = ratees.iter().map(|r| r.unit_id);
    let colleagues: Vec<(i32, i32)> = assignment::Entity::current()
        .select_only()
        .columns([assignment::Column::UnitId, assignment::Column::EmployeeId])
        .filter(assignment::Column::UnitId.is_in(units))
        .into_tuple()
        .all(db)
        .await?;
    let people = ratees.iter().map(|r| r.employee_id);
    let names = names(db, people.chain(colleagues.iter().map(|c| c.1))).await?;
    let known = Known {
        me,
        drafts,
        raters,
        colleagues,
        names,
    };
    let mut out: Vec<PeerPlan> = ratees.iter().map(|t| known.plan(t)).collect();
    out.sort_by(|a, b| (a.campaign_id, &a.ratee).cmp(&(b.campaign_id, &b.ratee)));
    Ok(out)
}

/// What `plans` read, for building each subordinate's plan.
struct Known {
    me: i32,
    drafts: HashMap<i32, String>,
    raters: Vec<campaign_rater::Model>,
    /// (unit, employee) of everyone currently in the subordinates' units.
    colleagues: Vec<(i32, i32)>,
    names: HashMap<i32, (String, bool)>,
}

impl Known {
    fn named(&self, id: i32) -> Option<(i32, String)> {
        self.names.get(&id).map(|n| (id, n.0.clone()))
    }

    fn plan(&self, t: &campaign_ratee::Model) -> PeerPlan {
        let mine: Vec<&campaign_rater::Model> = self
            .raters
            .iter()
            .filter(|r| r.campaign_id == t.campaign_id && r.ratee_id == t.employee_id)
            .collect();
        let mut peers: Vec<(i32, String)> = mine
            .iter()
            .filter(|r| r.source == Source::Peer)
            .filter_map(|r| self.named(r.rater_id))
            .collect();
        let offered = |id: &i32| {
            *id != t.employee_id
                && *id != self.me
                && !mine.iter().any(|r| r.rater_id == *id)
                && self.names.get(id).is_some_and(|n| n.1)
        };
        let mut candidates: Vec<(i32, String)> = self
            .colleagues
            .iter()
            .filter(|(unit, id)| *unit == t.unit_id && offered(id))
            .filter_map(|(_, id)| self.named(*id))
            .collect();
        peers.sort_by(|a, b| a.1.cmp(&b.1));
        candidates.sort_by(|a, b| a.1.cmp(&b.1));
        PeerPlan {
            campaign_id: t.campaign_id,
            campaign: self.drafts.get(&t.campaign_id).cloned().unwrap_or_default(),
            ratee_id: t.employee_id,
            ratee: self.named(t.employee_id).map(|n| n.1).unwrap_or_default(),
            peers,
            candidates,
        }
    }
}

/// Names of the employees among `ids`, and whether each is active (only active
/// colleagues are offered as peers).
async fn names(
    db: &Db,
    ids: impl Iterator<Item = i32>,
) -> Result<HashMap<i32, (String, bool)>, AppError> {
    let found = by_ids::<employee::Model>(db, ids).await?;
    Ok(found
        .into_iter()
        .map(|(id, e)| (id, (e.name, e.active)))
        .collect())
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

pub async fn add_peer(db: &Db, actor: &Actor, c: PeerChoice) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let t = target(&tx, actor, c.campaign_id, c.ratee_id).await?;
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
    commit(tx, actor, &t, "add_peer", c).await
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
    commit(tx, actor, &t, "remove_peer", c).await
}

/// Commits a change of a ratee's peers, with its audit record on the campaign.
async fn commit(
    tx: DatabaseTransaction,
    actor: &Actor,
    t: &Target,
    action: &str,
    c: PeerChoice,
) -> Result<(), AppError> {
    let summary = json!({ "ratee": c.ratee_id, "rater": c.rater_id });
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
