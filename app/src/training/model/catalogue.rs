//! The catalogue: programmes, what they build, and the people enrolled in them.

use crate::i18n::K;
use serde::{Deserialize, Serialize};

crate::coded! {
    /// How a programme is delivered (the modes of the ASN competency development rules).
    pub enum Mode {
        Klasikal = "klasikal" => K::TrModeKlasikal,
        ELearning = "e_learning" => K::TrModeElearning,
        Coaching = "coaching" => K::TrModeCoaching,
        Mentoring = "mentoring" => K::TrModeMentoring,
        Magang = "magang" => K::TrModeMagang,
    }
}

crate::coded! {
    /// Where one person's enrolment in a programme stands.
    pub enum EnrolStatus {
        /// Asked by the employee; waiting for their supervisor.
        Requested = "diajukan" => K::TrStRequested,
        /// The supervisor sent it back with a note; the employee may ask again.
        Returned = "dikembalikan" => K::TrStReturned,
        /// Approved by the supervisor, or enrolled by HR: a seat is taken.
        Enrolled = "terdaftar" => K::TrStEnrolled,
        /// Completed with a pass: the programme's JP are credited.
        Passed = "lulus" => K::TrStPassed,
        /// Completed without a pass: no JP.
        Failed = "tidak_lulus" => K::TrStFailed,
        /// Withdrawn by the employee or cancelled by HR.
        Cancelled = "batal" => K::TrStCancelled,
    }
}

impl EnrolStatus {
    /// Whether the enrolment holds one of the programme's seats.
    pub fn takes_seat(self) -> bool {
        matches!(
            self,
            EnrolStatus::Enrolled | EnrolStatus::Passed | EnrolStatus::Failed
        )
    }
}

/// The programme form as posted (text, checked on the server).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeForm {
    pub code: String,
    pub name: String,
    pub jp: String,
    pub mode: String,
    pub provider: String,
    pub starts_on: String,
    pub ends_on: String,
    pub capacity: String,
    /// "on" when ticked.
    #[serde(default)]
    pub for_assessors: Option<String>,
    /// One select per competency: "competency_id:level", or empty.
    #[serde(default)]
    pub builds: Vec<String>,
}

/// A competency a programme builds, to a level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Builds {
    pub competency_id: i32,
    pub code: String,
    pub name: String,
    pub level: i16,
}

/// One programme as lists show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeRow {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub jp: i32,
    pub mode: Mode,
    pub provider: String,
    pub starts_on: String,
    pub ends_on: String,
    pub capacity: i32,
    /// Seats taken (enrolled or completed).
    pub taken: i64,
    pub for_assessors: bool,
    pub active: bool,
    /// Active and not over yet: a seat may be asked for.
    pub open: bool,
    pub builds: Vec<Builds>,
    /// The reader's own enrolment, if any.
    pub mine: Option<EnrolStatus>,
}

/// The catalogue page.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalogue {
    pub programmes: Vec<ProgrammeRow>,
    /// Whether the reader manages the catalogue (HR).
    pub manage: bool,
    /// Whether the reader may ask for a seat (has an employee record).
    pub ask: bool,
    /// Competencies a programme may build: (id, code, name), for the form.
    pub competencies: Vec<(i32, String, String)>,
}

/// One person enrolled in a programme, as HR manages them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Participant {
    pub enrolment_id: i32,
    pub employee_id: i32,
    pub nip: String,
    pub name: String,
    pub unit: String,
    pub status: EnrolStatus,
    pub by_hr: bool,
    pub attendance: Option<i16>,
    pub certificate_no: Option<String>,
    /// Whether a certificate file is stored.
    pub certificate_file: bool,
    pub completed_on: Option<String>,
    pub jp: i32,
    pub note: Option<String>,
}

/// A programme's page: its details and, for HR, the people in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeDetail {
    pub programme: ProgrammeRow,
    pub form: ProgrammeForm,
    pub manage: bool,
    pub competencies: Vec<(i32, String, String)>,
    pub participants: Vec<Participant>,
}

/// HR's record of one enrolment's end, as posted.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CompletionForm {
    /// Percent of sessions attended.
    pub attendance: String,
    /// "lulus" or "tidak_lulus"; empty records attendance only.
    #[serde(default)]
    pub result: String,
    #[serde(default)]
    pub certificate_no: String,
    #[serde(default)]
    pub completed_on: String,
}

/// What a catalogue import did (or, with errors, would refuse).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CatalogueImport {
    pub created: usize,
    pub updated: usize,
    /// Each with its line; with any, nothing was written.
    pub errors: Vec<crate::error::FieldError>,
}
