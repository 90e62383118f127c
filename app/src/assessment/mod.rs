//! Multi-rater competency assessment: campaigns, raters, answers and the measured
//! levels that closing a campaign stores, read through each employee's dashboard.

pub mod api;
#[cfg(feature = "ssr")]
pub mod input;
pub mod model;
pub mod raters;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod view;
