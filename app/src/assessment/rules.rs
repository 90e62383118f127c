//! Pure rules of the multi-rater assessment (DOMAIN.md §3): the sources and their
//! weights, the anonymity threshold k, the measured level (a weighted mean over the
//! sources that count, weights renormalised over them: never a fixed divisor). Who
//! rates whom is in `raters`.

pub use crate::assessment::model::{CampaignStatus, DropReason, DroppedSource, Source};
use serde::{Deserialize, Serialize};

/// Peer and subordinate answers count only from this many raters up; never lower.
pub const MIN_K: u32 = 3;

impl Source {
    /// Peers and subordinates are anonymous: their answers count, and are shown,
    /// only as an aggregate of at least k raters.
    pub fn is_anonymous(self) -> bool {
        matches!(self, Source::Peer | Source::Subordinate)
    }
}

/// Weights of the sources in percent, as HR sets them for a campaign.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    pub self_rating: u32,
    pub supervisor: u32,
    pub peer: u32,
    pub subordinate: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights {
            self_rating: 10,
            supervisor: 50,
            peer: 25,
            subordinate: 15,
        }
    }
}

impl Weights {
    pub fn of(&self, s: Source) -> u32 {
        match s {
            Source::SelfRating => self.self_rating,
            Source::Supervisor => self.supervisor,
            Source::Peer => self.peer,
            Source::Subordinate => self.subordinate,
        }
    }

    /// Weights must add up to 100.
    pub fn is_valid(&self) -> bool {
        Source::ALL.iter().map(|s| self.of(*s)).sum::<u32>() == 100
    }
}

/// Why a source did not count for a ratee's competency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Dropped {
    /// No answer from this source (e.g. a ratee without subordinates).
    NoAnswers,
    /// Fewer than k anonymous raters answered: their answers are left out.
    BelowK { answers: u32 },
    /// HR gave the source no weight.
    NoWeight,
}

/// The measured level of one competency for one ratee.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measured {
    /// None when no source counted.
    pub level: Option<f64>,
    /// The sources that counted, with their mean and renormalised weight (0–1).
    pub used: Vec<(Source, f64, f64)>,
    pub dropped: Vec<(Source, Dropped)>,
}

/// Combines one competency's answers (source, level 1–5) into the measured level.
pub fn measure(answers: &[(Source, u8)], weights: &Weights, k: u32) -> Measured {
    let stats: Vec<(Source, u32, f64)> = Source::ALL
        .into_iter()
        .map(|s| {
            let levels = answers.iter().filter(|(src, _)| *src == s);
            let (n, sum) = levels.fold((0, 0.0), |(n, sum), (_, l)| (n + 1, sum + f64::from(*l)));
            (s, n, sum)
        })
        .collect();
    measure_stats(&stats, weights, k)
}

/// The same from per-source counts and sums (what the database aggregates when a
/// campaign closes): `(source, answers, sum of levels)`; absent sources may be left out.
pub fn measure_stats(stats: &[(Source, u32, f64)], weights: &Weights, k: u32) -> Measured {
    let k = k.max(MIN_K);
    let mut present = Vec::new();
    let mut dropped = Vec::new();
    for s in Source::ALL {
        let (n, sum) = stats
            .iter()
            .filter(|(src, _, _)| *src == s)
            .fold((0, 0.0), |(n, sum), (_, c, t)| (n + c, sum + t));
        if n == 0 {
            dropped.push((s, Dropped::NoAnswers));
        } else if s.is_anonymous() && n < k {
            dropped.push((s, Dropped::BelowK { answers: n }));
        } else if weights.of(s) == 0 {
            dropped.push((s, Dropped::NoWeight));
        } else {
            present.push((s, sum / f64::from(n)));
        }
    }
    let total: f64 = present.iter().map(|(s, _)| f64::from(weights.of(*s))).sum();
    if total == 0.0 {
        return Measured {
            level: None,
            used: Vec::new(),
            dropped,
        };
    }
    let used: Vec<(Source, f64, f64)> = present
        .into_iter()
        .map(|(s, mean)| (s, mean, f64::from(weights.of(s)) / total))
        .collect();
    let level = used.iter().map(|(_, mean, w)| mean * w).sum();
    Measured {
        level: Some(level),
        used,
        dropped,
    }
}

/// The sources a result records as left out, and why: a source nobody was asked
/// for (a ratee without subordinates) is not "dropped", nor is one HR gave no weight.
pub fn dropped_sources(m: &Measured, asked: &[Source]) -> Vec<DroppedSource> {
    m.dropped
        .iter()
        .filter_map(|(s, why)| match why {
            Dropped::NoAnswers if asked.contains(s) => {
                Some(DroppedSource(*s, DropReason::NoAnswers, 0))
            }
            Dropped::BelowK { answers } => Some(DroppedSource(*s, DropReason::BelowK, *answers)),
            Dropped::NoAnswers | Dropped::NoWeight => None,
        })
        .collect()
}

/// What others think: the weighted mean of the sources that counted other than
/// self, renormalised over them (for "self vs others"). None if only self counted.
pub fn others(m: &Measured) -> Option<f64> {
    let rest: Vec<&(Source, f64, f64)> = m
        .used
        .iter()
        .filter(|(s, _, _)| *s != Source::SelfRating)
        .collect();
    let total: f64 = rest.iter().map(|(_, _, w)| w).sum();
    (total > 0.0).then(|| rest.iter().map(|(_, mean, w)| mean * w).sum::<f64>() / total)
}

/// The mean the self source gave, if it counted.
pub fn self_level(m: &Measured) -> Option<f64> {
    m.used
        .iter()
        .find(|(s, _, _)| *s == Source::SelfRating)
        .map(|(_, mean, _)| *mean)
}

impl CampaignStatus {
    /// Raters may save and submit only while the campaign runs, up to and
    /// including the deadline day.
    pub fn accepts_answers<D: PartialOrd>(self, today: D, deadline: D) -> bool {
        self == CampaignStatus::Running && today <= deadline
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Source::*;

    fn w() -> Weights {
        Weights::default()
    }

    #[test]
    fn all_sources_present_give_the_plain_weighted_mean() {
        let answers = [
            (SelfRating, 4),
            (Supervisor, 3),
            (Peer, 3),
            (Peer, 4),
            (Peer, 2),
            (Subordinate, 2),
            (Subordinate, 2),
            (Subordinate, 2),
        ];
        let m = measure(&answers, &w(), 3);
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
        let d = dropped_sources(&m, &[SelfRating, Supervisor, Peer]);
        assert_eq!(
            d,
            vec![
                DroppedSource(Supervisor, DropReason::NoAnswers, 0),
                DroppedSource(Peer, DropReason::BelowK, 2),
            ]
        );
        // Stored as the JSON the dashboard reads back.
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(
            json,
            r#"[["supervisor","no_answers",0],["peer","below_k",2]]"#
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
        let answers = [
            (SelfRating, 4),
            (Supervisor, 3),
            (Peer, 3),
            (Peer, 4),
            (Peer, 2),
        ];
        let stats = [(SelfRating, 1, 4.0), (Supervisor, 1, 3.0), (Peer, 3, 9.0)];
        assert_eq!(measure(&answers, &w(), 3), measure_stats(&stats, &w(), 3));
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
        assert!(!Closed.accepts_answers(1, 5));
    }
}
