//! Background jobs: long work (closing a campaign, creating its rater lists) that
//! runs inside the application, a step at a time, each step committed with the job's
//! progress, so nobody waits on it, anyone may watch it, and a restart resumes it.

pub mod api;
pub mod model;
#[cfg(feature = "ssr")]
pub mod service;
pub mod view;
