//! What the survey's pages receive and send: the public form of a service unit, a
//! response's answers and profile, HR's list of held responses, and the index (IKM)
//! per unit and period.

use crate::i18n::K;
use serde::{Deserialize, Serialize};

crate::coded! {
    /// The quality band of an index on the 25–100 scale.
    pub enum Grade {
        A = "A" => K::SkmGradeA,
        B = "B" => K::SkmGradeB,
        C = "C" => K::SkmGradeC,
        D = "D" => K::SkmGradeD,
    }
}

crate::coded! {
    /// Why a response is held back from the index until HR looks at it.
    pub enum Flag {
        /// The same device answered the same unit within a day, or the same address
        /// sent the same answers within the hour.
        Duplicate = "duplikat" => K::SkmFlagDuplicate,
        /// Sent sooner after the form was served than nine questions can be read.
        TooFast = "terlalu_cepat" => K::SkmFlagTooFast,
        /// The form was served more than a day before.
        Stale = "kedaluwarsa" => K::SkmFlagStale,
        /// Without the form's start token (not sent from our form).
        NoToken = "tanpa_token" => K::SkmFlagNoToken,
    }
}

crate::coded! {
    /// Whether a response counts in the index.
    pub enum ResponseState {
        Counted = "dihitung" => K::SkmCounted,
        /// Flagged; waits for HR.
        Held = "ditahan" => K::SkmHeld,
        /// HR excluded it, with a reason (kept, never deleted).
        Excluded = "dikecualikan" => K::SkmExcluded,
    }
}

crate::coded! {
    /// The respondent's sex, as the regulation's questionnaire asks it.
    pub enum RespondentSex {
        Male = "L" => K::SkmSexMale,
        Female = "P" => K::SkmSexFemale,
    }
}

crate::coded! {
    /// The respondent's education, as the questionnaire lists it.
    pub enum Education {
        Primary = "sd" => K::SkmEduPrimary,
        JuniorHigh = "smp" => K::SkmEduJunior,
        SeniorHigh = "sma" => K::SkmEduSenior,
        Diploma = "diploma" => K::SkmEduDiploma,
        Bachelor = "s1" => K::SkmEduBachelor,
        Postgraduate = "s2" => K::SkmEduPostgraduate,
    }
}

crate::coded! {
    /// The respondent's occupation, as the questionnaire lists it.
    pub enum Occupation {
        CivilServant = "pns" => K::SkmJobCivil,
        Military = "tni" => K::SkmJobMilitary,
        Police = "polri" => K::SkmJobPolice,
        Private = "swasta" => K::SkmJobPrivate,
        SelfEmployed = "wirausaha" => K::SkmJobSelf,
        Other = "lainnya" => K::SkmJobOther,
    }
}

/// The nine elements in the regulation's order (U1..U9): the short name, the question
/// and the four answers' labels, from 1 (worst) to 4 (best).
pub const ELEMENT_KEYS: [(K, K, [K; 4]); 9] = [
    (
        K::SkmU1Name,
        K::SkmU1,
        [K::SkmU1a1, K::SkmU1a2, K::SkmU1a3, K::SkmU1a4],
    ),
    (
        K::SkmU2Name,
        K::SkmU2,
        [K::SkmU2a1, K::SkmU2a2, K::SkmU2a3, K::SkmU2a4],
    ),
    (
        K::SkmU3Name,
        K::SkmU3,
        [K::SkmU3a1, K::SkmU3a2, K::SkmU3a3, K::SkmU3a4],
    ),
    (
        K::SkmU4Name,
        K::SkmU4,
        [K::SkmU4a1, K::SkmU4a2, K::SkmU4a3, K::SkmU4a4],
    ),
    (
        K::SkmU5Name,
        K::SkmU5,
        [K::SkmU5a1, K::SkmU5a2, K::SkmU5a3, K::SkmU5a4],
    ),
    (
        K::SkmU6Name,
        K::SkmU6,
        [K::SkmU6a1, K::SkmU6a2, K::SkmU6a3, K::SkmU6a4],
    ),
    (
        K::SkmU7Name,
        K::SkmU7,
        [K::SkmU7a1, K::SkmU7a2, K::SkmU7a3, K::SkmU7a4],
    ),
    (
        K::SkmU8Name,
        K::SkmU8,
        [K::SkmU8a1, K::SkmU8a2, K::SkmU8a3, K::SkmU8a4],
    ),
    (
        K::SkmU9Name,
        K::SkmU9,
        [K::SkmU9a1, K::SkmU9a2, K::SkmU9a3, K::SkmU9a4],
    ),
];

