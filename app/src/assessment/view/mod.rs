//! Pages of the assessment domain: HR's campaigns, the rater's to-do list and form,
//! the supervisor's peer review, and the gap dashboard.

pub mod campaign;
pub mod campaigns;
pub mod dashboard;
pub mod form;
pub mod reminders;
pub mod todo;

use crate::i18n::use_i18n;

/// A number with one decimal, with a comma as Indonesian writes it.
pub fn decimal(v: f64) -> String {
    let s = format!("{v:.1}");
    if use_i18n().lang() == crate::i18n::Lang::Id {
        s.replace('.', ",")
    } else {
        s
    }
}

/// A level with one decimal, or a dash when there is none.
pub fn level(v: Option<f64>) -> String {
    v.map(decimal).unwrap_or_else(|| "–".into())
}
