//! The catalogue from a CSV file (header line required, `,` or `;`): one programme
//! per line, matched by code (new codes are added, known ones updated). Every line
//! is checked as the form is; with any error nothing is written.

use super::catalogue::{competencies, save};
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::{AppError, FieldError};
use crate::i18n::K;
use crate::people::service::import::{read_columns, Line};
use crate::server::entities::programme;
use crate::server::{write_tx, Db};
use crate::training::input::{parse_programme, ValidProgramme};
use crate::training::model::{CatalogueImport, ProgrammeForm};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;
use std::collections::HashMap;

pub const COLUMNS: [&str; 10] = [
    "kode",
    "nama",
    "jp",
    "moda",
    "penyelenggara",
    "mulai",
    "selesai",
    "kapasitas",
    "kompetensi",
    "untuk_penilai",
];

/// "M.1=3; T.1=2" as the form's "competency_id:level" values.
fn builds(cell: &str, codes: &HashMap<String, i32>) -> Result<Vec<String>, FieldError> {
    cell.split([';', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (code, level) = p
                .split_once('=')
                .ok_or_else(|| FieldError::new("kompetensi", K::ErrLevelRange))?;
            let id = codes
                .get(&code.trim().to_uppercase())
                .ok_or_else(|| FieldError::new("kompetensi", K::ErrCompetencyUnknown))?;
            Ok(format!("{id}:{}", level.trim()))
        })
        .collect()
}

fn form_of(line: &Line, codes: &HashMap<String, i32>) -> Result<ProgrammeForm, FieldError> {
    let cell = |c: &str| line.cells.get(c).cloned().unwrap_or_default();
    let yes = cell("untuk_penilai").trim().to_lowercase();
    Ok(ProgrammeForm {
        code: cell("kode"),
        name: cell("nama"),
        jp: cell("jp"),
        mode: cell("moda"),
        provider: cell("penyelenggara"),
        starts_on: cell("mulai"),
        ends_on: cell("selesai"),
        capacity: cell("kapasitas"),
        for_assessors: matches!(yes.as_str(), "ya" | "y" | "yes" | "1").then(|| "on".into()),
        builds: builds(&cell("kompetensi"), codes)?,
    })
}

/// The form's field names as the file's columns, so errors name what the file says.
fn column_of(field: &str) -> &str {
    match field {
        "code" => "kode",
        "name" => "nama",
        "mode" => "moda",
        "provider" => "penyelenggara",
        "starts_on" => "mulai",
        "ends_on" => "selesai",
        "capacity" => "kapasitas",
        "builds" => "kompetensi",
        other => other,
    }
}

pub async fn import(db: &Db, actor: &Actor, csv: &str) -> Result<CatalogueImport, AppError> {
    let agency = actor.hr_agency().ok_or(AppError::Forbidden)?;
    let mut report = CatalogueImport::default();
    let lines = match read_columns(csv, 2, &COLUMNS, 9) {
        Ok(l) => l,
        Err(errors) => return Ok(CatalogueImport { errors, ..report }),
    };
    let codes: HashMap<String, i32> = competencies(db, agency)
        .await?
        .into_iter()
        .map(|(id, code, _)| (code.to_uppercase(), id))
        .collect();
    let valid = check_lines(&lines, &codes, &mut report)?;
    if !report.errors.is_empty() {
        return Ok(report);
    }
    write(db, actor, agency, valid, report).await
}

/// Each line as a checked programme, or its errors added to the report.
fn check_lines(
    lines: &[Line],
    codes: &HashMap<String, i32>,
    report: &mut CatalogueImport,
) -> Result<Vec<(usize, ValidProgramme)>, AppError> {
    let mut valid = vec![];
    for line in lines {
        let at = |e: FieldError| {
            let col = column_of(&e.field).to_string();
            FieldError { field: col, ..e }.at_line(line.number)
        };
        match form_of(line, codes).map_err(at) {
            Ok(form) => match parse_programme(&form) {
                Ok(v) => valid.push((line.number, v)),
                Err(AppError::Validation(errs)) => report.errors.extend(errs.into_iter().map(at)),
                Err(other) => return Err(other),
            },
            Err(e) => report.errors.push(e),
        }
    }
    Ok(valid)
}

/// Writes every checked line in one transaction (nothing when one fails).
async fn write(
    db: &Db,
    actor: &Actor,
    agency: i32,
    valid: Vec<(usize, ValidProgramme)>,
    mut report: CatalogueImport,
) -> Result<CatalogueImport, AppError> {
    let tx = write_tx(db).await?;
    let mut done = vec![];
    for (number, v) in valid {
        let before = programme::Entity::find()
            .filter(programme::Column::AgencyId.eq(agency))
            .filter(programme::Column::Code.eq(v.code.clone()))
            .one(&tx)
            .await?;
        match save(&tx, agency, before.as_ref(), v).await {
            Ok(p) => done.push(p.code),
            Err(AppError::Validation(errs)) => {
                report
                    .errors
                    .extend(errs.into_iter().map(|e| e.at_line(number)));
            }
            Err(other) => return Err(other),
        }
        if before.is_some() {
            report.updated += 1;
        } else {
            report.created += 1;
        }
    }
    if !report.errors.is_empty() {
        return Ok(CatalogueImport {
            errors: report.errors,
            ..Default::default()
        });
    }
    let summary = json!({ "created": report.created, "updated": report.updated, "codes": done });
    audit::commit(tx, actor, agency, "import", "programme", 0, summary).await?;
    Ok(report)
}
