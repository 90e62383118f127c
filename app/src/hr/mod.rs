//! Overview pages: the HR overview of an agency (headcount charts) and the system
//! administrator's page (agencies and the audit chain's integrity).

pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
pub mod view;
