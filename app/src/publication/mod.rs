//! Publishing results openly: HR publishes a closed campaign as a signed snapshot,
//! chained per agency; the public reads unit figures and rankings in which no group
//! of fewer than five people can be read or derived, and anyone can verify a
//! snapshot. See docs/PUBLIC.md.

pub mod api;
pub mod model;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod view;
