//! The Cakap server: configuration, the axum router around the Leptos application,
//! security middleware, the few plain HTTP endpoints (health, language switch, CSV
//! export), demo data and the benchmark data generator.

pub mod api;
pub mod audit_key;
pub mod certificates;
pub mod compress;
pub mod config;
pub mod handlers;
pub mod maintenance;
pub mod public_pages;
pub mod router;
pub mod security;
pub mod seed;
pub mod snapshots;
pub mod stall;

pub use config::Settings;
pub use router::{build_router, connect_and_migrate};
