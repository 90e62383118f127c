//! Cakap: competency-based performance management for Indonesian civil servants.
//!
//! This crate is the whole application: pages and components (compiled to WASM for
//! the browser with `hydrate`, rendered on the server with `ssr`), the shared types
//! and rules, the server functions, and (server only) the services and database
//! access. One folder per domain; docs/ARCHITECTURE.md explains the layers and the one
//! way each thing is done, docs/DOMAIN.md the rules and where they come from.
#![recursion_limit = "256"]

pub mod assessment;
pub mod audit;
pub mod auth;
pub mod calibration;
pub mod coded;
pub mod competency;
pub mod cookie;
pub mod error;
pub mod hr;
pub mod i18n;
pub mod jobs;
pub mod org;
pub mod people;
pub mod publication;
#[cfg(feature = "ssr")]
pub mod server;
pub mod survey;
pub mod training;
pub mod ui;

pub use ui::app::{shell, App};
