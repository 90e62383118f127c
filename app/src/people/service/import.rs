//! Employee CSV import and export. Columns (header line required, any order, `,` or
//! `;` separated, UTF-8):
//!
//! `nip, nama, jenis_kelamin (L/P), status (PNS/PPPK), kode_unit, kode_jabatan,
//! kepala_unit (ya/tidak, optional), tanggal_mulai (optional, YYYY-MM-DD or DD/MM/YYYY)`
//!
//! A NIP new to the agency creates the employee; a known NIP updates them (a new unit
//! or position starts a new assignment). Every line is checked first; a file with
//! errors writes nothing unless the caller asks for the valid lines only.

use crate::audit::service::{self as audit, By, Entry};
use crate::auth::model::Actor;
use crate::error::{AppError, FieldError};
use crate::i18n::K;
use crate::org::service::hr_agency;
use crate::people::input::{parse_employee, ValidEmployee};
use crate::people::job_level::JobLevel;
use crate::people::model::{EmployeeForm, ImportReport};
use crate::people::service::employees::{move_if_changed, start_assignment, start_date};
use crate::server::entities::{employee, position, unit};
use crate::server::{db, sql, write_tx, Db};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;
use std::collections::HashMap;

pub const COLUMNS: [&str; 8] = [
    "nip",
    "nama",
    "jenis_kelamin",
    "status",
    "kode_unit",
    "kode_jabatan",
    "kepala_unit",
    "tanggal_mulai",
];
const REQUIRED: [&str; 6] = [
    "nip",
    "nama",
    "jenis_kelamin",
    "status",
    "kode_unit",
    "kode_jabatan",
];
/// Lines per file at most; larger files are sent in parts by the page.
pub const MAX_LINES: usize = 100_000;

/// One data line: its line number in the file and its cells by column name.
#[derive(Debug, Clone)]
pub struct Line {
    pub number: usize,
    pub cells: HashMap<&'static str, String>,
}

fn delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// Splits a file into lines of cells. `first_line` is the file line number of the
/// first data line (2 for a whole file; more for a later part of a large file).
pub fn read(text: &str, first_line: usize) -> Result<Vec<Line>, Vec<FieldError>> {
    let text = text.trim_start_matches('\u{feff}');
    let sep = delimiter(text);
    // The reader skips blank lines without counting them; a lone separator keeps each
    // one as an (empty, ignored) record, so line numbers match the file (the import
    // page blanks out lines it already knows to be wrong).
    let text: String = text
        .split('\n')
        .map(|l| {
            if l.trim().is_empty() {
                (sep as char).to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(sep)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h
            .iter()
            .map(|c| c.trim().to_lowercase().replace(' ', "_"))
            .collect(),
        Err(_) => return Err(vec![FieldError::new("file", K::ErrCsvUnreadable).at_line(1)]),
    };
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|c| !header.iter().any(|h| h == c))
        .collect();
    if !missing.is_empty() {
        return Err(vec![FieldError::new("file", K::ErrCsvMissingColumns)
            .with("columns", missing.join(", "))
            .at_line(1)]);
    }
    let index: Vec<(&'static str, usize)> = COLUMNS
        .iter()
        .filter_map(|c| header.iter().position(|h| h == c).map(|i| (*c, i)))
        .collect();
    let mut lines = vec![];
    let mut errors = vec![];
    for rec in rdr.records() {
        let at = |r: &csv::StringRecord| r.position().map(|p| p.line() as usize).unwrap_or(2);
        match rec {
            Ok(r) if r.iter().all(|c| c.is_empty()) => continue,
            Ok(r) => lines.push(Line {
                number: first_line + at(&r) - 2,
                cells: index
                    .iter()
                    .map(|(c, i)| (*c, r.get(*i).unwrap_or("").to_string()))
                    .collect(),
            }),
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(2);
                errors.push(
                    FieldError::new("file", K::ErrCsvUnreadable).at_line(first_line + line - 2),
                )
            }
        }
        if lines.len() > MAX_LINES {
            return Err(vec![
                FieldError::new("file", K::ErrCsvTooLarge).with("max", MAX_LINES)
            ]);
        }
    }
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(errors)
    }
}

fn yes_no(s: &str) -> Option<bool> {
    match s.trim().to_lowercase().as_str() {
        "" | "tidak" | "t" | "n" | "no" | "0" | "false" => Some(false),
        "ya" | "y" | "yes" | "1" | "true" => Some(true),
        _ => None,
    }
}

