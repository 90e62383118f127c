//! Authentication and the acting user: login and logout, database-backed sessions,
//! roles per agency, throttling of failed logins.

pub mod api;
#[cfg(feature = "ssr")]
pub mod cache;
pub mod model;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod token;
pub mod view;

pub use model::{Actor, Role};
