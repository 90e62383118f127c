//! Reading and checking the lines of an import file (pure: the agency's reference
//! data comes in a `Lookup`), so every problem is found before anything is written.

use crate::error::FieldError;
use crate::i18n::K;
use crate::people::input::{parse_employee, ValidEmployee};
use crate::people::job_level::JobLevel;
use crate::people::model::EmployeeForm;
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
    pub positions: HashMap<String, (i32, JobLevel)>,
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
            Some((_, level)) if head == Some(true) && !level.can_head_unit() => {
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
