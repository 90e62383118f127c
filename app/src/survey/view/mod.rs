//! The survey's pages: the public form and poster (no login), HR's index, review
//! and service units.

pub mod form;
pub mod hr;
pub mod poster;
mod units;
