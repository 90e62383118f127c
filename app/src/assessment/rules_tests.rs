//! The rules of measurement, weights and campaigns, case by case.

use super::*;
use Source::*;

fn w() -> Weights {
    Weights::default()
}

/// Every source, with three peers and three subordinates.
const FULL: [(Source, u8); 8] = [
    (SelfRating, 4),
    (Supervisor, 3),
    (Peer, 3),
    (Peer, 4),
    (Peer, 2),
    (Subordinate, 2),
    (Subordinate, 2),
    (Subordinate, 2),
];

#[test]
fn all_sources_present_give_the_plain_weighted_mean() {
    let m = measure(&FULL, &w(), 3);
    // 0.10·4 + 0.50·3 + 0.25·3 + 0.15·2 = 2.95
    assert!((m.level.unwrap() - 2.95).abs() < 1e-9);
    assert_eq!(m.used.len(), 4);
    assert!(m.dropped.is_empty());
}

#[test]
fn a_missing_source_renormalises_the_others_instead_of_dividing_by_a_constant() {
    // No subordinates: self, supervisor and peers share 10 + 50 + 25 = 85.
    let answers = [
        (SelfRating, 4),
        (Supervisor, 3),
        (Peer, 3),
        (Peer, 3),
        (Peer, 3),
    ];
    let m = measure(&answers, &w(), 3);
    let expected = (10.0 * 4.0 + 50.0 * 3.0 + 25.0 * 3.0) / 85.0;
    assert!((m.level.unwrap() - expected).abs() < 1e-9);
    assert_eq!(m.dropped, vec![(Subordinate, Dropped::NoAnswers)]);
    let weight_sum: f64 = m.used.iter().map(|u| u.2).sum();
    assert!((weight_sum - 1.0).abs() < 1e-9);
}

#[test]
fn fewer_than_k_peers_are_dropped_and_the_result_says_so() {
    let answers = [(Supervisor, 2), (Peer, 5), (Peer, 5)];
    let m = measure(&answers, &w(), 3);
    assert_eq!(m.level, Some(2.0), "two peers do not move the result");
    assert!(m.dropped.contains(&(Peer, Dropped::BelowK { answers: 2 })));
}

#[test]
fn k_is_never_below_three() {
    let answers = [(Supervisor, 2), (Peer, 5), (Peer, 5)];
    assert_eq!(measure(&answers, &w(), 1).level, Some(2.0));
    // A campaign may ask for more than three: five peers count, four do not.
    let five_peers = [
        (Supervisor, 2),
        (Peer, 5),
        (Peer, 5),
        (Peer, 5),
        (Peer, 5),
        (Peer, 5),
    ];
    assert!(measure(&five_peers, &w(), 5).level.unwrap() > 2.0);
    assert_eq!(measure(&five_peers[..5], &w(), 5).level, Some(2.0));
}

#[test]
fn a_single_self_or_supervisor_answer_counts_and_nothing_gives_none() {
    assert_eq!(measure(&[(SelfRating, 3)], &w(), 3).level, Some(3.0));
    assert_eq!(measure(&[], &w(), 3).level, None);
    let no_sup = Weights {
        self_rating: 0,
        supervisor: 100,
        peer: 0,
        subordinate: 0,
    };
    let m = measure(&[(SelfRating, 3)], &no_sup, 3);
    assert_eq!(m.level, None);
    assert!(m.dropped.contains(&(SelfRating, Dropped::NoWeight)));
}

#[test]
fn sources_round_trip_through_their_codes() {
    for s in Source::ALL {
        assert_eq!(Source::from_code(s.code()), Some(s));
    }
    assert_eq!(Source::SelfRating.code(), "self");
}

