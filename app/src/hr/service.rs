//! The system administrator's overview.

use crate::audit::service::{verify, Verdict};
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::hr::api::{AdminOverview, AgencyRow};
use crate::server::{sql, Db};

pub async fn admin_overview(db: &Db, actor: &Actor) -> Result<AdminOverview, AppError> {
    if !actor.is_sysadmin() {
        return Err(AppError::Forbidden);
    }
    let rows = sql::all(
        db,
        "SELECT g.id, g.code, g.name, \
           (SELECT COUNT(*) FROM units u WHERE u.agency_id = g.id AND u.active = TRUE) AS units, \
           (SELECT COUNT(*) FROM employees e WHERE e.agency_id = g.id AND e.active = TRUE) AS employees \
         FROM agencies g ORDER BY g.name",
        vec![],
    )
    .await?;
    let agencies = rows
        .iter()
        .map(|r| {
            Ok(AgencyRow {
                id: sql::get(r, "id")?,
                code: sql::get(r, "code")?,
                name: sql::get(r, "name")?,
                units: sql::get(r, "units")?,
                employees: sql::get(r, "employees")?,
            })
        })
        .collect::<Result<Vec<_>, sea_orm::DbErr>>()?;
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
