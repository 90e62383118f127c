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

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn pace_counts_whole_months_elapsed() {
    // January: no month has passed, nobody is behind.
    assert_eq!(pace(day(2026, 1, 31)), 0.0);
    assert!(on_pace(0, day(2026, 1, 31)));
    // 1 July: six months passed, 20 × 6 / 12 = 10 JP.
    assert_eq!(pace(day(2026, 7, 1)), 10.0);
    assert!(on_pace(10, day(2026, 7, 1)));
    assert!(!on_pace(9, day(2026, 7, 1)));
    // 3 December: eleven months, 20 × 11 / 12 = 18.33…: 18 is behind, 19 on pace.
    assert!((pace(day(2026, 12, 3)) - 55.0 / 3.0).abs() < 1e-12);
    assert!(!on_pace(18, day(2026, 12, 3)));
    assert!(on_pace(19, day(2026, 12, 3)));
}

#[test]
fn suggestions_nearest_the_required_level_first() {
    let offer = |item: &'static str, level: i16, month: u32| Offer {
        item,
        level,
        starts_on: day(2026, month, 1),
    };
    let offers = vec![
        offer("too-low", 2, 1),    // does not lift a measured 2.4
        offer("five", 5, 1),       // two above the required 3
        offer("four", 4, 2),       // one above
        offer("three-late", 3, 9), // reaches it exactly, later
        offer("three", 3, 3),      // reaches it exactly, sooner
        offer("short", 2, 1),      // stops short of 2.4
    ];
    let picked: Vec<&str> = suggest(offers.clone(), 3, 2.4, 10)
        .iter()
        .map(|o| o.item)
        .collect();
    assert_eq!(picked, ["three", "three-late", "four", "five"]);
    // At the same distance, reaching the level comes before stopping short of it.
    let near = vec![offer("below", 3, 1), offer("above", 5, 6)];
    let picked: Vec<&str> = suggest(near, 4, 1.0, 10).iter().map(|o| o.item).collect();
    assert_eq!(picked, ["above", "below"]);
    assert_eq!(suggest(offers, 3, 2.4, 2).len(), 2);
}

#[test]
fn difference_in_differences_against_the_same_starting_gap() {
    // Participants (gap before, after): three started 1 level short, two 2 levels.
    // Changes: −1, −1, −0.5 and −1, −1; mean (−4.5) / 5 = −0.9.
    let participants = [(1.0, 0.0), (1.0, 0.0), (1.0, 0.5), (2.0, 1.0), (2.0, 1.0)];
    // Others at gap 1 change 0, −0.5, 0 (mean −1/6); at gap 2: 0, −0.5 (mean −0.25);
    // one at gap 3 has no participant to be compared with and is left out.
    let mut others = Others::new();
    for (b, a) in [
        (1.0, 1.0),
        (1.0, 0.5),
        (1.0, 1.0),
        (2.0, 2.0),
        (2.0, 1.5),
        (3.0, 0.0),
    ] {
        add_other(&mut others, b, a);
    }
    let d = did(&participants, &others);
    assert_eq!((d.participants, d.others), (5, 5));
    assert!((d.change_participants.unwrap() + 0.9).abs() < 1e-12);
    // Others weighted as the participants: (3 × −1/6 + 2 × −0.25) / 5 = −0.2.
    assert!((d.change_others.unwrap() + 0.2).abs() < 1e-12);
    // The effect: −0.9 − (−0.2) = −0.7 levels of gap closed by the programme.
    assert!((d.effect.unwrap() + 0.7).abs() < 1e-12);
}

#[test]
fn no_effect_below_five_in_either_group() {
    let mut others = Others::new();
    for _ in 0..5 {
        add_other(&mut others, 1.0, 1.0);
    }
    let four = [(1.0, 0.0); 4];
    let d = did(&four, &others);
    assert_eq!((d.participants, d.effect), (4, None));
    // Nor either group's change: four people's mean is theirs.
    assert_eq!((d.change_participants, d.change_others), (None, None));
    let five = [(1.0, 0.0); 5];
    assert_eq!(did(&five, &others).effect, Some(-1.0));
    // Five participants but four others at their gap: still nothing shown.
    let mut four_others = Others::new();
    for _ in 0..4 {
        add_other(&mut four_others, 1.0, 1.0);
    }
    assert_eq!(did(&five, &four_others).effect, None);
    // A participant whose starting gap nobody else shares is not counted.
    let d = did(&[(4.0, 0.0)], &others);
    assert_eq!((d.participants, d.others, d.effect), (0, 0, None));
}

#[test]
fn trainings_between_two_campaigns() {
    let (closed, starts) = (day(2025, 11, 3), day(2026, 10, 1));
    assert!(!between(day(2025, 11, 3), closed, starts));
    assert!(between(day(2025, 11, 4), closed, starts));
    assert!(between(day(2026, 10, 1), closed, starts));
    assert!(!between(day(2026, 10, 2), closed, starts));
}