/// A response as the public form posts it (text, checked on the server). Every field
/// but the nine answers may be left empty.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ResponseForm {
    /// The form's start token (when it was served, signed by the server).
    #[serde(default)]
    pub started: String,
    /// The nine answers, "1" to "4" each, U1..U9.
    #[serde(default)]
    pub u1: String,
    #[serde(default)]
    pub u2: String,
    #[serde(default)]
    pub u3: String,
    #[serde(default)]
    pub u4: String,
    #[serde(default)]
    pub u5: String,
    #[serde(default)]
    pub u6: String,
    #[serde(default)]
    pub u7: String,
    #[serde(default)]
    pub u8: String,
    #[serde(default)]
    pub u9: String,
    #[serde(default)]
    pub age: String,
    #[serde(default)]
    pub sex: String,
    #[serde(default)]
    pub education: String,
    #[serde(default)]
    pub occupation: String,
    #[serde(default)]
    pub suggestion: String,
}

impl ResponseForm {
    /// A response with these nine answers (U1..U9) and nothing else said.
    pub fn answered(started: String, answers: [String; 9]) -> ResponseForm {
        let [u1, u2, u3, u4, u5, u6, u7, u8, u9] = answers;
        ResponseForm {
            started,
            u1,
            u2,
            u3,
            u4,
            u5,
            u6,
            u7,
            u8,
            u9,
            ..Default::default()
        }
    }

    /// The nine answers as posted, U1..U9.
    pub fn answers(&self) -> [&str; 9] {
        [
            &self.u1, &self.u2, &self.u3, &self.u4, &self.u5, &self.u6, &self.u7, &self.u8,
            &self.u9,
        ]
    }
}

/// A public form of one service unit, as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyForm {
    pub code: String,
    pub name: String,
    pub agency: String,
    /// When the form was served, signed (sent back with the answers).
    pub started: String,
}

/// A service unit as HR lists it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceUnit {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub unit_id: i32,
    pub unit_name: String,
    pub population: Option<i32>,
    pub active: bool,
}

/// The service unit form as posted (text, checked on the server).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ServiceUnitForm {
    pub code: String,
    pub name: String,
    pub unit_id: String,
    #[serde(default)]
    pub population: String,
}

/// One service unit's index in one year, from the responses that count.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitIkm {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub unit_name: String,
    pub respondents: i64,
    pub held: i64,
    pub excluded: i64,
    /// NRR per element U1..U9; `None` without respondents.
    pub nrr: Option<[f64; 9]>,
    /// The index on the 1–4 scale, and × 25, and its band.
    pub ikm: Option<f64>,
    pub converted: Option<f64>,
    pub grade: Option<Grade>,
    pub population: Option<i32>,
    /// Respondents the population needs (Krejcie–Morgan), when it is known.
    pub sample_needed: Option<i64>,
}

/// A response held back (or already reviewed) as HR reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReviewedResponse {
    pub id: i32,
    pub unit_name: String,
    pub submitted_at: String,
    pub answers: [i16; 9],
    pub flag: Option<Flag>,
    pub fill_secs: Option<i32>,
    pub suggestion: Option<String>,
    pub state: ResponseState,
    pub reason: Option<String>,
}

/// HR's survey page: the units' index for a year, its chart, and held responses.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkmOverview {
    pub year: i32,
    pub years: Vec<i32>,
    pub units: Vec<UnitIkm>,
    pub held: Vec<ReviewedResponse>,
    pub chart: Option<String>,
}

/// HR's service units page: the units, and the agency's units to place one under.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceUnits {
    pub units: Vec<ServiceUnit>,
    /// (id, name) of the agency's active units.
    pub choices: Vec<(i32, String)>,
}

/// A service unit's printable poster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Poster {
    pub name: String,
    pub agency: String,
    pub url: String,
    pub qr_svg: String,
}
