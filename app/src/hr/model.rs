//! What the system administrator's page receives.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyRow {
    pub id: i32,
    pub code: String,
    pub name: String,
    pub units: i64,
    pub employees: i64,
}

/// An account holding more than the employee role: only the system administrator
/// may reset its password.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRow {
    pub user_id: i32,
    pub username: String,
    pub display_name: String,
    pub agency: Option<String>,
    pub roles: Vec<crate::auth::model::Role>,
    pub last_login: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub agencies: Vec<AgencyRow>,
    pub accounts: Vec<AccountRow>,
    pub audit_rows: u64,
    pub audit_chains: u64,
    /// Where the audit chain breaks, if it does.
    pub audit_broken: Option<String>,
}

/// What matters to the reader at a glance on the home page; each part only for those
/// it concerns (empty otherwise).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Glance {
    /// Their JPM in the latest closed campaign, its band, and that campaign's name.
    pub jpm: Option<f64>,
    pub band: Option<crate::competency::model::JpmBand>,
    pub campaign: Option<String>,
    /// The competency with the largest shortfall: its name, required and measured level.
    pub next_gap: Option<(String, u8, f64)>,
    /// Forms of running campaigns they have yet to send.
    pub open_forms: usize,
    /// For unit leaders and HR: the competencies their units lack most.
    pub shortfalls: Vec<(String, crate::training::rules::Need)>,
    /// For HR: campaigns being prepared, running or closing; standards open for comment.
    pub campaigns_in_progress: u64,
    pub standards_open: u64,
    /// Their JP this year against the 20 JP right.
    pub jp: Option<crate::training::model::JpYear>,
    /// Training requests of their subordinates waiting for their decision.
    pub requests: usize,
    /// For HR: enrolments in programmes that have ended with no result recorded yet.
    pub to_record: u64,
}
