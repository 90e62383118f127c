//! Employee CSV import and export. Columns (header line required, any order, `,` or
//! `;` separated, UTF-8):
//!
//! `nip, nama, jenis_kelamin (L/P), status (PNS/PPPK), kode_unit, kode_jabatan,
//! kepala_unit (ya/tidak, optional), tanggal_mulai (optional, YYYY-MM-DD or DD/MM/YYYY)`
//!
//! A NIP new to the agency creates the employee; a known NIP updates them (a new unit
//! or position starts a new assignment). Every line is checked first; a file with
//! errors writes nothing unless the caller asks for the valid lines only.

mod check;
mod export;
mod read;
#[cfg(test)]
mod tests;

pub use check::*;
pub use export::export;
pub use read::*;

use crate::audit::service::{self as audit, By, Entry};
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::org::service::{hr_agency, insert_new};
use crate::people::model::ImportReport;
use crate::people::service::placement::{move_if_changed, start_assignment, start_date};
use crate::server::entities::{employee, position, unit};
use crate::server::{db, write_tx, Db};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, TransactionTrait};
use serde_json::json;
use std::collections::HashMap;

async fn lookup(
    db: &impl ConnectionTrait,
    agency: i32,
    lines: &[Line],
) -> Result<Lookup, AppError> {
    let units = unit::Entity::find()
        .filter(unit::Column::AgencyId.eq(agency))
        .filter(unit::Column::Active.eq(true))
        .all(db)
        .await?;
    let positions = position::Entity::find()
        .filter(position::Column::AgencyId.eq(agency))
        .filter(position::Column::Active.eq(true))
        .all(db)
        .await?;
    let wanted: Vec<String> = lines
        .iter()
        .filter_map(|l| l.cells.get("nip"))
        .map(|n| n.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    let mut nips = HashMap::new();
    for part in wanted.chunks(500) {
        let found = employee::Entity::find()
            .filter(employee::Column::Nip.is_in(part.to_vec()))
            .all(db)
            .await?;
        nips.extend(found.into_iter().map(|e| (e.nip, (e.id, e.agency_id))));
    }
    let heads = crate::org::service::heads(db, agency, None)
        .await?
        .into_iter()
        .map(|(unit, head)| (unit, head.nip))
        .collect();
    Ok(Lookup {
        units: units.into_iter().map(|u| (u.code, u.id)).collect(),
        positions: positions
            .into_iter()
            .map(|p| (p.code, (p.id, p.job_level)))
            .collect(),
        nips,
        heads,
    })
}

/// Which part of a file to check, and whether to write it.
#[derive(Clone, Copy, Debug)]
pub struct Part {
    /// The file line number of the part's first data line (2 for a whole file).
    pub first_line: usize,
    /// Import, not only check.
    pub write: bool,
    /// With errors, import the valid lines anyway.
    pub only_valid: bool,
}

impl Part {
    pub fn whole_file(write: bool) -> Part {
        Part {
            first_line: 2,
            write,
            only_valid: false,
        }
    }
}

/// Checks a file (or a part of one) and, when asked, imports its lines: all of them,
/// or only the valid ones.
pub async fn import(
    db: &Db,
    actor: &Actor,
    text: &str,
    part: Part,
) -> Result<ImportReport, AppError> {
    let agency = hr_agency(actor)?;
    let lines = read(text, part.first_line.max(2)).map_err(AppError::Validation)?;
    // Only an import takes the write lock; a check reads in a plain transaction.
    let tx = if part.write {
        write_tx(db).await?
    } else {
        db.begin().await?
    };
    let lk = lookup(&tx, agency, &lines).await?;
    let (ok, errors) = check(&lines, agency, &lk);
    let mut report = ImportReport {
        total: lines.len(),
        valid: ok.len(),
        errors,
        ..Default::default()
    };
    for c in &ok {
        match c.existing {
            None => report.to_create += 1,
            Some(id) if unchanged(&tx, id, c).await? => report.unchanged += 1,
            Some(_) => report.to_update += 1,
        }
    }
    if !part.write {
        return Ok(report);
    }
    if !report.errors.is_empty() && !part.only_valid {
        return Err(AppError::Validation(report.errors));
    }
    let (created, updated) = apply(&tx, agency, &ok).await?;
    let skipped: Vec<usize> = report.errors.iter().filter_map(|e| e.line).collect();
    let summary = json!({ "lines": report.total, "created": created, "updated": updated,
                          "skipped_lines": skipped });
    let entry = Entry {
        agency_id: Some(agency),
        action: "import",
        entity: "employee",
        entity_id: "csv".into(),
        summary,
    };
    audit::record(&tx, &By::from(actor), entry).await?;
    crate::server::commit(tx).await?;
    report.imported = true;
    Ok(report)
}

async fn unchanged(db: &impl ConnectionTrait, id: i32, c: &Checked) -> Result<bool, AppError> {
    let Some(e) = employee::Entity::find_by_id(id).one(db).await? else {
        return Ok(false);
    };
    let a = crate::people::service::supervision::current_assignment(db, id).await?;
    Ok(e.name == c.v.name
        && e.sex == c.v.sex
        && e.status == c.v.status
        && e.active
        && a.is_some_and(|a| {
            (a.unit_id, a.position_id, a.is_head) == (c.unit_id, c.position_id, c.v.is_head)
        }))
}

/// Writes checked lines: headships given up in the file end first, so a unit can
/// change head within one file without tripping the one-head rule.
async fn apply(
    db: &impl ConnectionTrait,
    agency: i32,
    ok: &[Checked],
) -> Result<(Vec<i32>, Vec<i32>), AppError> {
    let mut created = vec![];
    let mut updated = vec![];
    let mut ordered: Vec<&Checked> = ok.iter().collect();
    ordered.sort_by_key(|c| c.v.is_head);
    for c in ordered {
        match c.existing {
            None => {
                let e = insert_new::<employee::Model>(db, agency, &c.v).await?;
                start_assignment(
                    db,
                    agency,
                    e.id,
                    (c.unit_id, c.position_id, c.v.is_head),
                    start_date(&c.v),
                )
                .await?;
                created.push(e.id);
            }
            Some(id) => {
                if unchanged(db, id, c).await? {
                    continue;
                }
                employee::Entity::update_many()
                    .col_expr(employee::Column::Name, Expr::value(c.v.name.clone()))
                    .col_expr(employee::Column::Sex, Expr::value(c.v.sex))
                    .col_expr(employee::Column::Status, Expr::value(c.v.status))
                    .col_expr(employee::Column::Active, Expr::value(true))
                    .col_expr(employee::Column::UpdatedAt, Expr::value(db::now()))
                    .filter(employee::Column::Id.eq(id))
                    .exec(db)
                    .await?;
                move_if_changed(
                    db,
                    agency,
                    id,
                    (c.unit_id, c.position_id, c.v.is_head),
                    start_date(&c.v),
                )
                .await?;
                updated.push(id);
            }
        }
    }
    Ok((created, updated))
}
