//! Pages of the competency domain: the dictionary, the standards lists (HR's, the
//! member's, the public's) and one standard.

pub mod dictionary;
pub mod lists;
pub mod standard;

use crate::i18n::{use_i18n, K};

/// The name of a standard's state in the reader's language.
pub fn status_label(status: &str) -> &'static str {
    let i = use_i18n();
    i.t(match status {
        "draft" => K::StdStatusDraft,
        "open" => K::StdStatusOpen,
        "ratified" => K::StdStatusRatified,
        _ => K::StdStatusSuperseded,
    })
}

/// The name of a competency group.
pub fn group_label(group: &str) -> &'static str {
    let i = use_i18n();
    i.t(match group {
        "manajerial" => K::GroupManagerial,
        "sosial_kultural" => K::GroupSociocultural,
        _ => K::GroupTechnical,
    })
}
