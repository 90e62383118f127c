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
