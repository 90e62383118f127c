//! Fair assessors (seed 004: supervisors rating by personal closeness): how a
//! supervisor's ratings in a closed campaign compare with the anonymous sources and
//! with their ratees' own, and who stands out in the agency.

pub mod api;
pub mod model;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod view;
