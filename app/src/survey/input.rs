//! Checking a citizen's response: the nine answers (each 1 to 4, all required), the
//! optional profile and suggestion. Pure; every error names its field.

use crate::coded::{not_one_of, Coded};
use crate::error::{AppError, FieldError, Problems};
use crate::i18n::K;
use crate::org::input::{parse_code, parse_count, parse_name, parse_optional_id};
use crate::survey::model::{Education, Occupation, RespondentSex, ResponseForm, ServiceUnitForm};
use crate::survey::rules::{ANSWER_MAX, ANSWER_MIN, ELEMENTS};

/// A suggestion is kept to this many characters.
pub const SUGGESTION_MAX: usize = 1000;
/// A respondent's age, when given, in years.
pub const AGE_MIN: i16 = 10;
pub const AGE_MAX: i16 = 110;

#[derive(Clone, Debug, PartialEq)]
pub struct ValidResponse {
    pub answers: [i16; ELEMENTS],
    pub age: Option<i16>,
    pub sex: Option<RespondentSex>,
    pub education: Option<Education>,
    pub occupation: Option<Occupation>,
    pub suggestion: Option<String>,
}

const FIELDS: [&str; ELEMENTS] = ["u1", "u2", "u3", "u4", "u5", "u6", "u7", "u8", "u9"];

fn answer(field: &str, s: &str) -> Result<i16, FieldError> {
    if s.trim().is_empty() {
        return Err(FieldError::new(field, K::ErrSkmAnswerMissing));
    }
    match s.trim().parse::<i16>() {
        Ok(n) if (ANSWER_MIN..=ANSWER_MAX).contains(&n) => Ok(n),
        _ => Err(FieldError::new(field, K::ErrNumberRange)
            .with("min", ANSWER_MIN)
            .with("max", ANSWER_MAX)),
    }
}

/// An optional coded choice: empty is "not said".
fn choice<T: Coded>(field: &str, s: &str) -> Result<Option<T>, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    T::all()
        .iter()
        .copied()
        .find(|t| t.code() == s)
        .map(Some)
        .ok_or_else(|| not_one_of::<T>(field))
}

fn age(s: &str) -> Result<Option<i16>, FieldError> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<i16>() {
        Ok(n) if (AGE_MIN..=AGE_MAX).contains(&n) => Ok(Some(n)),
        _ => Err(FieldError::new("age", K::ErrNumberRange)
            .with("min", AGE_MIN)
            .with("max", AGE_MAX)),
    }
}

fn suggestion(s: &str) -> Result<Option<String>, FieldError> {
    let s = s.trim();
    if s.chars().count() > SUGGESTION_MAX {
        return Err(FieldError::new("suggestion", K::ErrTooLong).with("max", SUGGESTION_MAX));
    }
    Ok((!s.is_empty()).then(|| s.to_string()))
}

pub fn parse_response(f: &ResponseForm) -> Result<ValidResponse, AppError> {
    let mut p = Problems::default();
    let mut answers = [0i16; ELEMENTS];
    for ((slot, field), posted) in answers.iter_mut().zip(FIELDS).zip(f.answers()) {
        *slot = p.take(answer(field, posted)).unwrap_or_default();
    }
    let out = ValidResponse {
        answers,
        age: p.take(age(&f.age)).flatten(),
        sex: p.take(choice("sex", &f.sex)).flatten(),
        education: p.take(choice("education", &f.education)).flatten(),
        occupation: p.take(choice("occupation", &f.occupation)).flatten(),
        suggestion: p.take(suggestion(&f.suggestion)).flatten(),
    };
    p.into_result()?;
    Ok(out)
}

/// A service unit as HR saves it.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidServiceUnit {
    pub code: String,
    pub name: String,
    pub unit_id: i32,
    pub population: Option<i32>,
}

/// People served a year: at most this many (a whole province's counter).
pub const POPULATION_MAX: i32 = 10_000_000;

pub fn parse_service_unit(f: &ServiceUnitForm) -> Result<ValidServiceUnit, AppError> {
    let mut p = Problems::default();
    let code = p.take(parse_code("code", &f.code)).unwrap_or_default();
    let name = p.take(parse_name("name", &f.name, 200)).unwrap_or_default();
    let unit_id = p.take(
        parse_optional_id("unit_id", &f.unit_id)
            .and_then(|u| u.ok_or_else(|| FieldError::new("unit_id", K::ErrRequired))),
    );
    let population = if f.population.trim().is_empty() {
        None
    } else {
        p.take(parse_count("population", &f.population, 1, POPULATION_MAX))
    };
    p.into_result()?;
    Ok(ValidServiceUnit {
        code,
        name,
        unit_id: unit_id.unwrap_or_default(),
        population,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled() -> ResponseForm {
        ResponseForm {
            u1: "4".into(),
            u2: "3".into(),
            u3: "3".into(),
            u4: "4".into(),
            u5: "3".into(),
            u6: "3".into(),
            u7: "4".into(),
            u8: "2".into(),
            u9: "3".into(),
            ..Default::default()
        }
    }

    fn fields(e: AppError) -> Vec<String> {
        e.fields().iter().map(|f| f.field.clone()).collect()
    }

    #[test]
    fn a_complete_response_is_read_with_its_optional_profile() {
        let mut f = filled();
        f.age = " 34 ".into();
        f.sex = "P".into();
        f.occupation = "wirausaha".into();
        f.suggestion = "  Antrean pagi terlalu panjang. ".into();
        let v = parse_response(&f).unwrap();
        assert_eq!(v.answers, [4, 3, 3, 4, 3, 3, 4, 2, 3]);
        assert_eq!(v.age, Some(34));
        assert_eq!(v.sex, Some(RespondentSex::Female));
        assert_eq!(v.education, None);
        assert_eq!(v.occupation, Some(Occupation::SelfEmployed));
        assert_eq!(
            v.suggestion.as_deref(),
            Some("Antrean pagi terlalu panjang.")
        );
    }

    #[test]
    fn every_bad_field_is_named() {
        let mut f = filled();
        f.u3 = String::new();
        f.u7 = "5".into();
        f.age = "3".into();
        f.sex = "x".into();
        f.suggestion = "a".repeat(SUGGESTION_MAX + 1);
        let e = parse_response(&f).unwrap_err();
        assert_eq!(fields(e), ["u3", "u7", "age", "sex", "suggestion"]);
    }

    #[test]
    fn a_service_unit_needs_a_code_a_name_and_a_unit() {
        let f = ServiceUnitForm {
            code: " pkm-manna ".into(),
            name: "Puskesmas  Manna".into(),
            unit_id: "7".into(),
            population: String::new(),
        };
        let v = parse_service_unit(&f).unwrap();
        assert_eq!(
            (v.code.as_str(), v.name.as_str(), v.unit_id, v.population),
            ("PKM-MANNA", "Puskesmas Manna", 7, None)
        );
        let bad = ServiceUnitForm {
            code: "a b".into(),
            name: String::new(),
            unit_id: String::new(),
            population: "0".into(),
        };
        assert_eq!(
            fields(parse_service_unit(&bad).unwrap_err()),
            ["code", "name", "unit_id", "population"]
        );
    }
}
