use super::*;

/// Five respondents, answers per element U1..U9:
///   R1: 4 4 3 4 3 3 4 3 3
///   R2: 3 3 3 4 3 3 3 2 3
///   R3: 4 3 2 4 3 4 4 3 3
///   R4: 3 3 3 4 4 3 3 3 2
///   R5: 4 4 3 4 3 4 4 3 4
/// Sums: 18 17 14 20 16 17 18 14 15, so NRR = sum / 5:
///   3.6 3.4 2.8 4.0 3.2 3.4 3.6 2.8 3.0 (together 29.8).
/// IKM = 29.8 × 1/9 = 3.3111…; × 25 = 82.777… → 82.78, band B (76.61–88.30, Baik).
#[test]
fn a_worked_example_gives_the_figures_computed_by_hand() {
    let answers: [[i64; ELEMENTS]; 5] = [
        [4, 4, 3, 4, 3, 3, 4, 3, 3],
        [3, 3, 3, 4, 3, 3, 3, 2, 3],
        [4, 3, 2, 4, 3, 4, 4, 3, 3],
        [3, 3, 3, 4, 4, 3, 3, 3, 2],
        [4, 4, 3, 4, 3, 4, 4, 3, 4],
    ];
    let mut sums = [0i64; ELEMENTS];
    for r in &answers {
        for (s, a) in sums.iter_mut().zip(r) {
            *s += a;
        }
    }
    assert_eq!(sums, [18, 17, 14, 20, 16, 17, 18, 14, 15]);
    let n = nrr(&sums, 5).unwrap();
    let expected = [3.6, 3.4, 2.8, 4.0, 3.2, 3.4, 3.6, 2.8, 3.0];
    for (got, want) in n.iter().zip(expected) {
        assert!((got - want).abs() < 1e-12, "{got} vs {want}");
    }
    let index = ikm(&n);
    assert!((index - 29.8 / 9.0).abs() < 1e-12);
    assert_eq!(converted(index), 82.78);
    assert_eq!(grade(converted(index)), Grade::B);
    assert_eq!(nrr(&sums, 0), None);
}

#[test]
fn bands_follow_the_regulations_limits() {
    for (v, g) in [
        (25.0, Grade::D),
        (64.99, Grade::D),
        (65.0, Grade::C),
        (76.60, Grade::C),
        (76.61, Grade::B),
        (88.30, Grade::B),
        (88.31, Grade::A),
        (100.0, Grade::A),
    ] {
        assert_eq!(grade(v), g, "{v}");
    }
    // All answers 4 give 100; all 1 give 25 (the scale's ends).
    assert_eq!(converted(ikm(&[4.0; ELEMENTS])), 100.0);
    assert_eq!(converted(ikm(&[1.0; ELEMENTS])), 25.0);
}

#[test]
fn sample_sizes_match_the_krejcie_morgan_table() {
    for (n, s) in [
        (10, 10),
        (50, 44),
        (100, 80),
        (1000, 278),
        (10_000, 370),
        (1_000_000, 384),
    ] {
        assert_eq!(sample_needed(n), s, "N = {n}");
    }
    assert_eq!(sample_needed(0), 0);
    assert_eq!(sample_needed(1), 1);
}

#[test]
fn held_responses_say_why() {
    let ok = Seen {
        fill_secs: Some(95),
        ..Default::default()
    };
    assert_eq!(flag(&ok), None);
    assert_eq!(
        flag(&Seen {
            fill_secs: Some(MIN_FILL_SECS - 1),
            ..ok
        }),
        Some(Flag::TooFast)
    );
    assert_eq!(
        flag(&Seen {
            fill_secs: Some(MIN_FILL_SECS),
            ..ok
        }),
        None
    );
    assert_eq!(
        flag(&Seen {
            fill_secs: Some(MAX_FILL_SECS + 1),
            ..ok
        }),
        Some(Flag::Stale)
    );
    assert_eq!(
        flag(&Seen {
            fill_secs: None,
            ..ok
        }),
        Some(Flag::NoToken)
    );
    // A duplicate is named as such even when it was also too fast.
    let dup = Seen {
        fill_secs: Some(3),
        device_repeat: true,
        same_answers: false,
    };
    assert_eq!(flag(&dup), Some(Flag::Duplicate));
    assert_eq!(
        flag(&Seen {
            same_answers: true,
            ..ok
        }),
        Some(Flag::Duplicate)
    );
}