/// The agency's reference data the lines are checked against.
pub struct Lookup {
    pub units: HashMap<String, i32>,
    /// code -> (id, job level)
    pub positions: HashMap<String, (i32, String)>,
    /// NIP -> (employee id, agency id)
    pub nips: HashMap<String, (i32, i32)>,
    /// unit id -> NIP of its current head
    pub heads: HashMap<i32, String>,
}

/// A line that passed every check, with what it will do.
#[derive(Debug, Clone)]
pub struct Checked {
    pub line: usize,
    pub v: ValidEmployee,
    pub unit_id: i32,
    pub position_id: i32,
    pub existing: Option<i32>,
}

/// Checks every line (fields, references, duplicates and heads across the file).
pub fn check(lines: &[Line], agency: i32, lk: &Lookup) -> (Vec<Checked>, Vec<FieldError>) {
    let mut ok = vec![];
    let mut errors = vec![];
    let mut first_seen: HashMap<String, usize> = HashMap::new();
    for l in lines {
        let cell = |c: &str| l.cells.get(c).cloned().unwrap_or_default();
        let mut errs = vec![];
        let head = yes_no(&cell("kepala_unit"));
        if head.is_none() {
            errs.push(FieldError::new("kepala_unit", K::ErrChoice));
        }
        let form = EmployeeForm {
            nip: cell("nip"),
            name: cell("nama"),
            sex: cell("jenis_kelamin"),
            status: cell("status"),
            unit_id: String::new(),
            position_id: String::new(),
            is_head: head.unwrap_or(false),
            start_date: cell("tanggal_mulai"),
        };
        let parsed = parse_employee(&form);
        if let Err(e) = &parsed {
            errs.extend(e.fields().iter().cloned().map(|mut f| {
                f.field = csv_field(&f.field).into();
                f
            }));
        }
        let unit_id = lk
            .units
            .get(&cell("kode_unit").trim().to_uppercase())
            .copied();
        if unit_id.is_none() {
            errs.push(
                FieldError::new("kode_unit", K::ErrCsvUnknownUnit).with("code", cell("kode_unit")),
            );
        }
        let pos = lk
            .positions
            .get(&cell("kode_jabatan").trim().to_uppercase());
        match pos {
            None => errs.push(
                FieldError::new("kode_jabatan", K::ErrCsvUnknownPosition)
                    .with("code", cell("kode_jabatan")),
            ),
            Some((_, level))
                if head == Some(true)
                    && !JobLevel::parse(level).is_some_and(|l| l.can_head_unit()) =>
            {
                errs.push(FieldError::new("kepala_unit", K::ErrHeadNeedsStructural))
            }
            _ => {}
        }
        let mut existing = None;
        if let Ok(v) = &parsed {
            let nip = v.nip.as_str().to_string();
            if let Some(first) = first_seen.get(&nip) {
                errs.push(FieldError::new("nip", K::ErrCsvDuplicateNip).with("line", first));
            } else {
                first_seen.insert(nip.clone(), l.number);
            }
            match lk.nips.get(&nip) {
                Some((_, a)) if *a != agency => {
                    errs.push(FieldError::new("nip", K::ErrNipOtherAgency))
                }
                Some((id, _)) => existing = Some(*id),
                None => {}
            }
        }
        match (parsed, unit_id, pos, errs.is_empty()) {
            (Ok(v), Some(unit_id), Some((position_id, _)), true) => ok.push(Checked {
                line: l.number,
                v,
                unit_id,
                position_id: *position_id,
                existing,
            }),
            _ => errors.extend(errs.into_iter().map(|e| e.at_line(l.number))),
        }
    }
    let (ok, head_errors) = check_heads(ok, lk);
    errors.extend(head_errors);
    errors.sort_by_key(|e| e.line);
    (ok, errors)
}

