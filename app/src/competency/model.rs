//! What crosses the wire about competencies and standards.

use crate::i18n::K;
use crate::people::job_level::JobLevel;
use serde::{Deserialize, Serialize};

crate::coded! {
    /// The three groups of competencies (PermenPANRB 38/2017).
    pub enum CompetencyGroup {
        /// The eight national managerial competencies (M.1–M.8).
        Manajerial = "manajerial" => K::GroupManagerial,
        /// Perekat Bangsa (SK.1).
        SosialKultural = "sosial_kultural" => K::GroupSociocultural,
        /// Each agency's own technical competencies (T.n).
        Teknis = "teknis" => K::GroupTechnical,
    }
}

impl CompetencyGroup {
    /// Managerial first, then socio-cultural, then technical: how every list orders them.
    pub fn rank(self) -> u8 {
        match self {
            CompetencyGroup::Manajerial => 0,
            CompetencyGroup::SosialKultural => 1,
            CompetencyGroup::Teknis => 2,
        }
    }

    /// The national items (M.1–M.8, SK.1) every position's standard must carry:
    /// their level may change, they cannot be removed.
    pub fn is_national(self) -> bool {
        self != CompetencyGroup::Teknis
    }
}

crate::coded! {
    /// Where a standard is in its life.
    pub enum StandardStatus {
        Draft = "draft" => K::StdStatusDraft,
        /// Open for comment by the position's holders and their unit leaders.
        Open = "open" => K::StdStatusOpen,
        /// Locked; the version assessments use.
        Ratified = "ratified" => K::StdStatusRatified,
        /// An earlier ratified version, kept because assessments refer to it.
        Superseded = "superseded" => K::StdStatusSuperseded,
    }
}

crate::coded! {
    /// How well a person matches their position's standard (JPM bands).
    pub enum JpmBand {
        Optimal = "optimal" => K::DashBandOptimal,
        FairlyOptimal = "fairly" => K::DashBandFairly,
        BelowOptimal = "below" => K::DashBandBelow,
    }
}

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
    pub group: CompetencyGroup,
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
    /// Levels 1 to 5, in order.
    pub levels: Vec<String>,
    /// Per level, one indicator a line.
    pub indicators: Vec<String>,
}

/// A position as the standards list shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StandardSummary {
    pub position_id: i32,
    pub position_name: String,
    pub job_level: JobLevel,
    pub holders: i64,
    /// The version in force, if any.
    pub ratified: Option<(i32, i32)>,
    /// The version being drafted (id, version, status), if any.
    pub working: Option<(i32, i32, StandardStatus)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StandardItem {
    pub competency_id: i32,
    pub code: String,
    pub group: CompetencyGroup,
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
    /// When it was opened for comment, and the agency's minimum period: ratifying
    /// before it ends needs a reason.
    pub opened_at: Option<String>,
    pub comment_days: i16,
    pub comment_done: bool,
    /// Why HR ratified before the comment period ended, if it did.
    pub skip_reason: Option<String>,
    pub agency_name: String,
    pub position_id: i32,
    pub position_name: String,
    pub job_level: JobLevel,
    pub version: i32,
    pub status: StandardStatus,
    pub ratified_at: Option<String>,
    pub items: Vec<StandardItem>,
    pub comments: Vec<StandardComment>,
    pub rights: StandardRights,
    /// Every version of this position's standard the reader may open: (id, version, status).
    pub versions: Vec<(i32, i32, StandardStatus)>,
    /// Technical competencies HR can still add (edit rights only).
    pub addable: Vec<(i32, String, String)>,
}

/// A ratified standard in a public or agency-wide list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishedStandard {
    pub id: i32,
    pub agency_name: String,
    pub position_name: String,
    pub job_level: JobLevel,
    pub version: i32,
    pub ratified_at: String,
}

/// A standard the reader is invited to read or comment on: their own position's, or
/// (for a unit leader) one open for comment in their units.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitedStandard {
    pub id: i32,
    pub version: i32,
    pub status: StandardStatus,
    pub position_name: String,
    pub own: bool,
}

/// What a logged-in ASN sees of standards: those they are invited to comment on
/// and the agency's ratified ones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberStandards {
    pub invited: Vec<InvitedStandard>,
    pub published: Vec<PublishedStandard>,
}
