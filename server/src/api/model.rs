//! What the open-data API answers: its own types, a public contract kept apart from
//! the pages' types so a page can change without breaking anyone's client. Each is
//! built from what the public pages read (`app::publication`), so the API never shows
//! more than they do.

use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// An agency with its latest current snapshot.
#[derive(Serialize, ToSchema)]
pub struct Agency {
    /// The agency's code, used in every other address.
    pub code: String,
    pub name: String,
    /// Id of its latest current snapshot, if it published any.
    pub latest_snapshot: Option<i32>,
    pub latest_period: Option<String>,
    pub latest_published_at: Option<String>,
}

/// One snapshot of an agency's chain.
#[derive(Serialize, ToSchema)]
pub struct Snapshot {
    pub id: i32,
    /// Position in the agency's chain, from 1.
    pub sequence: i32,
    /// 1 for a first publication of a period, then each correction.
    pub version: i32,
    pub period: String,
    pub published_at: String,
    /// Why a correction was published.
    pub reason: Option<String>,
    /// SHA-256 of the snapshot's canonical bytes, hex.
    pub hash: String,
    /// The hash of the agency's previous snapshot (`null` for the first).
    pub previous_hash: Option<String>,
    /// Ed25519 signature of the canonical bytes, hex.
    pub signature: String,
    /// The public key that signed it, hex.
    pub public_key: String,
    /// Whether it is the current version of its period.
    pub current: bool,
}

/// A page of agencies.
#[derive(Serialize, ToSchema)]
pub struct AgencyPage {
    pub items: Vec<Agency>,
    /// This page, from 1; `per_page` items at most; `total` items in all.
    pub page: u32,
    pub per_page: u32,
    pub total: u32,
}

/// A page of snapshots, newest first.
#[derive(Serialize, ToSchema)]
pub struct SnapshotPage {
    pub items: Vec<Snapshot>,
    pub page: u32,
    pub per_page: u32,
    pub total: u32,
}

/// A unit's published figures (with everything below it). Every figure is `null`
/// when withheld: fewer than 5 people (`kurang_dari_5`), or a small group would be
/// given away by subtraction (`sisa_kecil`).
#[derive(Serialize, ToSchema)]
pub struct UnitRow {
    pub code: String,
    pub name: String,
    /// The parent unit's code (`null` at the top).
    pub parent: Option<String>,
    pub people: Option<u32>,
    pub withheld: Option<String>,
    /// Mean JPM, 0–100.
    pub mean_jpm: Option<f64>,
    /// Share of people meeting their standard, percent.
    pub meeting: Option<f64>,
    /// Share on pace for 20 JP of training, percent.
    pub on_pace: Option<f64>,
    /// Mean JPM minus that of the previous published period.
    pub change: Option<f64>,
}

/// A place in a ranking of the agency's top units.
#[derive(Serialize, ToSchema)]
pub struct RankRow {
    /// 1 for the best; `null` for a unit whose figure is withheld (listed last).
    pub rank: Option<u32>,
    pub code: String,
    pub name: String,
    pub people: Option<u32>,
    /// The figure ranked by (see `by`).
    pub value: Option<f64>,
    pub withheld: Option<String>,
}

/// A ranking of the agency's top units by one figure, from one snapshot.
#[derive(Serialize, ToSchema)]
pub struct Ranking {
    pub agency: String,
    pub snapshot: i32,
    pub period: String,
    /// `jpm`, `memenuhi`, `perubahan` or `pelatihan`.
    pub by: String,
    /// The rule version the figures follow.
    pub rules: String,
    pub rows: Vec<RankRow>,
}

/// A service unit's citizen satisfaction index, from one snapshot.
#[derive(Serialize, ToSchema)]
pub struct Satisfaction {
    pub code: String,
    pub name: String,
    pub unit: String,
    pub year: i32,
    /// Counted respondents (`null` below 5).
    pub respondents: Option<u32>,
    /// IKM × 25, 25–100 (`null` below 5 respondents).
    pub ikm: Option<f64>,
    /// A (Sangat Baik) to D (Tidak Baik).
    pub grade: Option<String>,
}

/// A ratified competency standard of a position (its levels are on the page
/// `/standards/<id>`).
#[derive(Serialize, ToSchema)]
pub struct Standard {
    pub id: i32,
    pub agency: String,
    pub position: String,
    /// The position's job level code (`jpt_pratama`, `administrator` …).
    pub job_level: String,
    pub version: i32,
    pub ratified_at: String,
}

/// An error: a stable code and a message in Indonesian.
#[derive(Serialize, ToSchema)]
pub struct Problem {
    pub error: String,
    pub message: String,
}

/// Paging of a list (for the OpenAPI document; read by `Params`).
// Described for the document only; `Params` reads the query.
#[allow(dead_code)]
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PagingDoc {
    /// Page, from 1.
    #[param(minimum = 1, maximum = 2147483647)]
    pub page: Option<u32>,
    /// Items per page, 1–100 (default 50).
    #[param(minimum = 1, maximum = 100)]
    pub per_page: Option<u32>,
}

/// Which snapshot, and in which format (for the OpenAPI document).
// Described for the document only; `Params` reads the query.
#[allow(dead_code)]
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FiguresDoc {
    /// A snapshot of the agency (default: its latest).
    #[param(minimum = 1, maximum = 2147483647)]
    pub snapshot: Option<i32>,
    /// `json` (default) or `csv`.
    pub format: Option<Format>,
}

/// The format asked for (for the OpenAPI document).
// Described for the document only; `Params` reads the query.
#[allow(dead_code)]
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
pub struct FormatDoc {
    /// `json` (default) or `csv`.
    pub format: Option<Format>,
}

/// The format of a table's answer.
#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Json,
    Csv,
}

/// The figure a ranking is by.
#[derive(Deserialize, ToSchema)]
pub enum By {
    #[serde(rename = "jpm")]
    Jpm,
    #[serde(rename = "memenuhi")]
    Meeting,
    #[serde(rename = "perubahan")]
    Change,
    #[serde(rename = "pelatihan")]
    Pace,
}