/// One head per unit once the file is applied: a unit's current head keeps it unless
/// the file moves them; two claims on one unit are both refused.
fn check_heads(rows: Vec<Checked>, lk: &Lookup) -> (Vec<Checked>, Vec<FieldError>) {
    let in_file: HashMap<&str, &Checked> = rows.iter().map(|c| (c.v.nip.as_str(), c)).collect();
    let mut claims: HashMap<i32, Vec<usize>> = HashMap::new();
    for c in rows.iter().filter(|c| c.v.is_head) {
        claims.entry(c.unit_id).or_default().push(c.line);
    }
    let mut bad = std::collections::HashSet::new();
    for (unit, lines) in &claims {
        // A current head absent from the file keeps the post.
        let kept_head = lk
            .heads
            .get(unit)
            .filter(|nip| !in_file.contains_key(nip.as_str()));
        if lines.len() > 1 || kept_head.is_some() {
            bad.extend(lines.iter().copied());
        }
    }
    let errors = bad
        .iter()
        .map(|l| FieldError::new("kepala_unit", K::ErrUnitHasHead).at_line(*l))
        .collect();
    (
        rows.into_iter()
            .filter(|c| !bad.contains(&c.line))
            .collect(),
        errors,
    )
}

fn csv_field(form_field: &str) -> &'static str {
    match form_field {
        "nip" => "nip",
        "name" => "nama",
        "sex" => "jenis_kelamin",
        "status" => "status",
        "start_date" => "tanggal_mulai",
        _ => "kepala_unit",
    }
}

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
    let head_rows = sql::all(
        db,
        "SELECT a.unit_id, e.nip FROM assignments a JOIN employees e ON e.id = a.employee_id \
         WHERE a.agency_id = $1 AND a.end_date IS NULL AND a.is_head = TRUE",
        vec![agency.into()],
    )
    .await?;
    let mut heads = HashMap::new();
    for r in head_rows {
        heads.insert(
            sql::get::<i32>(&r, "unit_id")?,
            sql::get::<String>(&r, "nip")?,
        );
    }
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

