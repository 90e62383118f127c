//! The audit log: an append-only, hash-chained record of every change. Each row
//! stores who, when, what (entity, id, a before/after summary) and the SHA-256 of the
//! previous row of its chain, so editing or deleting any row is detected by `verify`.

#[cfg(feature = "ssr")]
pub mod service;
