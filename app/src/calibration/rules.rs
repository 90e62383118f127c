//! How fair a supervisor's ratings look beside the other sources: leniency, spread,
//! halo and the gap to their ratees' self-ratings, from sums stored at closing, and
//! who stands out in the agency. Pure and exhaustively tested (`rules_tests.rs`).

use serde::{Deserialize, Serialize};

/// Fewer ratees than this and a supervisor's figures say too little to flag.
pub const MIN_RATEES: i64 = 3;
/// A leniency this many standard deviations from the agency's mean is flagged.
pub const FLAG_Z: f64 = 2.0;
/// Among n supervisors no |z| exceeds √(n − 1): fewer than 5 compared can never be
/// flagged, and the page says so.
pub const MIN_TO_FLAG: usize = 5;

/// What one supervisor gave one ratee: per competency, their level, the level the
/// anonymous sources that counted gave (peers and subordinates, their weights
/// renormalised), and the ratee's own.
pub type RateeLevels = [(f64, Option<f64>, Option<f64>)];

/// Additive sums of a supervisor's ratings in one campaign (stored per supervisor,
/// added to as each block of ratees closes).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Sums {
    pub ratees: i64,
    /// Levels given, their sum and sum of squares.
    pub levels: i64,
    pub level_sum: f64,
    pub level_sq_sum: f64,
    /// Competencies the anonymous sources also rated: how many, and the summed
    /// difference (supervisor − them).
    pub pairs: i64,
    pub diff_sum: f64,
    /// Ratees with two competencies or more, and the summed spread of the
    /// supervisor's levels across each one's competencies.
    pub halo_ratees: i64,
    pub halo_sum: f64,
    /// Competencies the ratee rated too, and the summed gap (self − supervisor).
    pub self_pairs: i64,
    pub self_gap_sum: f64,
}

/// Population standard deviation of some levels.
fn sd(levels: &[f64]) -> f64 {
    let n = levels.len() as f64;
    let mean = levels.iter().sum::<f64>() / n;
    (levels.iter().map(|l| (l - mean).powi(2)).sum::<f64>() / n).sqrt()
}

impl Sums {
    /// Adds one ratee the supervisor rated (nothing when they rated no competency).
    pub fn add_ratee(&mut self, levels: &RateeLevels) {
        if levels.is_empty() {
            return;
        }
        self.ratees += 1;
        for (sup, others, own) in levels {
            self.levels += 1;
            self.level_sum += sup;
            self.level_sq_sum += sup * sup;
            if let Some(o) = others {
                self.pairs += 1;
                self.diff_sum += sup - o;
            }
            if let Some(s) = own {
                self.self_pairs += 1;
                self.self_gap_sum += s - sup;
            }
        }
        if levels.len() >= 2 {
            let mine: Vec<f64> = levels.iter().map(|l| l.0).collect();
            self.halo_ratees += 1;
            self.halo_sum += sd(&mine);
        }
    }

    pub fn add(&mut self, o: &Sums) {
        self.ratees += o.ratees;
        self.levels += o.levels;
        self.level_sum += o.level_sum;
        self.level_sq_sum += o.level_sq_sum;
        self.pairs += o.pairs;
        self.diff_sum += o.diff_sum;
        self.halo_ratees += o.halo_ratees;
        self.halo_sum += o.halo_sum;
        self.self_pairs += o.self_pairs;
        self.self_gap_sum += o.self_gap_sum;
    }

    /// Mean of (supervisor − anonymous sources) where both rated: above 0 is lenient.
    pub fn leniency(&self) -> Option<f64> {
        (self.pairs > 0).then(|| self.diff_sum / self.pairs as f64)
    }

    /// Standard deviation of every level the supervisor gave.
    pub fn spread(&self) -> Option<f64> {
        (self.levels > 0).then(|| {
            let n = self.levels as f64;
            let mean = self.level_sum / n;
            (self.level_sq_sum / n - mean * mean).max(0.0).sqrt()
        })
    }

    /// Mean spread across one ratee's competencies: near 0 is a halo (one
    /// impression given to every competency).
    pub fn halo(&self) -> Option<f64> {
        (self.halo_ratees > 0).then(|| self.halo_sum / self.halo_ratees as f64)
    }

    /// Mean of (self − supervisor): how much higher the ratees rate themselves.
    pub fn self_gap(&self) -> Option<f64> {
        (self.self_pairs > 0).then(|| self.self_gap_sum / self.self_pairs as f64)
    }
}

/// Each leniency's z against the others' (only supervisors with at least
/// `MIN_RATEES` ratees count, and only they get a z): None where there is none, or
/// fewer than two to compare, or no spread among them.
pub fn z_scores(all: &[Sums]) -> Vec<Option<f64>> {
    let counted: Vec<f64> = all
        .iter()
        .filter(|s| s.ratees >= MIN_RATEES)
        .filter_map(Sums::leniency)
        .collect();
    if counted.len() < 2 {
        return vec![None; all.len()];
    }
    let n = counted.len() as f64;
    let mean = counted.iter().sum::<f64>() / n;
    let sd = sd(&counted);
    all.iter()
        .map(|s| {
            let l = s.leniency().filter(|_| s.ratees >= MIN_RATEES)?;
            (sd > 0.0).then(|| (l - mean) / sd)
        })
        .collect()
}

/// Whether a z stands out.
pub fn flagged(z: Option<f64>) -> bool {
    z.is_some_and(|z| z.abs() >= FLAG_Z)
}

/// Whether an agency compares enough supervisors for anyone to be flagged.
pub fn can_flag(compared: usize) -> bool {
    compared >= MIN_TO_FLAG
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
