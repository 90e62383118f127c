//! Parsing the unit form: the same checks in the browser and on the server.

use crate::coded::not_one_of;
use crate::error::{AppError, FieldError, Problems};
use crate::i18n::K;
use crate::org::model::UnitForm;

crate::coded! {
    /// What kind of office a unit is.
    pub enum UnitKind {
        Sekretariat = "sekretariat" => K::UnitKindSekretariat,
        Dinas = "dinas" => K::UnitKindDinas,
        Badan = "badan" => K::UnitKindBadan,
        Bidang = "bidang" => K::UnitKindBidang,
        Seksi = "seksi" => K::UnitKindSeksi,
        Puskesmas = "puskesmas" => K::UnitKindPuskesmas,
        Sekolah = "sekolah" => K::UnitKindSekolah,
        Kecamatan = "kecamatan" => K::UnitKindKecamatan,
        Kelurahan = "kelurahan" => K::UnitKindKelurahan,
        Lainnya = "lainnya" => K::UnitKindLainnya,
    }
}

/// A checked unit form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidUnit {
    pub code: String,
    pub name: String,
    pub kind: UnitKind,
    pub parent_id: Option<i32>,
}

/// Codes are short identifiers used in CSV files: letters, digits, `.`, `-`, `_`.
pub fn parse_code(field: &str, s: &str) -> Result<String, FieldError> {
    let c = s.trim().to_uppercase();
    if c.is_empty() {
        return Err(FieldError::new(field, K::ErrRequired));
    }
    if c.len() > 30
        || !c
            .chars()
            .all(|ch| ch.is_ascii_alphanumeric() || "._-".contains(ch))
    {
        return Err(FieldError::new(field, K::ErrCodeFormat));
    }
    Ok(c)
}

/// A required name of at most `max` characters, inner spaces collapsed.
pub fn parse_name(field: &str, s: &str, max: usize) -> Result<String, FieldError> {
    let n = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if n.is_empty() {
        return Err(FieldError::new(field, K::ErrRequired));
    }
    if n.chars().count() > max {
        return Err(FieldError::new(field, K::ErrTooLong).with("max", max));
    }
    Ok(n)
}

/// A whole number in `min..=max`.
pub fn parse_count(field: &str, s: &str, min: i32, max: i32) -> Result<i32, FieldError> {
    match s.trim().parse::<i32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(FieldError::new(field, K::ErrNumberRange)
            .with("min", min)
            .with("max", max)),
    }
}

/// An optional id chosen in a select ("" = none).
pub fn parse_optional_id(field: &str, s: &str) -> Result<Option<i32>, FieldError> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<i32>()
        .map(Some)
        .map_err(|_| FieldError::new(field, K::ErrChoice))
}

pub fn parse_unit(form: &UnitForm) -> Result<ValidUnit, AppError> {
    let mut p = Problems::default();
    let code = p.take(parse_code("code", &form.code));
    let name = p.take(parse_name("name", &form.name, 150));
    let kind = p.take(UnitKind::parse(&form.kind).ok_or_else(|| not_one_of::<UnitKind>("kind")));
    let parent_id = p.take(parse_optional_id("parent_id", &form.parent_id));
    p.into_result()?;
    match (code, name, kind, parent_id) {
        (Some(code), Some(name), Some(kind), Some(parent_id)) => Ok(ValidUnit {
            code,
            name,
            kind,
            parent_id,
        }),
        _ => Err(AppError::Validation(vec![])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_form_is_normalised() {
        let f = UnitForm {
            code: " dinkes-01 ".into(),
            name: "Dinas   Kesehatan".into(),
            kind: "dinas".into(),
            parent_id: "".into(),
        };
        let v = parse_unit(&f).unwrap();
        assert_eq!(v.code, "DINKES-01");
        assert_eq!(v.name, "Dinas Kesehatan");
        assert_eq!(v.parent_id, None);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let f = UnitForm {
            code: "a b".into(),
            name: " ".into(),
            kind: "x".into(),
            parent_id: "z".into(),
        };
        let err = parse_unit(&f).unwrap_err();
        let fields: Vec<&str> = err.fields().iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["code", "name", "kind", "parent_id"]);
    }
}
