//! What the training-needs pages receive: figures per unit and competency (never a
//! rater's answer), and for readers who may see them, the people of one unit.

use crate::competency::model::CompetencyGroup;
use crate::people::job_level::JobLevel;
pub use crate::training::rules::{Need, Priority};
use serde::{Deserialize, Serialize};

/// What the reader asked for (the page's query string): every part optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NeedsQuery {
    /// A closed campaign (default: the latest).
    pub campaign: Option<i32>,
    /// The unit opened (default: the reader's whole scope).
    pub unit: Option<i32>,
    pub level: Option<JobLevel>,
    pub group: Option<CompetencyGroup>,
}

/// One competency, a column of the heatmap, with its totals over the rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedsColumn {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub total: Need,
}

/// One row of the heatmap: a unit with everything below it, or (`unit` None, no
/// name) the opened unit's own staff.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NeedsRow {
    pub unit: Option<i32>,
    pub name: String,
    /// People measured in the row (the most of any competency).
    pub people: i64,
    /// One per column, in the columns' order.
    pub cells: Vec<Need>,
    /// Whether the unit has units below it to open.
    pub has_below: bool,
}

/// One person of the opened unit and the competencies they fall short in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonNeeds {
    pub employee_id: i32,
    pub nip: String,
    pub name: String,
    pub position: String,
    pub shortfall: f64,
    pub gaps: Vec<PersonGap>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonGap {
    pub code: String,
    pub required: i16,
    pub measured: f64,
    pub priority: Priority,
}

/// The training-needs page of a unit (or of the reader's whole scope).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Needs {
    pub query: NeedsQuery,
    /// Closed campaigns of the agency, latest first: (id, name).
    pub campaigns: Vec<(i32, String)>,
    pub campaign: Option<(i32, String)>,
    /// From the reader's top to the opened unit: (unit, name); the first is the
    /// reader's whole scope (None).
    pub trail: Vec<(Option<i32>, String)>,
    /// Whether the whole scope is the agency (HR) rather than the units one leads.
    pub agency_wide: bool,
    /// Ranked by total shortfall, largest first.
    pub columns: Vec<NeedsColumn>,
    pub rows: Vec<NeedsRow>,
    pub total: Need,
    /// The opened unit's own staff with a shortfall, largest first (only when a unit
    /// is opened); `people_more` says how many more the CSV holds.
    pub people: Vec<PersonNeeds>,
    pub people_more: usize,
    /// The job levels present, for the filter.
    pub levels: Vec<JobLevel>,
}

/// The page with its chart (drawn by `ui::chart`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct NeedsPage {
    pub needs: Needs,
    /// The competencies by total shortfall.
    pub ranking_svg: String,
}
