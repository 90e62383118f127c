//! How one published figure is written: the number, or why it is withheld ("< 5",
//! or withheld because it would give away a small group by subtraction).

use crate::i18n::{I18n, K};
use crate::publication::model::{Figures, RankBy, Withheld};

/// The people a group counts, or why that is not shown.
pub fn people(i: I18n, f: &Figures) -> String {
    match (f.people, f.withheld) {
        (Some(n), _) => i.n(n as i64),
        (None, Some(Withheld::Small)) => i.t(K::PubLessThan5).to_string(),
        _ => i.t(K::PubHiddenShort).to_string(),
    }
}

/// One figure of a group as the ranking `by` shows it.
pub fn figure(i: I18n, f: &Figures, by: RankBy) -> String {
    if f.withheld.is_some() {
        return people(i, f);
    }
    match (by, by.of(f)) {
        (_, None) => "–".into(),
        (RankBy::Jpm, v) => i.dec(v),
        (RankBy::Change, Some(v)) if v > 0.0 => format!("+{}", i.dec(Some(v))),
        (RankBy::Change, v) => i.dec(v),
        (_, v) => i.pct(v),
    }
}

/// How a ranking's figure is computed (source and formula), with `{n}`, `{period}`
/// and `{rules}` to fill.
pub fn how(by: RankBy) -> K {
    match by {
        RankBy::Jpm => K::PubHowJpm,
        RankBy::Meeting => K::PubHowMeeting,
        RankBy::Change => K::PubHowChange,
        RankBy::Pace => K::PubHowPace,
    }
}
