//! The system administrator's overview: every agency with its active units and
//! employees, whether the audit chain is intact, and the accounts with elevated
//! roles (whose passwords only the administrator may reset). Nothing about the
//! people in the agencies beyond those counts.

use crate::audit::service::{verify, Verdict};
use crate::auth::model::Actor;
use crate::auth::model::Role;
use crate::auth::rules;
use crate::error::AppError;
use crate::hr::model::{AccountRow, AdminOverview, AgencyRow};
use crate::server::entities::{
    agency, assignment, by_ids, employee, unit, user, user_role, HrRecord,
};
use crate::server::Db;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashMap;

/// Active records per agency.
async fn active_per_agency<M: HrRecord>(db: &Db) -> Result<HashMap<i32, i64>, AppError> {
    let (agency, active) = (M::AGENCY, M::ACTIVE);
    let rows: Vec<(i32, i64)> = M::Entity::find()
        .select_only()
        .column(agency)
        .column_as(agency.count(), "n")
        .filter(active.eq(true))
        .group_by(agency)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().collect())
}

pub async fn admin_overview(db: &Db, actor: &Actor) -> Result<AdminOverview, AppError> {
    if !actor.is_sysadmin() {
        return Err(AppError::Forbidden);
    }
    let units = active_per_agency::<unit::Model>(db).await?;
    let staff = active_per_agency::<employee::Model>(db).await?;
    let agencies = agency::Entity::find()
        .order_by_asc(agency::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|g| AgencyRow {
            units: units.get(&g.id).copied().unwrap_or(0),
            employees: staff.get(&g.id).copied().unwrap_or(0),
            id: g.id,
            code: g.code,
            name: g.name,
        })
        .collect();
    let (audit_rows, audit_chains, audit_broken) = match verify(db).await? {
        Verdict::Intact { rows, chains } => (rows, chains, None),
        Verdict::Broken { chain, seq, reason } => {
            (0, 0, Some(format!("chain {chain}, row {seq}: {reason}")))
        }
    };
    Ok(AdminOverview {
        agencies,
        accounts: elevated_accounts(db).await?,
        audit_rows,
        audit_chains,
        audit_broken,
    })
}

/// Accounts holding HR's or the administrator's role, or heading a unit (which
/// makes them its leader) now or in the last 30 days, by agency.
async fn elevated_accounts(db: &Db) -> Result<Vec<AccountRow>, AppError> {
    let mut roles: HashMap<i32, Vec<Role>> = HashMap::new();
    let grants = user_role::Entity::find()
        .filter(user_role::Column::Role.is_in([Role::HrAdmin, Role::SysAdmin]))
        .all(db)
        .await?;
    for g in grants {
        roles.entry(g.user_id).or_default().push(g.role);
    }
    // Heads, and those who headed a unit in the last 30 days (still the
    // administrator's to reset, see `auth::service::account`).
    let heads: Vec<i32> = assignment::Entity::heads_within(rules::HEADSHIP_MEMORY_DAYS)
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.employee_id)
        .collect();
    let leaders = user::Entity::find()
        .filter(user::Column::EmployeeId.is_in(heads))
        .all(db)
        .await?;
    for u in leaders {
        roles.entry(u.id).or_default().push(Role::UnitLeader);
    }
    let ids: Vec<i32> = roles.keys().copied().collect();
    let users = by_ids::<user::Model>(db, ids).await?;
    let names: HashMap<i32, String> = agency::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    let mut rows: Vec<AccountRow> = users
        .into_values()
        .map(|u| AccountRow {
            roles: roles.remove(&u.id).unwrap_or_default(),
            agency: u.agency_id.and_then(|a| names.get(&a).cloned()),
            last_login: u.last_login_at.map(crate::auth::service::moment),
            user_id: u.id,
            username: u.username,
            display_name: u.display_name,
        })
        .collect();
    rows.sort_by(|a, b| (&a.agency, &a.display_name).cmp(&(&b.agency, &b.display_name)));
    Ok(rows)
}
