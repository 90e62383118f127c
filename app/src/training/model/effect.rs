//! The measured effect of a programme: participants' change against
//! non-participants who started at the same gap (`training::rules::did`).

use serde::{Deserialize, Serialize};

/// The effect of one programme on one competency (or, for assessor training, on
/// leniency) between two closed campaigns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EffectRow {
    pub programme_id: i32,
    pub programme: String,
    /// The competency's code and name; None: assessors' leniency.
    pub competency: Option<(String, String)>,
    /// The campaigns before and after: names.
    pub before: String,
    pub after: String,
    pub participants: usize,
    pub others: usize,
    /// Mean change of the gap (after − before) of each group; negative: it closed.
    pub change_participants: Option<f64>,
    pub change_others: Option<f64>,
    /// Participants' change minus that of others at the same starting gap; None
    /// when either group has fewer than the minimum.
    pub effect: Option<f64>,
}
