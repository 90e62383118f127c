//! The public pages (no login; complete as the server sends them, so they work
//! before the WASM loads) and HR's publishing page.

pub mod agencies;
mod figures;
pub mod publish;
mod rankings;
pub mod results;
mod satisfaction;
pub mod standing;
mod trust;
pub mod verify;
