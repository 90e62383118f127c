//! Server-only plumbing: application state, database access, entities, the domains'
//! caches and the helpers server functions use to reach them.

pub mod caches;
pub mod constraints;
pub mod cookies;
pub mod db;
pub mod entities;
pub mod read_cache;
pub mod request;
pub mod sql;
pub mod state;

pub use db::{commit, write_tx, Db};
pub use state::{AppState, Config};
