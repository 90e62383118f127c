//! Fair-assessor figures with exact, hand-computed values.

use super::*;

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a figure");
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

/// Two ratees. The first: levels 4, 4, 4 against anonymous 3, 3.5 and none, self 5,
/// 4 and none. The second: 2 and 4 against 3 and 3, self 3 and none.
fn worked() -> Sums {
    let mut s = Sums::default();
    s.add_ratee(&[
        (4.0, Some(3.0), Some(5.0)),
        (4.0, Some(3.5), Some(4.0)),
        (4.0, None, None),
    ]);
    s.add_ratee(&[(2.0, Some(3.0), Some(3.0)), (4.0, Some(3.0), None)]);
    s
}

#[test]
fn leniency_is_the_mean_difference_where_both_rated() {
    // (4−3) + (4−3.5) + (2−3) + (4−3) = 1.5 over 4 pairs.
    close(worked().leniency(), 0.375);
}

#[test]
fn spread_is_the_deviation_of_every_level_given() {
    // Levels 4, 4, 4, 2, 4: mean 3.6, mean of squares 68 / 5 = 13.6, variance 0.64.
    close(worked().spread(), 0.8);
}

#[test]
fn halo_is_the_mean_spread_within_a_ratee() {
    // The first ratee 0 (all 4), the second 1 (2 and 4 around 3).
    close(worked().halo(), 0.5);
}

#[test]
fn the_self_gap_is_self_minus_supervisor() {
    // (5−4) + (4−4) + (3−2) = 2 over 3.
    close(worked().self_gap(), 2.0 / 3.0);
}

#[test]
fn sums_add_up_by_block() {
    let mut a = Sums::default();
    a.add_ratee(&[
        (4.0, Some(3.0), Some(5.0)),
        (4.0, Some(3.5), Some(4.0)),
        (4.0, None, None),
    ]);
    let mut b = Sums::default();
    b.add_ratee(&[(2.0, Some(3.0), Some(3.0)), (4.0, Some(3.0), None)]);
    a.add(&b);
    assert_eq!(a, worked());
    assert_eq!(a.ratees, 2);
    let mut none = Sums::default();
    none.add_ratee(&[]);
    assert_eq!(none, Sums::default());
    assert_eq!(none.leniency(), None);
}

fn with(ratees: i64, leniency: f64) -> Sums {
    Sums {
        ratees,
        pairs: 1,
        diff_sum: leniency,
        ..Default::default()
    }
}

#[test]
fn z_is_against_supervisors_with_three_ratees_or_more() {
    // Counted: 0, 0, 0, 0, 1: mean 0.2, deviation √(0.8 / 5) = 0.4. The lenient one
    // is (1 − 0.2) / 0.4 = 2 deviations out; a two-ratee supervisor gets no z.
    let all = [
        with(3, 0.0),
        with(4, 0.0),
        with(3, 0.0),
        with(5, 0.0),
        with(3, 1.0),
        with(2, 5.0),
    ];
    let z = z_scores(&all);
    close(z[0], -0.5);
    close(z[4], 2.0);
    assert_eq!(z[5], None);
    assert!(flagged(z[4]) && !flagged(z[0]) && !flagged(z[5]));
    assert!(flagged(Some(-2.1)));
}

#[test]
fn no_z_without_two_to_compare_or_any_spread() {
    assert_eq!(z_scores(&[with(3, 1.0), with(2, 0.0)]), vec![None, None]);
    assert_eq!(z_scores(&[with(3, 1.0), with(3, 1.0)]), vec![None, None]);
    let no_pairs = Sums {
        ratees: 4,
        ..Default::default()
    };
    assert_eq!(z_scores(&[no_pairs, with(3, 0.0), with(3, 1.0)])[0], None);
}

#[test]
fn fewer_than_five_compared_can_never_be_flagged() {
    // Four supervisors, one as far out as can be: mean 0.75, deviation √(6.75 / 4),
    // z = 2.25 / √1.6875 = √3, under 2.
    let all = [with(3, 0.0), with(3, 0.0), with(3, 0.0), with(3, 3.0)];
    let z = z_scores(&all);
    close(z[3], 3f64.sqrt());
    assert!(!flagged(z[3]) && !can_flag(4) && can_flag(5));
}
