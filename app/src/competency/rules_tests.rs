//! The competency rules (levels, gap, JPM and bands, standing, standard actions), case
//! by case.

use super::*;

fn l(n: i64) -> Level {
    Level::new(n).unwrap()
}

#[test]
fn levels_run_from_one_to_five() {
    assert_eq!(Level::new(0), None);
    assert_eq!(Level::new(6), None);
    assert_eq!(Level::new(3).map(Level::get), Some(3));
}

#[test]
fn the_gap_is_required_minus_measured() {
    assert_eq!(gap(l(3), 2.5), 0.5);
    assert_eq!(gap(l(2), 3.0), -1.0);
}

#[test]
fn jpm_caps_each_measured_level_at_its_requirement() {
    // 3 + 2 (capped from 4) + 1 over 3 + 2 + 3 = 6 / 8.
    let v = jpm(&[(l(3), 3.0), (l(2), 4.0), (l(3), 1.0)]).unwrap();
    assert!((v - 75.0).abs() < 1e-9);
    assert_eq!(jpm(&[]), None);
}

#[test]
fn jpm_bands_follow_the_configured_thresholds() {
    let b = JpmBands::default();
    assert_eq!(b.band(90.0), JpmBand::Optimal);
    assert_eq!(b.band(89.9), JpmBand::FairlyOptimal);
    assert_eq!(b.band(78.0), JpmBand::FairlyOptimal);
    assert_eq!(b.band(77.9), JpmBand::BelowOptimal);
    let strict = JpmBands {
        optimal: 95.0,
        fairly: 85.0,
    };
    assert_eq!(strict.band(90.0), JpmBand::FairlyOptimal);
}

#[test]
fn only_half_a_level_above_is_a_strength() {
    let items = [
        ("a", l(3), 2.0),
        ("b", l(3), 3.5),
        ("c", l(4), 1.5),
        ("d", l(2), 2.0),
        ("e", l(3), 3.4),
        ("f", l(2), 4.0),
        ("g", l(3), 2.9),
    ];
    let split = strengths_and_gaps(&items);
    assert_eq!(split.strengths, vec!["f", "b"]);
    assert_eq!(split.meets, vec!["e", "d"]);
    assert_eq!(split.to_develop, vec!["c", "a", "g"]);
    assert_eq!(standing(l(3), 3.0), Standing::Meets);
    assert_eq!(standing(l(3), 3.49), Standing::Meets);
    assert_eq!(standing(l(3), 2.99), Standing::ToDevelop);
}

#[test]
fn a_ratified_standard_is_locked_and_only_revised() {
    use StandardAction::*;
    use StandardStatus::*;
    assert!(Draft.allows(Edit) && Draft.allows(OpenForComment) && !Draft.allows(Comment));
    assert!(Open.allows(Comment) && Open.allows(Ratify));
    for a in [Edit, OpenForComment, Comment, Ratify] {
        assert!(!Ratified.allows(a), "{a:?}");
        assert!(!Superseded.allows(a), "{a:?}");
    }
    assert!(Ratified.allows(Revise) && !Superseded.allows(Revise));
    for s in [Draft, Open, Ratified, Superseded] {
        assert_eq!(StandardStatus::from_code(s.code()), Some(s));
    }
}

#[test]
fn ratifying_needs_the_comment_period_or_a_reason() {
    let day = 86_400;
    let opened = Some(1_000_000);
    // Open for the full seven days: ratified as it is.
    assert_eq!(
        super::ratify_check(opened, 1_000_000 + 7 * day, 7, ""),
        Ok(None)
    );
    // A day short, or never opened: only with a reason of 10 to 500 characters.
    for (opened_at, now) in [(opened, 1_000_000 + 6 * day), (None, 1_000_000)] {
        let e = super::ratify_check(opened_at, now, 7, "cepat").unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.msg.key.as_str()),
            ("reason", "err.ratify_early")
        );
        let why = "  Perintah Perpres, harus berlaku 1 Januari ";
        let kept = super::ratify_check(opened_at, now, 7, why).unwrap();
        assert_eq!(kept.as_deref(), Some(why.trim()));
        assert!(super::ratify_check(opened_at, now, 7, &"x".repeat(501)).is_err());
    }
}
