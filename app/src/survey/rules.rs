//! The citizen satisfaction survey's arithmetic (Survei Kepuasan Masyarakat,
//! PermenPANRB 14/2017), decided without I/O: the value per element (NRR), the index
//! (IKM) and its 25–100 form, the quality band, the sample a population needs, and
//! what makes a response look like ballot stuffing. See docs/DOMAIN.md §10.

use super::model::{Flag, Grade};

/// The nine elements (unsur) every response answers, each 1 to 4.
pub const ELEMENTS: usize = 9;
/// Each element weighs the same: 1/9 of the index.
pub const WEIGHT: f64 = 1.0 / ELEMENTS as f64;
/// The lowest and highest answer.
pub const ANSWER_MIN: i16 = 1;
pub const ANSWER_MAX: i16 = 4;

/// A response filled in less time than this (seconds, from the form being served)
/// is held for HR to look at: nine questions cannot be read that fast.
pub const MIN_FILL_SECS: i64 = 20;
/// A response whose form was served longer ago than this is held as well (its
/// start token may have been copied and reused).
pub const MAX_FILL_SECS: i64 = 24 * 3600;
/// One address sends at most this many responses per hour (all units); more are
/// refused. A counter's shared Wi-Fi still has room for a busy hour.
pub const MAX_PER_ADDRESS_HOUR: u64 = 30;
/// The same device answering the same unit again within this many hours is a duplicate.
pub const DUPLICATE_HOURS: i64 = 24;

/// Per element, the mean answer (Nilai Rata-Rata): the sum of its answers over the
/// respondents. `None` without respondents.
pub fn nrr(sums: &[i64; ELEMENTS], respondents: i64) -> Option<[f64; ELEMENTS]> {
    if respondents <= 0 {
        return None;
    }
    Some(sums.map(|s| s as f64 / respondents as f64))
}

/// The index on the 1–4 scale: Σ NRR × 1/9.
pub fn ikm(nrr: &[f64; ELEMENTS]) -> f64 {
    nrr.iter().map(|v| v * WEIGHT).sum()
}

/// The index on the 25–100 scale the bands are written in (IKM × 25), to two decimals.
pub fn converted(ikm: f64) -> f64 {
    (ikm * 25.0 * 100.0).round() / 100.0
}

/// The quality band of a converted index: 88.31–100 A (Sangat Baik), 76.61–88.30 B
/// (Baik), 65.00–76.60 C (Kurang Baik), 25.00–64.99 D (Tidak Baik).
pub fn grade(converted: f64) -> Grade {
    if converted >= 88.31 {
        Grade::A
    } else if converted >= 76.61 {
        Grade::B
    } else if converted >= 65.0 {
        Grade::C
    } else {
        Grade::D
    }
}

/// The respondents a population of `n` people served needs (Krejcie and Morgan,
/// the table the regulation refers to): χ² = 3.841 (one degree of freedom, 95 %),
/// P = 0.5, margin d = 0.05; S = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P)), rounded up.
pub fn sample_needed(n: u64) -> u64 {
    if n == 0 {
        return 0;
    }
    let (chi, p, d) = (3.841_f64, 0.5_f64, 0.05_f64);
    let n_f = n as f64;
    let s = chi * n_f * p * (1.0 - p) / (d * d * (n_f - 1.0) + chi * p * (1.0 - p));
    // The table rounds to the nearest person (N = 100 gives 80); never more than N.
    (s.round() as u64).min(n)
}

/// What a new response looks like, from what the server saw.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Seen {
    /// Seconds from the form being served to it being sent; `None` when the form's
    /// start token was missing or not ours.
    pub fill_secs: Option<i64>,
    /// The same device answered the same unit within `DUPLICATE_HOURS`.
    pub device_repeat: bool,
    /// The same address sent the same answers to the same unit within the hour.
    pub same_answers: bool,
}

/// Why a response is held back for HR, if it is: duplicates first (the stronger
/// sign), then a fill too fast, a form served too long ago, or no start token of ours.
pub fn flag(s: &Seen) -> Option<Flag> {
    if s.device_repeat || s.same_answers {
        return Some(Flag::Duplicate);
    }
    match s.fill_secs {
        None => Some(Flag::NoToken),
        Some(t) if t < MIN_FILL_SECS => Some(Flag::TooFast),
        Some(t) if t > MAX_FILL_SECS => Some(Flag::Stale),
        Some(_) => None,
    }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
