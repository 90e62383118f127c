//! Pages of the assessment domain: HR's campaigns, the rater's to-do list and form,
//! the supervisor's peer review, and the gap dashboard.

pub mod campaigns;
pub mod dashboard;
pub mod form;
pub mod todo;

use crate::i18n::{use_i18n, K};

/// The name of a rating source in the reader's language.
pub fn source_label(source: &str) -> &'static str {
    let i = use_i18n();
    i.t(match source {
        "self" => K::SourceSelf,
        "supervisor" => K::SourceSupervisor,
        "peer" => K::SourcePeer,
        _ => K::SourceSubordinate,
    })
}

/// The name of a campaign's state.
pub fn campaign_status(status: &str) -> &'static str {
    let i = use_i18n();
    i.t(match status {
        "draft" => K::CampStatusDraft,
        "running" => K::CampStatusRunning,
        _ => K::CampStatusClosed,
    })
}

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
