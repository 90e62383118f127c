//! What a unit's training-need figures mean: the share of people below their
//! required level, the mean levels they lack, how competencies are ranked, and how
//! urgent one person's gap is. Pure and exhaustively tested (`rules_tests.rs`).

use crate::i18n::K;
// The date rules run on the server only: chrono is a server dependency.
#[cfg(feature = "ssr")]
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The needs of a group of people in one competency.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Need {
    /// People with a measured level.
    pub people: i64,
    /// Of them, those below their required level.
    pub below: i64,
    /// The levels those below lack, summed (people × levels).
    pub shortfall: f64,
}

impl Need {
    pub fn add(&mut self, other: Need) {
        self.people += other.people;
        self.below += other.below;
        self.shortfall += other.shortfall;
    }

    /// Percent of the people below their level; None with nobody measured.
    pub fn share(&self) -> Option<f64> {
        (self.people > 0).then(|| self.below as f64 * 100.0 / self.people as f64)
    }

    /// The mean levels lacking among those below (how far short the short are).
    pub fn mean_gap(&self) -> Option<f64> {
        (self.below > 0).then(|| self.shortfall / self.below as f64)
    }

    /// The colour band of a heatmap cell, 0 (nobody below) to 4 (three quarters or
    /// more below); None with nobody measured.
    pub fn heat(&self) -> Option<u8> {
        let share = self.share()?;
        Some(match share {
            s if s <= 0.0 => 0,
            s if s < 25.0 => 1,
            s if s < 50.0 => 2,
            s if s < 75.0 => 3,
            _ => 4,
        })
    }
}

/// Largest total shortfall first; then more people below; ties keep their order.
pub fn rank_by_shortfall<T>(mut items: Vec<(T, Need)>) -> Vec<(T, Need)> {
    items.sort_by(|a, b| {
        b.1.shortfall
            .total_cmp(&a.1.shortfall)
            .then(b.1.below.cmp(&a.1.below))
    });
    items
}

crate::coded! {
    /// How urgent one person's gap in one competency is, for the AKPK list.
    pub enum Priority {
        /// Two levels or more short.
        High = "tinggi" => K::NeedsPriorityHigh,
        /// One level or more short.
        Medium = "sedang" => K::NeedsPriorityMedium,
        /// Less than a level short.
        Low = "rendah" => K::NeedsPriorityLow,
    }
}

/// The priority of a gap (required − measured) that is a shortfall (> 0).
pub fn priority(gap: f64) -> Priority {
    if gap >= 2.0 {
        Priority::High
    } else if gap >= 1.0 {
        Priority::Medium
    } else {
        Priority::Low
    }
}

/// The hours of training (JP, 45 minutes each) every ASN has a right to a year.
pub const JP_RIGHT: i32 = 20;

#[cfg(feature = "ssr")]
/// The JP one should have on `today` to be on pace for the yearly right: 20 × the
/// whole months elapsed / 12 (nobody is behind in January).
pub fn pace(today: NaiveDate) -> f64 {
    f64::from(JP_RIGHT) * f64::from(today.month0()) / 12.0
}

#[cfg(feature = "ssr")]
/// Whether `jp` this year is on pace on `today`.
pub fn on_pace(jp: i32, today: NaiveDate) -> bool {
    f64::from(jp) + 1e-9 >= pace(today)
}

#[cfg(feature = "ssr")]
/// Whether a training completed on `done` falls between two campaigns: after the
/// first closed and no later than the second started (so the second measured it).
pub fn between(done: NaiveDate, first_closed: NaiveDate, second_starts: NaiveDate) -> bool {
    done > first_closed && done <= second_starts
}

#[cfg(feature = "ssr")]
/// A catalogue programme building a competency to `level`.
#[derive(Clone, Debug, PartialEq)]
pub struct Offer<T> {
    pub item: T,
    pub level: i16,
    pub starts_on: NaiveDate,
}

#[cfg(feature = "ssr")]
/// The programmes suggested for a gap, best first, at most `max`: only those that
/// build the competency above the level measured; the nearest to the required level
/// first (at the same distance, one that reaches it before one that stops short),
/// then the sooner start.
pub fn suggest<T>(
    offers: Vec<Offer<T>>,
    required: i16,
    measured: f64,
    max: usize,
) -> Vec<Offer<T>> {
    let mut fit: Vec<Offer<T>> = offers
        .into_iter()
        .filter(|o| f64::from(o.level) > measured)
        .collect();
    fit.sort_by_key(|o| {
        let d = o.level - required;
        (d.abs(), d < 0, o.starts_on)
    });
    fit.truncate(max);
    fit
}

/// Fewer people than this in either group, and no effect is shown.
pub const MIN_GROUP: usize = 5;

/// The half level a starting gap falls in: people are compared with others who
/// started in the same one.
pub fn gap_bucket(gap: f64) -> i64 {
    (gap * 2.0).round() as i64
}

/// Non-participants per starting-gap bucket: (people, sum of their changes).
pub type Others = BTreeMap<i64, (usize, f64)>;

/// Adds one non-participant (gap before, gap after) to `others`.
pub fn add_other(others: &mut Others, before: f64, after: f64) {
    let e = others.entry(gap_bucket(before)).or_default();
    e.0 += 1;
    e.1 += after - before;
}

/// A difference in differences: participants' mean change of gap, and that of the
/// non-participants who started in the same half level, weighted as the
/// participants are spread over the buckets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Did {
    /// Participants with someone to compare with, and those they are compared with.
    pub participants: usize,
    pub others: usize,
    pub change_participants: Option<f64>,
    pub change_others: Option<f64>,
    /// Participants' change minus others'; these three are None unless both
    /// groups have `MIN_GROUP` people.
    pub effect: Option<f64>,
}

/// The difference in differences of `participants` (gap before, gap after) against
/// `others`. A negative effect: the gap closed more for those who took part.
pub fn did(participants: &[(f64, f64)], others: &Others) -> Did {
    let matched: Vec<(f64, f64)> = participants
        .iter()
        .filter_map(|&(b, a)| {
            let (n, sum) = others.get(&gap_bucket(b)).copied()?;
            (n > 0).then(|| (a - b, sum / n as f64))
        })
        .collect();
    let buckets: std::collections::BTreeSet<i64> =
        participants.iter().map(|p| gap_bucket(p.0)).collect();
    let others_n: usize = buckets
        .iter()
        .filter_map(|b| others.get(b).map(|o| o.0))
        .sum();
    let n = matched.len();
    // Below the minimum in either group only the sizes are given: the mean change
    // of one or two people is their own.
    let enough = n >= MIN_GROUP && others_n >= MIN_GROUP;
    let mean =
        |f: fn(&(f64, f64)) -> f64| enough.then(|| matched.iter().map(f).sum::<f64>() / n as f64);
    let (cp, co) = (mean(|m| m.0), mean(|m| m.1));
    let effect = cp.zip(co).map(|(p, o)| p - o);
    Did {
        participants: n,
        others: others_n,
        change_participants: cp,
        change_others: co,
        effect,
    }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
