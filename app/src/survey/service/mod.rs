//! The survey's use cases: the public form and its responses, the index per unit
//! and year, HR's service units and review.

pub mod poster;
pub mod respond;
pub mod results;
pub mod review;
pub mod token;
pub mod units;
