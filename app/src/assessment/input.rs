//! Checking what is posted: HR's campaign form and a rater's answers (pure; server
//! side, where dates are parsed).

use crate::assessment::model::{AnswerInput, CampaignForm};
use crate::assessment::rules::{Weights, MIN_K};
use crate::competency::rules::Level;
use crate::error::{AppError, FieldError, Problems};
use crate::i18n::K;
use crate::org::input::parse_name;
use crate::people::input::parse_date;
use chrono::NaiveDate;

pub struct ValidCampaign {
    pub name: String,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub weights: Weights,
    pub k: u32,
    pub max_peers: u32,
}

fn number(p: &mut Problems, field: &str, s: &str, max: u32) -> u32 {
    match s.trim().parse::<u32>() {
        Ok(n) if n <= max => n,
        _ => {
            p.add(
                FieldError::new(field, K::ErrNumberRange)
                    .with("min", 0)
                    .with("max", max),
            );
            0
        }
    }
}

/// A date as `people::input::parse_date` accepts it (ISO or Indonesian order).
pub fn parse_day(field: &str, s: &str) -> Result<NaiveDate, FieldError> {
    let iso = parse_date(field, s)?;
    NaiveDate::parse_from_str(&iso, "%Y-%m-%d").map_err(|_| FieldError::new(field, K::ErrDate))
}

fn date(p: &mut Problems, field: &str, s: &str) -> Option<NaiveDate> {
    p.take(parse_day(field, s))
}

pub fn parse_campaign(f: &CampaignForm) -> Result<ValidCampaign, crate::error::AppError> {
    let mut p = Problems::default();
    let name = p.take(parse_name("name", &f.name, 150)).unwrap_or_default();
    let starts_on = date(&mut p, "starts_on", &f.starts_on);
    let ends_on = date(&mut p, "ends_on", &f.ends_on);
    if let (Some(s), Some(e)) = (starts_on, ends_on) {
        if e < s {
            p.add(FieldError::new("ends_on", K::ErrEndsBeforeStart));
        }
    }
    let weights = Weights {
        self_rating: number(&mut p, "w_self", &f.w_self, 100),
        supervisor: number(&mut p, "w_supervisor", &f.w_supervisor, 100),
        peer: number(&mut p, "w_peer", &f.w_peer, 100),
        subordinate: number(&mut p, "w_subordinate", &f.w_subordinate, 100),
    };
    if p.0.is_empty() && !weights.is_valid() {
        let sum = weights.self_rating + weights.supervisor + weights.peer + weights.subordinate;
        p.add(FieldError::new("w_self", K::ErrWeightsSum).with("sum", sum));
    }
    let k = match f.k.trim().parse::<u32>() {
        Ok(k) if (MIN_K..=50).contains(&k) => k,
        _ => {
            p.add(FieldError::new("k", K::ErrKMin).with("min", MIN_K));
            MIN_K
        }
    };
    let max_peers = number(&mut p, "max_peers", &f.max_peers, 20);
    p.into_result()?;
    Ok(ValidCampaign {
        name,
        starts_on: starts_on.unwrap_or_default(),
        ends_on: ends_on.unwrap_or_default(),
        weights,
        k,
        max_peers,
    })
}

/// One checked answer: competency, level (None in a draft), comment.
pub type Answer = (i32, Option<u8>, Option<String>);

/// Checks posted answers against the form's competencies. A draft may leave levels
/// empty; a submission may not.
pub fn check_answers(
    posted: &[AnswerInput],
    allowed: &[i32],
    submit: bool,
) -> Result<Vec<Answer>, AppError> {
    let mut p = Problems::default();
    let mut out = Vec::new();
    for (i, a) in posted.iter().enumerate() {
        let Some(cid) = a
            .competency_id
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|c| allowed.contains(c))
        else {
            p.add(FieldError::new(
                &format!("items[{i}]"),
                K::ErrCompetencyUnknown,
            ));
            continue;
        };
        let level = match a.level.trim() {
            "" => None,
            s => match s.parse::<i64>().ok().and_then(Level::new) {
                Some(l) => Some(l.get()),
                None => {
                    p.add(FieldError::new(&format!("level_{cid}"), K::ErrLevelRange));
                    None
                }
            },
        };
        let comment = a.comment.trim();
        if comment.chars().count() > 2000 {
            p.add(FieldError::new(&format!("comment_{cid}"), K::ErrTooLong).with("max", 2000));
        }
        out.push((
            cid,
            level,
            (!comment.is_empty()).then(|| comment.to_string()),
        ));
    }
    if submit {
        for cid in allowed {
            if !out.iter().any(|(c, l, _)| c == cid && l.is_some()) {
                p.add(FieldError::new(&format!("level_{cid}"), K::ErrLevelMissing));
            }
        }
    }
    p.into_result()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> CampaignForm {
        CampaignForm::suggested("Penilaian 2026", "2026-11-01", "2026-11-30", vec![])
    }

    #[test]
    fn the_anonymity_threshold_is_never_below_three() {
        let mut f = form();
        f.k = "2".into();
        let e = parse_campaign(&f).err().unwrap();
        assert_eq!(e.fields()[0].field, "k");
        assert!(parse_campaign(&form()).is_ok());
    }

    #[test]
    fn weights_must_add_up_to_one_hundred_and_dates_run_forward() {
        let mut f = form();
        f.w_peer = "30".into();
        f.ends_on = "2026-10-01".into();
        let e = parse_campaign(&f).err().unwrap();
        let fields: Vec<&str> = e.fields().iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, vec!["ends_on"]);
        f.ends_on = "2026-12-01".into();
        let e = parse_campaign(&f).err().unwrap();
        assert_eq!(e.fields()[0].field, "w_self");
        assert_eq!(
            e.fields()[0].msg.params,
            vec![("sum".to_string(), "105".to_string())]
        );
    }

    fn a(cid: &str, level: &str) -> AnswerInput {
        AnswerInput {
            competency_id: cid.into(),
            level: level.into(),
            comment: String::new(),
        }
    }

    #[test]
    fn a_draft_may_leave_levels_open_but_a_submission_may_not() {
        let posted = [a("1", "3"), a("2", "")];
        assert!(check_answers(&posted, &[1, 2], false).is_ok());
        let e = check_answers(&posted, &[1, 2], true).err().unwrap();
        assert_eq!(e.fields()[0].field, "level_2");
    }

    #[test]
    fn levels_outside_one_to_five_and_foreign_competencies_are_refused() {
        let e = check_answers(&[a("1", "6")], &[1], false).err().unwrap();
        assert_eq!(e.fields()[0].field, "level_1");
        let e = check_answers(&[a("9", "3")], &[1], false).err().unwrap();
        assert_eq!(e.fields()[0].field, "items[0]");
    }
}
