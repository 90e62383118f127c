//! The system administrator's overview: every agency with its active units and
//! employees, and whether the audit chain is intact.

use crate::audit::service::{verify, Verdict};
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::hr::model::{AdminOverview, AgencyRow};
use crate::server::entities::{agency, employee, unit, HrRecord};
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
        audit_rows,
        audit_chains,
        audit_broken,
    })
}
