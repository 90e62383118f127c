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

/// A level with one decimal, comma as Indonesian writes it.
pub fn level(v: Option<f64>) -> String {
    let i = use_i18n();
    match v {
        Some(v) => {
            let s = format!("{v:.1}");
            if i.lang() == crate::i18n::Lang::Id {
                s.replace('.', ",")
            } else {
                s
            }
        }
        None => "–".into(),
    }
}
