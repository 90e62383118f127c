//! What crosses the wire about campaigns, forms and dashboards. Nothing here ever
//! carries a peer's or subordinate's identity next to what they answered.

mod dashboard;

pub use dashboard::*;

use crate::competency::model::LevelText;
use crate::i18n::K;
use serde::{Deserialize, Serialize};

crate::coded! {
    /// Who gives a rating: the ratee themself, the direct supervisor, peers and
    /// direct subordinates (peers and subordinates are anonymous).
    #[derive(PartialOrd, Ord)]
    pub enum Source {
        SelfRating = "self" => K::SourceSelf,
        Supervisor = "supervisor" => K::SourceSupervisor,
        Peer = "peer" => K::SourcePeer,
        Subordinate = "subordinate" => K::SourceSubordinate,
    }
}

crate::coded! {
    /// Where a campaign is in its life.
    pub enum CampaignStatus {
        /// Ratees chosen; the rater lists are being built (a background job). Nothing
        /// can be started or changed until they are.
        Preparing = "preparing" => K::CampStatusPreparing,
        /// Raters assigned; supervisors may still change peers.
        Draft = "draft" => K::CampStatusDraft,
        /// Forms open until the deadline (HR may extend it).
        Running = "running" => K::CampStatusRunning,
        /// Forms shut; the results are being stored (a background job). Dashboards
        /// still show the previous campaign.
        Closing = "closing" => K::CampStatusClosing,
        /// Results stored; nothing changes any more.
        Closed = "closed" => K::CampStatusClosed,
    }
}

crate::coded! {
    /// Where one rater's form is.
    pub enum RaterStatus {
        Pending = "pending",
        /// Saved, may still change.
        Draft = "draft",
        /// Sent: final.
        Submitted = "submitted",
    }
}

crate::coded! {
    /// Who put a rater on a campaign: the assignment at creation, or the ratee's
    /// supervisor while reviewing peers.
    pub enum AddedBy {
        Auto = "auto",
        Supervisor = "supervisor",
    }
}

crate::coded! {
    /// Why a source did not count for a result.
    pub enum DropReason {
        /// Asked, but nobody of this source answered.
        NoAnswers = "no_answers",
        /// Fewer than k anonymous raters answered: their answers are left out.
        BelowK = "below_k",
    }
}

/// One source left out of a result and why: what closing stores with the result (as
/// a JSON array `[source, reason, k]`) and what the dashboard shows. For `BelowK` the
/// number is the campaign's threshold k, never how many answered: "fewer than 3
/// answers" says why, while "1 answer" would tell a ratee who knows their one
/// subordinate that they did answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DroppedSource(pub Source, pub DropReason, pub u32);

/// HR's campaign form, as posted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CampaignForm {
    pub name: String,
    pub starts_on: String,
    pub ends_on: String,
    /// Units in scope (with everything below them); empty: the whole agency.
    #[serde(default)]
    pub unit_ids: Vec<i32>,
    pub w_self: String,
    pub w_supervisor: String,
    pub w_peer: String,
    pub w_subordinate: String,
    pub k: String,
    pub max_peers: String,
}

impl CampaignForm {
    /// A form with the settings the new-campaign page suggests: weights 10/50/25/15
    /// (self, supervisor, peers, subordinates), k = 3, at most 4 peers.
    pub fn suggested(name: &str, starts_on: &str, ends_on: &str, unit_ids: Vec<i32>) -> Self {
        CampaignForm {
            name: name.into(),
            starts_on: starts_on.into(),
            ends_on: ends_on.into(),
            unit_ids,
            w_self: "10".into(),
            w_supervisor: "50".into(),
            w_peer: "25".into(),
            w_subordinate: "15".into(),
            k: "3".into(),
            max_peers: "4".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignRow {
    pub id: i32,
    pub name: String,
    pub status: CampaignStatus,
    pub starts_on: String,
    pub ends_on: String,
    pub ratees: i64,
    pub forms: i64,
    pub submitted: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::FromQueryResult))]
pub struct UnitCompletion {
    pub unit: String,
    pub forms: i64,
    pub submitted: i64,
}

/// A rater who still owes forms (HR only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::FromQueryResult))]
pub struct Missing {
    pub name: String,
    pub nip: String,
    pub unit: String,
    pub open_forms: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CampaignDetail {
    pub row: CampaignRow,
    /// self, supervisor, peer, subordinate in percent.
    pub weights: [u32; 4],
    pub k: u32,
    pub max_peers: u32,
    pub skipped: i64,
    pub units: Vec<String>,
    /// The units furthest behind (`progress::UNITS_SHOWN` at most).
    pub completion: Vec<UnitCompletion>,
    /// Those who owe forms (`progress::MISSING_SHOWN` at most).
    pub missing: Vec<Missing>,
    /// How many units the ratees are in, and how many people owe forms in all.
    pub units_total: i64,
    pub missing_total: i64,
    /// The latest job on the campaign (preparing its raters, or closing it).
    pub job: Option<crate::jobs::model::JobView>,
    /// When HR last reminded those who have not sent their forms.
    pub reminded_at: Option<String>,
}

/// HR's reminder, on the home page of someone who still owes forms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub campaign: String,
    pub ends_on: String,
    pub reminded_at: String,
    pub unsent: i64,
}

/// One form a rater has to fill.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TodoItem {
    pub rater_row: i32,
    pub campaign: String,
    pub ends_on: String,
    pub ratee: String,
    pub position: String,
    pub source: Source,
    pub status: RaterStatus,
    pub open: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormItem {
    pub competency_id: i32,
    pub code: String,
    pub name: String,
    pub definition: String,
    pub required_level: u8,
    pub levels: Vec<LevelText>,
    pub level: Option<u8>,
    pub comment: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RatingForm {
    pub rater_row: i32,
    pub campaign: String,
    pub ends_on: String,
    pub ratee: String,
    pub position: String,
    pub source: Source,
    pub status: RaterStatus,
    pub editable: bool,
    /// A peer's or subordinate's form of a closed campaign: its answers are gone
    /// (see closing), and the form says so instead of showing empty questions.
    pub sealed: bool,
    pub items: Vec<FormItem>,
}

/// One answer as the form posts it (`items[i][...]`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswerInput {
    pub competency_id: String,
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub comment: String,
}

/// A peer the supervisor adds to (or removes from) a subordinate's raters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeerChoice {
    pub campaign_id: i32,
    pub ratee_id: i32,
    pub rater_id: i32,
}

/// Someone from outside the ratee's unit named as a peer, by NIP, with the reason.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedPeer {
    pub campaign_id: i32,
    pub ratee_id: i32,
    pub nip: String,
    pub reason: String,
}

/// Peers of one subordinate as their supervisor plans them (before the start only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeerPlan {
    pub campaign_id: i32,
    pub campaign: String,
    pub ratee_id: i32,
    pub ratee: String,
    pub peers: Vec<(i32, String)>,
    pub candidates: Vec<(i32, String)>,
}
