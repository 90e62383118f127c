//! Parsing the position and employee forms (and CSV lines, which carry the same
//! fields): one set of checks for the browser, the server and the importer.

use crate::coded::{not_one_of, one_of};
use crate::error::{AppError, FieldError, Problems};
use crate::i18n::K;
use crate::org::input::{parse_code, parse_name, parse_optional_id};
use crate::people::job_level::JobLevel;
use crate::people::model::{EmployeeForm, PositionForm};
use crate::people::nip::{days_in_month, Nip, Sex};

crate::coded! {
    /// PNS or PPPK.
    pub enum EmploymentStatus {
        /// Pegawai Negeri Sipil.
        Pns = "PNS" => K::StatusPns,
        /// Pegawai Pemerintah dengan Perjanjian Kerja.
        Pppk = "PPPK" => K::StatusPppk,
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidPosition {
    pub code: String,
    pub name: String,
    pub job_level: JobLevel,
}

pub fn parse_position(form: &PositionForm) -> Result<ValidPosition, AppError> {
    let mut p = Problems::default();
    let code = p.take(parse_code("code", &form.code));
    let name = p.take(parse_name("name", &form.name, 150));
    let level =
        p.take(JobLevel::parse(&form.job_level).ok_or_else(|| not_one_of::<JobLevel>("job_level")));
    p.into_result()?;
    match (code, name, level) {
        (Some(code), Some(name), Some(job_level)) => Ok(ValidPosition {
            code,
            name,
            job_level,
        }),
        _ => Err(AppError::Validation(vec![])),
    }
}

/// A date typed as YYYY-MM-DD (what `<input type=date>` sends). Also accepts the
/// Indonesian DD/MM/YYYY and DD-MM-YYYY, common in spreadsheets.
pub fn parse_date(field: &str, s: &str) -> Result<String, FieldError> {
    let t = s.trim();
    let parts: Vec<&str> = t.split(['-', '/']).collect();
    let bad = || FieldError::new(field, K::ErrDate);
    if parts.len() != 3 {
        return Err(bad());
    }
    let (y, m, d) = if parts[0].len() == 4 {
        (parts[0], parts[1], parts[2])
    } else {
        (parts[2], parts[1], parts[0])
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u16>(), m.parse::<u8>(), d.parse::<u8>()) else {
        return Err(bad());
    };
    if !(1950..=2100).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return Err(bad());
    }
    Ok(format!("{y:04}-{m:02}-{d:02}"))
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidEmployee {
    pub nip: Nip,
    pub name: String,
    pub sex: Sex,
    pub status: EmploymentStatus,
    pub unit_id: Option<i32>,
    pub position_id: Option<i32>,
    pub is_head: bool,
    pub start_date: Option<String>,
}

/// Checks the fields that need no database. Unit and position are optional here;
/// the service decides whether they are required and whether they exist.
pub fn parse_employee(form: &EmployeeForm) -> Result<ValidEmployee, AppError> {
    let mut p = Problems::default();
    let nip = p.take(Nip::parse(&form.nip));
    let name = p.take(parse_name("name", &form.name, 120));
    let sex = p.take(Sex::read(&form.sex).ok_or_else(|| one_of("sex", &["L", "P"])));
    if let (Some(n), Some(s)) = (&nip, sex) {
        if n.sex() != s {
            p.add(FieldError::new("sex", K::ErrSexNipMismatch));
        }
    }
    let status = p.take(
        EmploymentStatus::parse(&form.status)
            .ok_or_else(|| not_one_of::<EmploymentStatus>("status")),
    );
    let unit_id = p.take(parse_optional_id("unit_id", &form.unit_id));
    let position_id = p.take(parse_optional_id("position_id", &form.position_id));
    let start_date = if form.start_date.trim().is_empty() {
        Some(None)
    } else {
        p.take(parse_date("start_date", &form.start_date)).map(Some)
    };
    p.into_result()?;
    match (nip, name, sex, status, unit_id, position_id, start_date) {
        (
            Some(nip),
            Some(name),
            Some(sex),
            Some(status),
            Some(unit_id),
            Some(position_id),
            Some(sd),
        ) => Ok(ValidEmployee {
            nip,
            name,
            sex,
            status,
            unit_id,
            position_id,
            is_head: form.is_head,
            start_date: sd,
        }),
        _ => Err(AppError::Validation(vec![])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> EmployeeForm {
        EmployeeForm {
            nip: "198503122010012004".into(),
            name: "Siti Rahmawati".into(),
            sex: "P".into(),
            status: "pns".into(),
            unit_id: "3".into(),
            position_id: "7".into(),
            is_head: false,
            start_date: "".into(),
        }
    }

    #[test]
    fn a_complete_form_parses() {
        let v = parse_employee(&form()).unwrap();
        assert_eq!(v.status, EmploymentStatus::Pns);
        assert_eq!(v.unit_id, Some(3));
        assert_eq!(v.start_date, None);
    }

    #[test]
    fn sex_must_agree_with_the_nip() {
        let mut f = form();
        f.sex = "L".into();
        assert_eq!(
            parse_employee(&f).unwrap_err().fields()[0].msg.key,
            "err.sex_nip_mismatch"
        );
    }

    #[test]
    fn an_unknown_choice_names_the_values_accepted() {
        let mut f = form();
        (f.status, f.sex) = ("honorer".into(), "X".into());
        let e = parse_employee(&f).unwrap_err();
        let text = |field: &str| {
            let f = e.fields().iter().find(|f| f.field == field).unwrap();
            f.msg.text(crate::i18n::Lang::Id)
        };
        assert_eq!(
            text("status"),
            "Nilai ini tidak dikenal. Pilih salah satu: PNS, PPPK."
        );
        assert_eq!(
            text("sex"),
            "Nilai ini tidak dikenal. Pilih salah satu: L, P."
        );
    }

    #[test]
    fn dates_in_iso_and_indonesian_order_are_accepted() {
        assert_eq!(parse_date("d", "2024-02-29").unwrap(), "2024-02-29");
        assert_eq!(parse_date("d", "01/07/2023").unwrap(), "2023-07-01");
        assert!(parse_date("d", "2023-02-29").is_err());
        assert!(parse_date("d", "kemarin").is_err());
    }

    #[test]
    fn positions_need_a_known_job_level() {
        let f = PositionForm {
            code: "P1".into(),
            name: "Perawat".into(),
            job_level: "perawat".into(),
        };
        assert_eq!(
            parse_position(&f).unwrap_err().fields()[0].field,
            "job_level"
        );
    }
}
