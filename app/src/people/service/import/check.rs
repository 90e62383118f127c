//! Checking the lines of an import file (pure: the agency's reference data comes in
//! a `Lookup`), so every problem is found before anything is written.

use super::read::Line;
use crate::error::{AppError, FieldError};
use crate::i18n::K;
use crate::people::input::{parse_employee, ValidEmployee};
use crate::people::job_level::JobLevel;
use crate::people::model::EmployeeForm;
use std::collections::HashMap;

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
        match check_line(l, agency, lk, &mut first_seen) {
            Ok(c) => ok.push(c),
            Err(errs) => errors.extend(errs.into_iter().map(|e| e.at_line(l.number))),
        }
    }
    let (ok, head_errors) = check_heads(ok, lk);
    errors.extend(head_errors);
    errors.sort_by_key(|e| e.line);
    (ok, errors)
}

/// One line: its fields, the unit and position it names, and its NIP (not twice in
/// the file, not another agency's).
fn check_line(
    l: &Line,
    agency: i32,
    lk: &Lookup,
    first_seen: &mut HashMap<String, usize>,
) -> Result<Checked, Vec<FieldError>> {
    let (parsed, head, mut errs) = fields(l);
    let (unit_id, position, ref_errs) = references(l, lk, head);
    errs.extend(ref_errs);
    let mut existing = None;
    if let Ok(v) = &parsed {
        let nip = v.nip.as_str().to_string();
        if let Some(first) = first_seen.get(&nip) {
            errs.push(FieldError::new("nip", K::ErrCsvDuplicateNip).with("line", first));
        } else {
            first_seen.insert(nip.clone(), l.number);
        }
        match lk.nips.get(&nip) {
            Some((_, a)) if *a != agency => errs.push(FieldError::new("nip", K::ErrNipOtherAgency)),
            Some((id, _)) => existing = Some(*id),
            None => {}
        }
    }
    match (parsed, unit_id, position, errs.is_empty()) {
        (Ok(v), Some(unit_id), Some(position_id), true) => Ok(Checked {
            line: l.number,
            v,
            unit_id,
            position_id,
            existing,
        }),
        _ => Err(errs),
    }
}

/// The line's own fields, checked as the employee form checks them.
fn fields(
    l: &Line,
) -> (
    Result<ValidEmployee, AppError>,
    Option<bool>,
    Vec<FieldError>,
) {
    let cell = |c: &str| l.cells.get(c).cloned().unwrap_or_default();
    let mut errs = vec![];
    let head = yes_no(&cell("kepala_unit"));
    if head.is_none() {
        errs.push(crate::coded::one_of("kepala_unit", &["ya", "tidak"]));
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
    (parsed, head, errs)
}

/// The unit and position the line names, by code, and whether it may head the unit.
fn references(
    l: &Line,
    lk: &Lookup,
    head: Option<bool>,
) -> (Option<i32>, Option<i32>, Vec<FieldError>) {
    let cell = |c: &str| l.cells.get(c).cloned().unwrap_or_default();
    let mut errs = vec![];
    let unit_id = lk
        .units
        .get(&cell("kode_unit").trim().to_uppercase())
        .copied();
    if unit_id.is_none() {
        let code = cell("kode_unit");
        errs.push(FieldError::new("kode_unit", K::ErrCsvUnknownUnit).with("code", code));
    }
    let pos = lk
        .positions
        .get(&cell("kode_jabatan").trim().to_uppercase());
    match pos {
        None => {
            let code = cell("kode_jabatan");
            errs.push(FieldError::new("kode_jabatan", K::ErrCsvUnknownPosition).with("code", code))
        }
        Some((_, level)) if head == Some(true) && !level.can_head_unit() => {
            errs.push(FieldError::new("kepala_unit", K::ErrHeadNeedsStructural))
        }
        _ => {}
    }
    (unit_id, pos.map(|p| p.0), errs)
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
