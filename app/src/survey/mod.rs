//! The citizen satisfaction survey (Survei Kepuasan Masyarakat, PermenPANRB
//! 14/2017): a public form per service unit, resisting ballot stuffing without an
//! outside service; the index (IKM) per unit and year; HR's review of held
//! responses; printable posters with a QR code. See docs/DOMAIN.md §10.

pub mod api;
pub mod input;
pub mod model;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod view;