#[test]
fn a_result_records_only_sources_that_were_asked_and_why() {
    // No subordinates were asked; two peers answered (below k); self counted.
    let m = measure(&[(SelfRating, 3), (Peer, 3), (Peer, 4)], &w(), 3);
    let d = dropped_sources(&m, &[SelfRating, Supervisor, Peer], 3);
    // Below k, the threshold is kept, not the two answers.
    assert_eq!(
        d,
        vec![
            DroppedSource(Supervisor, DropReason::NoAnswers, 0),
            DroppedSource(Peer, DropReason::BelowK, 3),
        ]
    );
    // Subordinates asked, none answered: also "fewer than k", never "no answers".
    let d2 = dropped_sources(&m, &[SelfRating, Supervisor, Peer, Subordinate], 3);
    assert!(d2.contains(&DroppedSource(Subordinate, DropReason::BelowK, 3)));
    assert!(!d2
        .iter()
        .any(|d| d.0 == Subordinate && d.1 == DropReason::NoAnswers));
    // Stored as the JSON the dashboard reads back.
    let json = serde_json::to_string(&d).unwrap();
    assert_eq!(
        json,
        r#"[["supervisor","no_answers",0],["peer","below_k",3]]"#
    );
    let back: Vec<DroppedSource> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, d);
}

#[test]
fn weights_must_add_up_to_one_hundred() {
    assert!(w().is_valid());
    assert!(!Weights {
        self_rating: 10,
        supervisor: 10,
        peer: 10,
        subordinate: 10
    }
    .is_valid());
}

#[test]
fn stats_from_the_database_measure_like_single_answers() {
    let answers = &FULL[..5];
    let stats = [(SelfRating, 1, 4.0), (Supervisor, 1, 3.0), (Peer, 3, 9.0)];
    assert_eq!(measure(answers, &w(), 3), measure_stats(&stats, &w(), 3));
}

#[test]
fn others_leave_self_out_and_renormalise() {
    let m = measure(
        &[
            (SelfRating, 5),
            (Supervisor, 2),
            (Peer, 3),
            (Peer, 3),
            (Peer, 3),
        ],
        &w(),
        3,
    );
    // supervisor 50 and peer 25 of the 75 that are not self: (2×50 + 3×25) / 75.
    let o = others(&m).unwrap();
    assert!((o - 175.0 / 75.0).abs() < 1e-9, "{o}");
    assert_eq!(self_level(&m), Some(5.0));
    let alone = measure(&[(SelfRating, 4)], &w(), 3);
    assert_eq!(others(&alone), None);
}

#[test]
fn answers_are_taken_until_the_end_of_the_deadline_day_while_running() {
    use CampaignStatus::*;
    assert!(Running.accepts_answers(5, 5));
    assert!(!Running.accepts_answers(6, 5));
    assert!(!Draft.accepts_answers(1, 5));
    assert!(!Closing.accepts_answers(1, 5));
    assert!(!Closed.accepts_answers(1, 5));
    assert_eq!(
        CampaignStatus::ALL.map(CampaignStatus::ended),
        [false, false, false, true, true],
        "preparing, draft, running, closing, closed"
    );
}

#[test]
fn the_supervisor_beside_the_anonymous_sources() {
    // Self 4, supervisor 3; peers 3, 4, 2 (mean 3, weight 25); subordinates 2, 2, 2
    // (mean 2, weight 15): anonymous (25·3 + 15·2) / 40 = 2.625.
    let m = measure(&FULL, &w(), 3);
    let (sup, anon) = supervisor_and_anonymous(&m);
    assert_eq!(sup, Some(3.0));
    assert!((anon.unwrap() - 2.625).abs() < 1e-9);
    // Peers below k leave only the subordinates.
    let few = [
        (Supervisor, 4),
        (Peer, 5),
        (Subordinate, 2),
        (Subordinate, 3),
        (Subordinate, 4),
    ];
    let (sup, anon) = supervisor_and_anonymous(&measure(&few, &w(), 3));
    assert_eq!(sup, Some(4.0));
    assert!((anon.unwrap() - 3.0).abs() < 1e-9);
    assert_eq!(
        supervisor_and_anonymous(&measure(&[(SelfRating, 3)], &w(), 3)),
        (None, None)
    );
}
