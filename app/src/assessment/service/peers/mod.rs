//! Before a campaign starts, a supervisor reviews the peers assigned to each direct
//! subordinate: removes one, or adds a colleague. A peer is, by rule, a colleague
//! of the ratee's unit (where the campaign recorded the ratee); someone from
//! elsewhere may be named by NIP only with a written reason, kept in the audit trail.
//! Never the ratee, never the supervisor. Once the campaign starts, the list is
//! closed and nobody but HR can read who the peers are.

mod change;

pub use change::{add_named_peer, add_peer, remove_peer};

use crate::assessment::model::{CampaignStatus, PeerPlan, Source};
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::server::entities::{assignment, campaign as campaign_entity};
use crate::server::entities::{by_ids, campaign_ratee, campaign_rater, employee};
use crate::server::Db;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
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
