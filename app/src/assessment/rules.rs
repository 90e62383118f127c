//! Pure rules of the multi-rater assessment (docs/DOMAIN.md §5): the sources and their
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
pub fn dropped_sources(m: &Measured, asked: &[Source], k: u32) -> Vec<DroppedSource> {
    m.dropped
        .iter()
        .filter_map(|(s, why)| match why {
            // Nobody of an anonymous source is "fewer than k" too: "no answers"
            // would tell a ratee with one subordinate that they did not answer.
            Dropped::NoAnswers if asked.contains(s) && s.is_anonymous() => {
                Some(DroppedSource(*s, DropReason::BelowK, k))
            }
            Dropped::NoAnswers if asked.contains(s) => {
                Some(DroppedSource(*s, DropReason::NoAnswers, 0))
            }
            Dropped::BelowK { .. } => Some(DroppedSource(*s, DropReason::BelowK, k)),
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

/// The level the supervisor gave, and the weighted mean of the anonymous sources
/// (peers, subordinates) renormalised over them, each if it counted: what the
/// fair-assessor figures compare (`calibration`).
pub fn supervisor_and_anonymous(m: &Measured) -> (Option<f64>, Option<f64>) {
    let sup = m
        .used
        .iter()
        .find(|(s, _, _)| *s == Source::Supervisor)
        .map(|(_, mean, _)| *mean);
    let anon: Vec<&(Source, f64, f64)> =
        m.used.iter().filter(|(s, _, _)| s.is_anonymous()).collect();
    let total: f64 = anon.iter().map(|(_, _, w)| w).sum();
    let anon = (total > 0.0).then(|| anon.iter().map(|(_, mean, w)| mean * w).sum::<f64>() / total);
    (sup, anon)
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

    /// Whether the forms have shut for good: closing (results being stored) or closed.
    pub fn ended(self) -> bool {
        matches!(self, CampaignStatus::Closing | CampaignStatus::Closed)
    }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