/// Checks a file (or a part of one starting at `first_line`) and, when `write` is
/// set, imports its lines: all of them, or with `only_valid` the valid ones.
pub async fn import(
    db: &Db,
    actor: &Actor,
    text: &str,
    first_line: usize,
    write: bool,
    only_valid: bool,
) -> Result<ImportReport, AppError> {
    let agency = hr_agency(actor)?;
    let lines = read(text, first_line.max(2)).map_err(AppError::Validation)?;
    let tx = write_tx(db).await?;
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
    if !write {
        return Ok(report);
    }
    if !report.errors.is_empty() && !only_valid {
        return Err(AppError::Validation(report.errors));
    }
    let (created, updated) = apply(&tx, agency, &ok).await?;
    audit::record(&tx, &By::from(actor), Entry {
        agency_id: Some(agency),
        action: "import",
        entity: "employee",
        entity_id: "csv".into(),
        summary: json!({ "lines": report.total, "created": created, "updated": updated, "skipped_lines": report.errors.iter().filter_map(|e| e.line).collect::<Vec<_>>() }),
    })
    .await?;
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
        && e.sex == c.v.sex.code()
        && e.status == c.v.status.code()
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
        let now = db::now();
        match c.existing {
            None => {
                let e = employee::ActiveModel {
                    agency_id: Set(agency),
                    nip: Set(c.v.nip.as_str().to_string()),
                    name: Set(c.v.name.clone()),
                    sex: Set(c.v.sex.code().into()),
                    status: Set(c.v.status.code().into()),
                    active: Set(true),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(db)
                .await?;
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
                sql::exec(
                    db,
                    "UPDATE employees SET name = $1, sex = $2, status = $3, active = TRUE, updated_at = $4 WHERE id = $5",
                    vec![c.v.name.clone().into(), c.v.sex.code().into(), c.v.status.code().into(), now.into(), id.into()],
                )
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

/// The agency's active employees in the import format, ready to edit and re-import.
pub async fn export(db: &Db, actor: &Actor) -> Result<String, AppError> {
    let agency = hr_agency(actor)?;
    let rows = sql::all(
        db,
        "SELECT e.nip, e.name, e.sex, e.status, u.code AS unit_code, p.code AS position_code, a.is_head, a.start_date \
         FROM employees e JOIN assignments a ON a.employee_id = e.id AND a.end_date IS NULL \
         JOIN units u ON u.id = a.unit_id JOIN positions p ON p.id = a.position_id \
         WHERE e.agency_id = $1 AND e.active = TRUE ORDER BY u.code, e.name, e.id",
        vec![agency.into()],
    )
    .await?;
    let mut w = csv::Writer::from_writer(vec![]);
    let io = |e: csv::Error| crate::server::request::internal(e);
    w.write_record(COLUMNS).map_err(io)?;
    for r in rows {
        let head: bool = sql::get(&r, "is_head")?;
        let start: chrono::NaiveDate = sql::get(&r, "start_date")?;
        w.write_record([
            sql::get::<String>(&r, "nip")?,
            sql::get::<String>(&r, "name")?,
            sql::get::<String>(&r, "sex")?,
            sql::get::<String>(&r, "status")?,
            sql::get::<String>(&r, "unit_code")?,
            sql::get::<String>(&r, "position_code")?,
            if head { "ya".into() } else { "tidak".into() },
            start.to_string(),
        ])
        .map_err(io)?;
    }
    String::from_utf8(
        w.into_inner()
            .map_err(|e| crate::server::request::internal(e.to_string()))?,
    )
    .map_err(crate::server::request::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup() -> Lookup {
        Lookup {
            units: [("PKM".to_string(), 5), ("DINKES".to_string(), 1)].into(),
            positions: [
                ("PERAWAT".to_string(), (7, "jf_terampil".to_string())),
                ("KAPUS".to_string(), (8, "pengawas".to_string())),
            ]
            .into(),
            nips: [("198001012005011001".to_string(), (40, 2))].into(),
            heads: [(5, "197001012000011001".to_string())].into(),
        }
    }

    const HEADER: &str = "nip;nama;jenis_kelamin;status;kode_unit;kode_jabatan;kepala_unit\n";

    #[test]
    fn lines_are_numbered_as_in_the_file_and_blank_lines_skipped() {
        let text = format!("{HEADER}198503122010012004;Siti;P;PNS;PKM;PERAWAT;\n\n199001012015031002;Budi;L;PPPK;pkm;perawat;tidak\n");
        let lines = read(&text, 2).unwrap();
        assert_eq!(
            lines.iter().map(|l| l.number).collect::<Vec<_>>(),
            vec![2, 4]
        );
        let (ok, errors) = check(&lines, 1, &lookup());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(ok.len(), 2);
    }

    #[test]
    fn a_missing_column_is_named() {
        let err = read("nip,nama\n1,2\n", 2).unwrap_err();
        assert_eq!(err[0].msg.key, "err.csv_missing_columns");
        assert!(err[0].msg.params[0].1.contains("kode_unit"));
    }

    #[test]
    fn each_bad_line_gets_its_number_and_reason() {
        let text = format!(
            "{HEADER}19850312201001200;Siti;P;PNS;PKM;PERAWAT;\n\
             198503122010012004;Siti;P;PNS;XXX;PERAWAT;\n\
             198503122010012004;Siti Lagi;P;PNS;PKM;PERAWAT;\n\
             198001012005011001;Ani;L;PNS;PKM;PERAWAT;\n"
        );
        let (ok, errors) = check(&read(&text, 2).unwrap(), 1, &lookup());
        let got: Vec<(usize, &str, &str)> = errors
            .iter()
            .map(|e| (e.line.unwrap(), e.field.as_str(), e.msg.key.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (2, "nip", "err.nip_length"),
                (3, "kode_unit", "err.csv_unknown_unit"),
                (4, "nip", "err.csv_duplicate_nip"),
                (5, "nip", "err.nip_other_agency"),
            ]
        );
        assert!(ok.is_empty());
    }

    #[test]
    fn a_unit_keeps_one_head() {
        // PKM already has a head who is not in the file: a second head is refused.
        let text = format!("{HEADER}198503122010011004;Budi;L;PNS;PKM;KAPUS;ya\n");
        let (_, errors) = check(&read(&text, 2).unwrap(), 1, &lookup());
        assert_eq!(errors[0].msg.key, "err.unit_has_head");
        // Moving the current head away in the same file frees the post.
        let text = format!(
            "{HEADER}198503122010011004;Budi;L;PNS;PKM;KAPUS;ya\n197001012000011001;Kepala Lama;L;PNS;DINKES;PERAWAT;tidak\n"
        );
        let (ok, errors) = check(&read(&text, 2).unwrap(), 1, &lookup());
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(ok.len(), 2);
    }

    #[test]
    fn only_structural_positions_can_head_a_unit() {
        let text = format!("{HEADER}198503122010012004;Siti;P;PNS;DINKES;PERAWAT;ya\n");
        let (_, errors) = check(&read(&text, 2).unwrap(), 1, &lookup());
        assert_eq!(errors[0].msg.key, "err.head_needs_structural");
    }
}
