//! What a unit's training-need figures mean: the share of people below their
//! required level, the mean levels they lack, how competencies are ranked, and how
//! urgent one person's gap is. Pure and exhaustively tested (`rules_tests.rs`).

use crate::i18n::K;
use serde::{Deserialize, Serialize};

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

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
