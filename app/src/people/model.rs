//! Positions, employees and profiles as they cross the wire.

use crate::i18n::K;
use crate::people::input::EmploymentStatus;
use crate::people::job_level::JobLevel;
use crate::people::nip::Sex;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionRow {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub job_level: JobLevel,
    pub active: bool,
    /// Employees currently holding the position.
    pub holders: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionForm {
    pub code: String,
    pub name: String,
    pub job_level: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeRow {
    pub id: i32,
    pub nip: String,
    pub name: String,
    pub status: EmploymentStatus,
    pub active: bool,
    pub unit_name: Option<String>,
    pub position_name: Option<String>,
    pub job_level: Option<JobLevel>,
    pub is_head: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EmployeeFilter {
    /// Part of a name, position or unit, or the start of a NIP.
    pub q: String,
    /// A unit: its staff and the staff of every unit below it.
    pub unit_id: Option<i32>,
    /// With `unit_id`: that unit's own staff only, not its sub-units'.
    #[serde(default)]
    pub direct_only: bool,
    #[serde(default)]
    pub position_id: Option<i32>,
    #[serde(default)]
    pub job_level: Option<crate::people::job_level::JobLevel>,
    #[serde(default)]
    pub status: Option<crate::people::input::EmploymentStatus>,
    pub include_inactive: bool,
    /// Former employees only (wins over `include_inactive`).
    #[serde(default)]
    pub inactive_only: bool,
    /// 1-based.
    pub page: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeePage {
    pub rows: Vec<EmployeeRow>,
    /// How many rows this page has (kept when the rows themselves are left out of the
    /// page's hydration data, see `people::view::employees::RowlessCodec`).
    pub count: u32,
    /// The name of the unit filtered on, if any.
    pub unit_name: Option<String>,
    pub page: u32,
    pub page_size: u32,
    pub has_next: bool,
    /// The agency's active positions (id, name) for the filter menu, remembered with
    /// the page rather than read on every render.
    pub positions: Vec<(i32, String)>,
}

/// The employee form as typed; parsed by `people::input::parse_employee`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeForm {
    pub nip: String,
    pub name: String,
    pub sex: String,
    pub status: String,
    pub unit_id: String,
    pub position_id: String,
    /// A checkbox: "on" when ticked, absent otherwise.
    #[serde(default, deserialize_with = "crate::ui::html::checkbox")]
    pub is_head: bool,
    /// YYYY-MM-DD; empty means today.
    pub start_date: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRef {
    pub id: i32,
    pub name: String,
    pub nip: String,
    pub position_name: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssignmentView {
    pub unit_id: i32,
    pub unit_name: String,
    pub position_id: i32,
    pub position_name: String,
    pub job_level: JobLevel,
    pub is_head: bool,
    pub start_date: String,
    pub end_date: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisorView {
    pub person: PersonRef,
    /// True when HR set it, false when derived from the unit heads.
    pub set_by_hr: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisorLinkView {
    pub supervisor: Option<PersonRef>,
    pub reason: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmployeeDetail {
    pub id: i32,
    pub nip: String,
    pub name: String,
    pub sex: Sex,
    pub status: EmploymentStatus,
    pub active: bool,
    pub current: Option<AssignmentView>,
    pub history: Vec<AssignmentView>,
    pub supervisor: Option<SupervisorView>,
    pub supervisor_links: Vec<SupervisorLinkView>,
}

/// What every ASN sees about themself (and what their supervisor, unit leader and
/// HR see about them).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub employee_id: i32,
    pub name: String,
    pub nip: String,
    pub sex: Sex,
    pub status: EmploymentStatus,
    pub active: bool,
    pub agency_name: String,
    /// From the top unit down to the employee's own unit.
    pub unit_path: Vec<String>,
    pub position_name: Option<String>,
    pub job_level: Option<JobLevel>,
    pub is_head: bool,
    pub since: Option<String>,
    pub supervisor: Option<SupervisorView>,
    pub subordinates: Vec<PersonRef>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountRow {
    pub label: String,
    pub count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HrOverview {
    pub agency_name: String,
    pub employees: i64,
    pub units: i64,
    pub positions: i64,
    /// Top units with everyone below them, largest first.
    pub by_unit: Vec<CountRow>,
    /// In the order of `JobLevel::ALL`, levels nobody holds left out.
    pub by_level: Vec<(JobLevel, i64)>,
}

/// The HR overview page: the figures and their charts (drawn by `ui::chart`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HrOverviewPage {
    pub figures: HrOverview,
    pub by_unit_svg: String,
    pub by_level_svg: String,
}

crate::coded! {
    /// How HR sets someone's supervisor.
    pub enum SupervisorMode {
        /// The employee with the NIP given.
        Nip = "nip" => K::SupervisorModeNip,
        /// Back to the head of the unit (derived).
        Derived = "derived" => K::SupervisorModeDerived,
        /// Nobody: the agency's top official.
        Nobody = "nobody" => K::SupervisorModeNobody,
    }
}

/// HR's choice of someone's direct supervisor, as the form posts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisorForm {
    /// A `SupervisorMode` code.
    pub mode: String,
    #[serde(default)]
    pub supervisor_nip: String,
    #[serde(default)]
    pub reason: String,
}

/// The result of checking (and possibly importing) an employee CSV file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Data lines in the file (the header excluded).
    pub total: usize,
    pub valid: usize,
    pub to_create: usize,
    pub to_update: usize,
    pub unchanged: usize,
    pub errors: Vec<crate::error::FieldError>,
    /// True once the valid lines were written.
    pub imported: bool,
}
