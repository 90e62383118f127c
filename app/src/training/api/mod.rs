//! Server functions of training. Thin, like every domain's: the actor, one
//! service call, the DTO.

mod catalogue;
mod needs;
mod plan;

pub use catalogue::*;
pub use needs::*;
pub use plan::*;
