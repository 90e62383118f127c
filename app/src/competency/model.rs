//! What crosses the wire about competencies and standards.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LevelText {
    pub level: u8,
    pub description: String,
    pub indicators: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Competency {
    pub id: i32,
    pub code: String,
    /// manajerial, sosial_kultural or teknis.
    pub group: String,
    pub name: String,
    pub definition: String,
    /// National (no agency) rows cannot be changed by an agency.
    pub national: bool,
    pub levels: Vec<LevelText>,
}

/// HR's form for a technical competency: five level descriptions, indicators one
/// per line.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TechnicalForm {
    pub code: String,
    pub name: String,
    pub definition: String,
    pub levels: [String; 5],
    pub indicators: [String; 5],
}

/// A position as the standards list shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StandardSummary {
    pub position_id: i32,
    pub position_name: String,
    pub job_level: String,
    pub holders: i64,
    /// The version in force, if any.
    pub ratified: Option<(i32, i32)>,
    /// The version being drafted (id, version, status), if any.
    pub working: Option<(i32, i32, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StandardItem {
    pub competency_id: i32,
    pub code: String,
    pub group: String,
    pub name: String,
    pub required_level: u8,
    /// The description of the required level, so readers know what it means.
    pub required_text: String,
    pub indicators: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StandardComment {
    pub id: i32,
    pub author: String,
    pub body: String,
    pub at: String,
    pub answer: Option<String>,
}

/// What the reader may do with a standard (the service decides; the page follows).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StandardRights {
    pub edit: bool,
    pub comment: bool,
    pub answer: bool,
    pub read_comments: bool,
    /// Start the next version (HR, on the version in force).
    pub revise: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StandardDetail {
    pub id: i32,
    pub agency_name: String,
    pub position_id: i32,
    pub position_name: String,
    pub job_level: String,
    pub version: i32,
    pub status: String,
    pub ratified_at: Option<String>,
    pub items: Vec<StandardItem>,
    pub comments: Vec<StandardComment>,
    pub rights: StandardRights,
    /// Every version of this position's standard the reader may open: (id, version, status).
    pub versions: Vec<(i32, i32, String)>,
    /// Technical competencies HR can still add (edit rights only).
    pub addable: Vec<(i32, String, String)>,
}

/// A ratified standard in a public or agency-wide list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishedStandard {
    pub id: i32,
    pub agency_name: String,
    pub position_name: String,
    pub job_level: String,
    pub version: i32,
    pub ratified_at: String,
}

/// A standard the reader is invited to read or comment on: their own position's, or
/// (for a unit leader) one open for comment in their units.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitedStandard {
    pub id: i32,
    pub version: i32,
    pub status: String,
    pub position_name: String,
    pub own: bool,
}
