//! Training needs and development: the needs of units (AKPK) read from what closing
//! stored per unit and competency, and (to come) the catalogue, enrolments and the
//! yearly 20 JP. See docs/DOMAIN.md §9.

pub mod api;
#[cfg(feature = "ssr")]
pub mod input;
pub mod model;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod view;
