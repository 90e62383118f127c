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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOverview {
    pub agencies: Vec<AgencyRow>,
    pub audit_rows: u64,
    pub audit_chains: u64,
    /// Where the audit chain breaks, if it does.
    pub audit_broken: Option<String>,
}
