//! What the training pages receive: needs per unit (AKPK), the catalogue and its
//! enrolments, a person's plan and 20 JP, units' pace, and the measured effect.

mod catalogue;
mod effect;
mod needs;
mod plan;

pub use catalogue::*;
pub use effect::*;
pub use needs::*;
pub use plan::*;
