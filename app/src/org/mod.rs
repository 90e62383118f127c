//! Agencies (instansi) and their unit tree (unit kerja). Invariants: a unit belongs
//! to exactly one agency, its parent is in the same agency, the tree has no cycles,
//! and a unit with active children or current staff cannot be deactivated.

pub mod api;
pub mod input;
pub mod model;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod view;
