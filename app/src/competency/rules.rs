//! Pure rules of competency standards (PermenPANRB 38/2017, docs/DOMAIN.md §4): levels,
//! the gap per competency, the job-person match (JPM) and its bands, and the life of
//! a standard: draft → open for comment → ratified (locked), superseded by the next
//! ratified version.

pub use crate::competency::model::{JpmBand, StandardStatus};
use serde::{Deserialize, Serialize};

/// A proficiency level, 1 (acts well oneself) to 5 (a national role model).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Level(u8);

impl Level {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;

    pub fn new(n: i64) -> Option<Level> {
        (i64::from(Self::MIN)..=i64::from(Self::MAX))
            .contains(&n)
            .then_some(Level(n as u8))
    }

    pub fn get(self) -> u8 {
        self.0
    }

    /// A stored level, kept within 1–5 whatever the row says.
    pub fn clamped(n: i64) -> Level {
        Level(n.clamp(i64::from(Self::MIN), i64::from(Self::MAX)) as u8)
    }
}

/// Required minus measured: positive is a shortfall, negative a surplus.
pub fn gap(required: Level, measured: f64) -> f64 {
    f64::from(required.get()) - measured
}

/// Job-person match in percent: Σ measured / Σ required × 100, each measured level
/// capped at its required level (exceeding one competency does not make up for
/// another). None when nothing is required.
pub fn jpm(items: &[(Level, f64)]) -> Option<f64> {
    let required: f64 = items.iter().map(|(r, _)| f64::from(r.get())).sum();
    if required <= 0.0 {
        return None;
    }
    let met: f64 = items
        .iter()
        .map(|(r, m)| m.clamp(0.0, f64::from(r.get())))
        .sum();
    Some(met / required * 100.0)
}

/// The JPM bands; the thresholds are the common ones, kept as data (unconfirmed).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct JpmBands {
    /// At or above: optimal.
    pub optimal: f64,
    /// At or above (and below `optimal`): fairly optimal.
    pub fairly: f64,
}

impl Default for JpmBands {
    fn default() -> Self {
        JpmBands {
            optimal: 90.0,
            fairly: 78.0,
        }
    }
}

impl JpmBands {
    pub fn band(&self, jpm: f64) -> JpmBand {
        if jpm >= self.optimal {
            JpmBand::Optimal
        } else if jpm >= self.fairly {
            JpmBand::FairlyOptimal
        } else {
            JpmBand::BelowOptimal
        }
    }
}

/// How far above its required level a measured level must be to count as a
/// strength: half a level, where it rounds to the next level. Less than that is
/// meeting the standard, not exceeding it.
pub const STRENGTH_MARGIN: f64 = 0.5;

/// Where one competency stands against its required level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// At least `STRENGTH_MARGIN` above the required level.
    Strength,
    /// At the required level (or above it by less than the margin).
    Meets,
    /// Below the required level: a shortfall to develop.
    ToDevelop,
}

pub fn standing(required: Level, measured: f64) -> Standing {
    let g = gap(required, measured);
    if g > 0.0 {
        Standing::ToDevelop
    } else if g <= -STRENGTH_MARGIN {
        Standing::Strength
    } else {
        Standing::Meets
    }
}

/// Competencies split for the dashboard, each list with the largest distance from
/// the required level first.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Split<T> {
    pub strengths: Vec<T>,
    pub meets: Vec<T>,
    pub to_develop: Vec<T>,
}

pub fn strengths_and_gaps<T: Clone>(items: &[(T, Level, f64)]) -> Split<T> {
    let mut sorted: Vec<&(T, Level, f64)> = items.iter().collect();
    // By distance from the required level, largest first, whatever its side.
    sorted.sort_by(|a, b| gap(b.1, b.2).abs().total_cmp(&gap(a.1, a.2).abs()));
    let mut out = Split {
        strengths: vec![],
        meets: vec![],
        to_develop: vec![],
    };
    for (t, r, m) in sorted {
        match standing(*r, *m) {
            Standing::Strength => out.strengths.push(t.clone()),
            Standing::Meets => out.meets.push(t.clone()),
            Standing::ToDevelop => out.to_develop.push(t.clone()),
        }
    }
    out
}

/// What can be done to a standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StandardAction {
    /// Change required levels or the list of competencies.
    Edit,
    OpenForComment,
    Comment,
    Ratify,
    /// Start the next version from this one.
    Revise,
}

impl StandardStatus {
    /// A version still being written (at most one per position).
    pub fn is_being_drafted(self) -> bool {
        matches!(self, StandardStatus::Draft | StandardStatus::Open)
    }

    /// Ratified and superseded standards never change; a change is a new version.
    pub fn allows(self, action: StandardAction) -> bool {
        use StandardAction::*;
        use StandardStatus::*;
        matches!(
            (self, action),
            (Draft, Edit | OpenForComment | Ratify)
                | (Open, Edit | Comment | Ratify)
                | (Ratified, Revise)
        )
    }
}

/// Shortest and longest reason for ratifying before the comment period ended.
pub const SKIP_REASON_MIN: usize = 10;
pub const SKIP_REASON_MAX: usize = 500;

/// Whether a standard may be ratified now. The seeds ask that holders and leaders
/// comment first: a standard open for at least the agency's `days` (`opened_at`
/// and `now` in unix seconds) is ratified as it is; earlier, or straight from a
/// draft, only with a written reason, which is returned to be kept with it.
pub fn ratify_check(
    opened_at: Option<i64>,
    now: i64,
    days: i64,
    reason: &str,
) -> Result<Option<String>, crate::error::FieldError> {
    if comment_period_done(opened_at, now, days) {
        return Ok(None);
    }
    let reason = reason.trim();
    let n = reason.chars().count();
    if (SKIP_REASON_MIN..=SKIP_REASON_MAX).contains(&n) {
        Ok(Some(reason.to_string()))
    } else {
        Err(
            crate::error::FieldError::new("reason", crate::i18n::K::ErrRatifyEarly)
                .with("days", days),
        )
    }
}

/// Whether a standard has been open for comment for `days` days.
pub fn comment_period_done(opened_at: Option<i64>, now: i64, days: i64) -> bool {
    opened_at.is_some_and(|t| now - t >= days * 86_400)
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
