//! Training-need figures, case by case.

use super::*;

fn need(people: i64, below: i64, shortfall: f64) -> Need {
    Need {
        people,
        below,
        shortfall,
    }
}

#[test]
fn share_and_mean_gap_of_a_cell() {
    let n = need(8, 3, 4.5);
    assert_eq!(n.share(), Some(37.5));
    assert_eq!(n.mean_gap(), Some(1.5));
    assert_eq!(need(0, 0, 0.0).share(), None);
    assert_eq!(need(4, 0, 0.0).mean_gap(), None);
}

#[test]
fn cells_add_up() {
    let mut n = need(8, 3, 4.5);
    n.add(need(2, 2, 1.0));
    assert_eq!(n, need(10, 5, 5.5));
    assert_eq!(n.share(), Some(50.0));
}

#[test]
fn heat_bands_by_share_below() {
    assert_eq!(need(0, 0, 0.0).heat(), None);
    assert_eq!(need(10, 0, 0.0).heat(), Some(0));
    assert_eq!(need(10, 2, 1.0).heat(), Some(1));
    assert_eq!(need(4, 1, 1.0).heat(), Some(2));
    assert_eq!(need(2, 1, 1.0).heat(), Some(3));
    assert_eq!(need(4, 3, 3.0).heat(), Some(4));
    assert_eq!(need(4, 4, 3.0).heat(), Some(4));
}

#[test]
fn competencies_rank_by_total_shortfall_then_people_below() {
    let ranked = rank_by_shortfall(vec![
        ("a", need(10, 2, 3.0)),
        ("b", need(10, 6, 7.5)),
        ("c", need(10, 4, 3.0)),
        ("d", need(10, 0, 0.0)),
        ("e", need(10, 2, 3.0)),
    ]);
    let order: Vec<&str> = ranked.iter().map(|r| r.0).collect();
    assert_eq!(order, ["b", "c", "a", "e", "d"]);
}

#[test]
fn priority_by_levels_short() {
    assert_eq!(priority(0.4), Priority::Low);
    assert_eq!(priority(1.0), Priority::Medium);
    assert_eq!(priority(1.9), Priority::Medium);
    assert_eq!(priority(2.0), Priority::High);
    assert_eq!(priority(3.5), Priority::High);
}
