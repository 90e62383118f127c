//! What publication writes and the public pages read: the snapshot's body (schema 2,
//! documented in docs/PUBLIC.md; the exact bytes are hashed and signed), and the
//! pages' views of it.

use crate::competency::model::JpmBand;
use crate::i18n::K;
use serde::{Deserialize, Serialize};

crate::coded! {
    /// What a snapshot publishes the results of.
    pub enum PeriodKind {
        /// A closed 360° campaign.
        Campaign = "kampanye" => K::PubPeriodCampaign,
    }
}

crate::coded! {
    /// What a person may consent to be named in.
    pub enum ConsentKind {
        /// The public honour list of a published snapshot.
        Honour = "daftar_kehormatan" => K::PubConsentHonour,
        /// The named ranking of their unit, inside the agency, when it is switched on.
        UnitRanking = "peringkat_unit" => K::PubConsentUnit,
    }
}

crate::coded! {
    /// Why a figure is not published.
    pub enum Withheld {
        /// Fewer than five people.
        Small = "kurang_dari_5" => K::PubWithheldSmall,
        /// It would give away a group of fewer than five by subtraction.
        Remainder = "sisa_kecil" => K::PubWithheldRemainder,
    }
}

crate::coded! {
    /// What can be wrong with a snapshot.
    pub enum Problem {
        /// Its bytes do not give the hash it claims.
        Hash = "hash" => K::PubProblemHash,
        /// The signature does not match the bytes under the key.
        Signature = "tanda_tangan" => K::PubProblemSignature,
        /// Signed with a key this server never had.
        Key = "kunci" => K::PubProblemKey,
        /// Its previous hash is not the hash of the snapshot before it in the chain.
        Chain = "rantai" => K::PubProblemChain,
        /// The file is not a snapshot file.
        File = "berkas" => K::PubProblemFile,
    }
}

/// The figures of a group of people (a unit with everything below it, or the agency).
/// All `None` when withheld; `people` too.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub people: Option<u32>,
    pub withheld: Option<Withheld>,
    /// Mean JPM of the people assessed, 0–100.
    pub mean_jpm: Option<f64>,
    /// Share meeting their standard (JPM 100), percent.
    pub meeting: Option<f64>,
    /// Share on pace for 20 JP on the day of publication, percent; `None` when the
    /// agency records no training.
    pub on_pace: Option<f64>,
    /// Mean JPM minus that of the previous published period, when both were shown.
    pub change: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitFigures {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub parent: Option<i32>,
    pub figures: Figures,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BandCount {
    pub band: JpmBand,
    pub people: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgencyRef {
    pub id: i32,
    pub code: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Period {
    pub kind: PeriodKind,
    pub id: i32,
    pub name: String,
    /// The day the campaign closed (ISO date).
    pub closed_on: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RulesRef {
    pub version: String,
    pub min_group: u32,
    /// JPM bands' lower bounds (optimal, fairly optimal).
    pub bands: (f64, f64),
}

/// A snapshot's body (schema 2): everything it publishes and what it is chained to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Body {
    pub schema: u32,
    pub agency: AgencyRef,
    pub sequence: i32,
    pub previous_hash: Option<String>,
    pub published_at: String,
    pub period: Period,
    pub version: i32,
    /// The sequence number of the snapshot this one corrects.
    pub corrects: Option<i32>,
    pub reason: Option<String>,
    pub rules: RulesRef,
    pub total: Figures,
    pub units: Vec<UnitFigures>,
    pub bands: Vec<BandCount>,
    /// SHA-256 of each honour-list entry with its salt; the names are kept beside.
    pub honour: Vec<String>,
    /// Citizen satisfaction per service unit (from schema 2; empty in schema 1).
    #[serde(default)]
    pub services: Vec<ServiceFigures>,
}

/// A named entry shown beside a snapshot, with what proves it was committed to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamedEntry {
    pub name: String,
    pub position: String,
    pub unit: String,
    pub jpm: f64,
    pub salt: String,
    pub commitment: String,
}

/// One published version of a period, for the list of versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionRow {
    pub id: i32,
    pub sequence: i32,
    pub version: i32,
    pub published_at: String,
    pub reason: Option<String>,
    pub current: bool,
}

/// A published snapshot as a page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Published {
    pub id: i32,
    pub hash: String,
    pub signature: String,
    pub public_key: String,
    /// The snapshot that replaced this one, when corrected.
    pub superseded_by: Option<i32>,
    pub body: Body,
    pub honour: Vec<NamedEntry>,
    pub versions: Vec<VersionRow>,
    /// The agency's mean JPM in each current snapshot, oldest first (period, value).
    pub trend: Vec<(String, Option<f64>)>,
    /// Charts drawn on the server (SVG): bands, trend.
    pub bands_chart: Option<String>,
    pub trend_chart: Option<String>,
    /// Units deeper than the page lists (`listed`), left out of `body.units`.
    pub unlisted: usize,
}

/// An agency on the public list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicAgency {
    pub code: String,
    pub name: String,
    /// The latest current snapshot: (id, period name, published at).
    pub latest: Option<(i32, String, String)>,
}

/// What checking a snapshot found; `problems` empty means it verifies.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Verification {
    pub id: Option<i32>,
    pub agency: Option<String>,
    pub sequence: Option<i32>,
    pub hash: String,
    pub public_key: String,
    pub problems: Vec<Problem>,
    /// The agency's whole chain checked too: snapshots checked.
    pub chain_checked: usize,
}

/// A closed campaign HR may publish, with what was published of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Publishable {
    pub agency_code: String,
    pub campaign_id: i32,
    pub name: String,
    pub closed_on: String,
    pub versions: Vec<VersionRow>,
}

crate::coded! {
    /// What the public ranking orders units by.
    pub enum RankBy {
        Jpm = "jpm" => K::PubRankJpm,
        Meeting = "memenuhi" => K::PubRankMeeting,
        Change = "perubahan" => K::PubRankChange,
        Pace = "pelatihan" => K::PubRankPace,
    }
}

/// A service unit's citizen satisfaction in the snapshot's year (schema 2): withheld
/// below five respondents, as every figure is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceFigures {
    pub code: String,
    pub name: String,
    /// The unit of the agency it serves under.
    pub unit: String,
    pub year: i32,
    /// Counted respondents; `None` when fewer than five.
    pub respondents: Option<u32>,
    /// IKM × 25, two decimals, and its band's code (A–D).
    pub ikm: Option<f64>,
    pub grade: Option<String>,
}
