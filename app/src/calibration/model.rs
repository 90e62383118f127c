//! What the fair-assessor page receives: per supervisor, figures of how they rated
//! (never an anonymous rater, never a single answer).

use serde::{Deserialize, Serialize};

/// One supervisor's figures in one closed campaign.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RaterRow {
    pub supervisor_id: i32,
    pub name: String,
    pub position: String,
    pub ratees: i64,
    /// Mean of (supervisor − anonymous sources): above 0 more generous.
    pub leniency: Option<f64>,
    pub spread: Option<f64>,
    /// Mean spread across one ratee's competencies: near 0 is a halo.
    pub halo: Option<f64>,
    /// Mean of (self − supervisor).
    pub self_gap: Option<f64>,
    /// Leniency against the agency's supervisors with enough ratees.
    pub z: Option<f64>,
    pub flagged: bool,
    /// The reader's own row.
    pub is_me: bool,
}

/// Whose figures the reader sees.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reach {
    /// HR: every supervisor of the agency.
    Agency,
    /// A unit leader: the supervisors working in their units, and their own.
    Units,
    /// Anyone else: their own figures only.
    #[default]
    Own,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Calibration {
    /// Closed campaigns of the agency, latest first: (id, name).
    pub campaigns: Vec<(i32, String)>,
    pub campaign: Option<(i32, String)>,
    pub reach: Reach,
    /// Flagged first, then the furthest from the agency's mean.
    pub rows: Vec<RaterRow>,
    /// Supervisors of the agency the comparison counts (enough ratees).
    pub compared: usize,
    /// Their mean leniency.
    pub agency_leniency: Option<f64>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CalibrationPage {
    pub data: Calibration,
    /// Leniency per supervisor shown.
    pub leniency_svg: String,
}
