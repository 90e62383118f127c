//! One person's development: their JP this year against the 20 JP right, the
//! programmes suggested for their gaps, their plan and enrolments; a supervisor's
//! requests to decide; a unit's pace.

use super::{EnrolStatus, Mode};
use serde::{Deserialize, Serialize};

/// JP this year against the yearly right, with where the pace stands today.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct JpYear {
    pub year: i32,
    pub jp: i32,
    /// The JP one should have by now to be on pace (20 × months elapsed / 12).
    pub pace: f64,
}

/// A programme suggested for a gap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Suggestion {
    pub programme_id: i32,
    pub name: String,
    pub level: i16,
    pub jp: i32,
    pub mode: Mode,
    pub starts_on: String,
}

/// One competency below its required level, with what could close it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanGap {
    pub competency_id: i32,
    pub code: String,
    pub name: String,
    pub required: i16,
    pub measured: f64,
    pub suggestions: Vec<Suggestion>,
}

/// One enrolment as its employee (or their supervisor) sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanItem {
    pub enrolment_id: i32,
    pub programme_id: i32,
    pub programme: String,
    /// The competency it was chosen for (the plan), if any.
    pub competency: Option<String>,
    pub status: EnrolStatus,
    pub jp: i32,
    pub starts_on: String,
    pub note: Option<String>,
    pub completed_on: Option<String>,
}

/// A request waiting for the reader as supervisor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub enrolment_id: i32,
    pub name: String,
    pub nip: String,
    pub item: PlanItem,
}

/// The "my training" page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MyTraining {
    pub jp: JpYear,
    /// From the latest closed campaign, largest shortfall first.
    pub gaps: Vec<PlanGap>,
    pub plan: Vec<PlanItem>,
    /// Requests of the reader's subordinates, oldest first.
    pub requests: Vec<Request>,
}

/// One unit's pace towards 20 JP (the unit with everything below it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaceRow {
    pub unit_id: i32,
    pub name: String,
    pub people: i64,
    pub on_pace: i64,
    pub has_below: bool,
}

/// Someone behind the pace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Behind {
    pub employee_id: i32,
    pub nip: String,
    pub name: String,
    pub jp: i32,
}

/// The pace page of a unit (or of the reader's whole scope).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Pace {
    pub year: i32,
    pub pace: f64,
    pub trail: Vec<(Option<i32>, String)>,
    pub rows: Vec<PaceRow>,
    /// The opened unit's own staff behind the pace, fewest JP first (at most 200).
    pub behind: Vec<Behind>,
}

/// One competency between the person's last two campaigns: the trainings passed in
/// between that build it, beside how its gap changed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Between {
    pub code: String,
    pub name: String,
    /// Required − measured in each campaign (negative: above the requirement).
    pub gap_before: f64,
    pub gap_after: f64,
    pub trainings: Vec<String>,
}

/// What the dashboard shows of a person's training: the JP bar, the plan ("what to
/// learn next") and, with two closed campaigns, the trainings between them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub jp: JpYear,
    pub plan: Vec<PlanItem>,
    /// The two campaigns compared: (before, after).
    pub campaigns: Option<(String, String)>,
    pub between: Vec<Between>,
}
