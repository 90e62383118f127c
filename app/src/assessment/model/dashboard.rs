//! What the competency dashboard and a leader's team list receive: aggregates only,
//! never a peer's or subordinate's answer.

use super::{DroppedSource, Source};
use crate::competency::model::JpmBand;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DashItem {
    pub code: String,
    pub name: String,
    pub required: u8,
    pub measured: Option<f64>,
    pub gap: Option<f64>,
    pub self_level: Option<f64>,
    pub others: Option<f64>,
    /// Sources left out and why.
    pub dropped: Vec<DroppedSource>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::FromQueryResult))]
pub struct Feedback {
    pub competency: String,
    pub source: Source,
    /// Only the supervisor is named.
    pub author: Option<String>,
    pub body: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub employee_id: i32,
    pub name: String,
    pub position: String,
    pub unit: String,
    /// The campaign shown and every closed campaign of this person: (id, name).
    pub campaign: Option<(i32, String)>,
    pub campaigns: Vec<(i32, String)>,
    pub standard_version: Option<i32>,
    pub items: Vec<DashItem>,
    pub jpm: Option<f64>,
    pub band: Option<JpmBand>,
    /// Half a level or more above the required level.
    pub strengths: Vec<String>,
    /// At the required level.
    pub meets: Vec<String>,
    pub to_develop: Vec<String>,
    /// Per campaign: name, JPM, and the summed shortfall.
    pub history: Vec<(String, Option<f64>, f64)>,
    pub feedback: Vec<Feedback>,
}

/// The dashboard page: the figures and their charts (drawn by `ui::chart`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DashboardPage {
    pub dashboard: Dashboard,
    /// Required against measured levels.
    pub radar_svg: String,
    /// JPM across campaigns.
    pub progress_svg: String,
}

/// Someone whose dashboard the reader may open (a subordinate, or staff of a unit
/// the reader leads), with their latest JPM.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sea_orm::FromQueryResult))]
pub struct TeamMember {
    pub employee_id: i32,
    pub name: String,
    pub position: String,
    pub jpm: Option<f64>,
}
