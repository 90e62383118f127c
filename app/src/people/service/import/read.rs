//! Reading an import file: its columns (header line required, any order, `,` or `;`
//! separated), and its data lines with their numbers in the file.

use crate::error::FieldError;
use crate::i18n::K;
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
/// The first six columns must be there; the last two may be left out.
const REQUIRED: usize = 6;
/// Lines per file at most; larger files are sent in parts by the page.
pub const MAX_LINES: usize = 100_000;

/// What a spreadsheet would run as a formula when a cell starts with it.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written to an exported file: one a spreadsheet would run as a formula
/// (a name typed as `=HYPERLINK(...)`) gets a leading apostrophe, which spreadsheets
/// show as text (OWASP's advice for CSV injection).
pub fn for_spreadsheet(cell: String) -> String {
    // A value that itself starts with an apostrophe and a formula character gets one
    // more, so that reading it back takes off only the one added here.
    let quoted = cell
        .strip_prefix('\'')
        .is_some_and(|rest| rest.starts_with(FORMULA_STARTS));
    if cell.starts_with(FORMULA_STARTS) || quoted {
        format!("'{cell}")
    } else {
        cell
    }
}

/// A cell as read from a file: the apostrophe `for_spreadsheet` added is taken off
/// again, so an exported file imports back unchanged.
pub fn from_spreadsheet(cell: &str) -> String {
    let added = |rest: &str| {
        rest.starts_with(FORMULA_STARTS)
            || rest
                .strip_prefix('\'')
                .is_some_and(|r| r.starts_with(FORMULA_STARTS))
    };
    match cell.strip_prefix('\'') {
        Some(rest) if added(rest) => rest.to_string(),
        _ => cell.to_string(),
    }
}

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
/// Where each known column is in the file, or why the header cannot be used.
fn columns(
    rdr: &mut csv::Reader<&[u8]>,
    known: &'static [&'static str],
    required: usize,
) -> Result<Vec<(&'static str, usize)>, Vec<FieldError>> {
    let header: Vec<String> = match rdr.headers() {
        Ok(h) => h
            .iter()
            .map(|c| c.trim().to_lowercase().replace(' ', "_"))
            .collect(),
        Err(_) => return Err(vec![FieldError::new("file", K::ErrCsvUnreadable).at_line(1)]),
    };
    let missing: Vec<&str> = known[..required]
        .iter()
        .copied()
        .filter(|c| !header.iter().any(|h| h == c))
        .collect();
    if !missing.is_empty() {
        return Err(vec![FieldError::new("file", K::ErrCsvMissingColumns)
            .with("columns", missing.join(", "))
            .at_line(1)]);
    }
    Ok(known
        .iter()
        .filter_map(|c| header.iter().position(|h| h == c).map(|i| (*c, i)))
        .collect())
}

/// The employee file's lines.
pub fn read(text: &str, first_line: usize) -> Result<Vec<Line>, Vec<FieldError>> {
    read_columns(text, first_line, &COLUMNS, REQUIRED)
}

/// The lines of a file whose `known` columns are read (the first `required` of them
/// must be in its header; others are ignored).
pub fn read_columns(
    text: &str,
    first_line: usize,
    known: &'static [&'static str],
    required: usize,
) -> Result<Vec<Line>, Vec<FieldError>> {
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
    let index = columns(&mut rdr, known, required)?;
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
                    .map(|(c, i)| (*c, from_spreadsheet(r.get(*i).unwrap_or(""))))
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
