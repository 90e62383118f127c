//! Multi-rater competency assessment: campaigns, raters, answers and the measured
//! levels that closing a campaign stores.

pub mod raters;
pub mod rules;
