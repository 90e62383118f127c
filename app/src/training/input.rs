//! Checking what HR posts about the catalogue: a programme (from the form or a CSV
//! line) and the end of an enrolment. Pure; every error names its field.

use crate::assessment::input::parse_day;
use crate::coded::not_one_of;
use crate::error::{AppError, FieldError, Problems};
use crate::i18n::K;
use crate::org::input::{parse_code, parse_count, parse_name};
use crate::training::model::{CompletionForm, EnrolStatus, Mode, ProgrammeForm};
use chrono::NaiveDate;

pub struct ValidProgramme {
    pub code: String,
    pub name: String,
    pub jp: i32,
    pub mode: Mode,
    pub provider: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub capacity: i32,
    pub for_assessors: bool,
    /// (competency id, level), each competency once.
    pub builds: Vec<(i32, i16)>,
}

/// The "competency_id:level" values of the form's selects (empty: not built).
fn parse_builds(values: &[String]) -> Result<Vec<(i32, i16)>, FieldError> {
    let mut out: Vec<(i32, i16)> = vec![];
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        let bad = || FieldError::new("builds", K::ErrLevelRange);
        let (c, l) = v.split_once(':').ok_or_else(bad)?;
        let (Ok(c), Ok(l)) = (c.parse::<i32>(), l.parse::<i16>()) else {
            return Err(bad());
        };
        if !(1..=5).contains(&l) {
            return Err(bad());
        }
        if !out.iter().any(|o| o.0 == c) {
            out.push((c, l));
        }
    }
    if out.is_empty() {
        return Err(FieldError::new("builds", K::ErrTrBuildsNone));
    }
    Ok(out)
}

pub fn parse_programme(f: &ProgrammeForm) -> Result<ValidProgramme, AppError> {
    let mut p = Problems::default();
    let code = p.take(parse_code("code", &f.code)).unwrap_or_default();
    let name = p.take(parse_name("name", &f.name, 200)).unwrap_or_default();
    let jp = p.take(parse_count("jp", &f.jp, 1, 500)).unwrap_or(1);
    let mode = p.take(Mode::parse(&f.mode).ok_or_else(|| not_one_of::<Mode>("mode")));
    let provider = p
        .take(parse_name("provider", &f.provider, 200))
        .unwrap_or_default();
    let starts_on = p.take(parse_day("starts_on", &f.starts_on));
    let ends_on = p.take(parse_day("ends_on", &f.ends_on));
    if let (Some(s), Some(e)) = (starts_on, ends_on) {
        if e < s {
            p.add(FieldError::new("ends_on", K::ErrEndsBeforeStart));
        }
    }
    let capacity = p
        .take(parse_count("capacity", &f.capacity, 1, 10_000))
        .unwrap_or(1);
    let builds = p.take(parse_builds(&f.builds)).unwrap_or_default();
    p.into_result()?;
    Ok(ValidProgramme {
        code,
        name,
        jp,
        mode: mode.unwrap_or(Mode::Klasikal),
        provider,
        starts_on: starts_on.unwrap_or_default(),
        ends_on: ends_on.unwrap_or_default(),
        capacity,
        for_assessors: f.for_assessors.as_deref().is_some_and(|v| !v.is_empty()),
        builds,
    })
}

pub struct ValidCompletion {
    pub attendance: i16,
    /// Passed or Failed; None: attendance only, still enrolled.
    pub result: Option<EnrolStatus>,
    pub certificate_no: Option<String>,
    pub completed_on: Option<NaiveDate>,
}

/// Attendance alone, or a result with its date (a pass also needs attendance of at
/// least `min_attendance` percent).
pub fn parse_completion(
    f: &CompletionForm,
    min_attendance: i16,
) -> Result<ValidCompletion, AppError> {
    let mut p = Problems::default();
    let attendance = p
        .take(parse_count("attendance", &f.attendance, 0, 100))
        .unwrap_or(0) as i16;
    let result = match f.result.trim() {
        "" => None,
        r => match EnrolStatus::from_code(r) {
            Some(s @ (EnrolStatus::Passed | EnrolStatus::Failed)) => Some(s),
            _ => {
                p.add(FieldError::new("result", K::ErrChoice));
                None
            }
        },
    };
    let certificate_no = match f.certificate_no.trim() {
        "" => None,
        n => p.take(parse_name("certificate_no", n, 100)),
    };
    let completed_on = if result.is_some() {
        p.take(parse_day("completed_on", &f.completed_on))
    } else {
        None
    };
    if result == Some(EnrolStatus::Passed) && attendance < min_attendance {
        p.add(FieldError::new("attendance", K::ErrTrAttendance).with("min", min_attendance));
    }
    p.into_result()?;
    Ok(ValidCompletion {
        attendance,
        result,
        certificate_no,
        completed_on,
    })
}
