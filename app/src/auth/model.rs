//! Who is acting: the logged-in user with their roles, as services see it and as the
//! browser receives it (it holds nothing secret).

use serde::{Deserialize, Serialize};

crate::coded! {
    /// What a user may do in an agency.
    pub enum Role {
        Employee = "employee" => crate::i18n::K::RoleEmployee,
        UnitLeader = "unit_leader" => crate::i18n::K::RoleUnitLeader,
        HrAdmin = "hr_admin" => crate::i18n::K::RoleHrAdmin,
        SysAdmin = "sys_admin" => crate::i18n::K::RoleSysAdmin,
    }
}

/// One role held in one agency (and for a unit leader, one unit and all below it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Grant {
    pub role: Role,
    pub agency_id: Option<i32>,
    pub unit_id: Option<i32>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub user_id: i32,
    pub username: String,
    pub display_name: String,
    /// The employee record of this user, if they are an ASN (HR and leaders are).
    pub employee_id: Option<i32>,
    /// The agency the user belongs to.
    pub agency_id: Option<i32>,
    pub agency_name: Option<String>,
    pub grants: Vec<Grant>,
    /// Set while the user holds a temporary password HR or the administrator issued
    /// (when it was issued, to tell them): until they choose their own, the change
    /// form is all they can use.
    pub password_reset_at: Option<String>,
}

impl Actor {
    pub fn is_sysadmin(&self) -> bool {
        self.grants.iter().any(|g| g.role == Role::SysAdmin)
    }

    /// HR administrators manage one agency. The system administrator is not HR of
    /// any: they keep the agencies and the audit chain, not the people in them.
    pub fn is_hr_of(&self, agency_id: i32) -> bool {
        self.grants
            .iter()
            .any(|g| g.role == Role::HrAdmin && g.agency_id == Some(agency_id))
    }

    /// Whether the user must choose a new password before anything else.
    pub fn must_change_password(&self) -> bool {
        self.password_reset_at.is_some()
    }

    /// The agency this user administers as HR, if any.
    pub fn hr_agency(&self) -> Option<i32> {
        self.grants
            .iter()
            .find(|g| g.role == Role::HrAdmin)
            .and_then(|g| g.agency_id)
    }

    /// Units this user leads (each with everything below it).
    pub fn led_units(&self, agency_id: i32) -> Vec<i32> {
        self.grants
            .iter()
            .filter(|g| g.role == Role::UnitLeader && g.agency_id == Some(agency_id))
            .filter_map(|g| g.unit_id)
            .collect()
    }

    pub fn is_leader(&self) -> bool {
        self.grants.iter().any(|g| g.role == Role::UnitLeader)
    }
}

/// What the login form sends back on success: where to go next.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoginOk {
    pub next: String,
}

/// A user changing their own password.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordChangeForm {
    pub current: String,
    pub new: String,
    pub repeat: String,
}

/// A temporary password, shown once to the one who issued it, to hand over in person.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryPassword {
    pub username: String,
    pub password: String,
    pub valid_hours: i64,
}
