//! Publication's use cases: publishing (HR), what the public reads, checking.

pub mod body;
pub mod consent;
pub mod figures;
pub mod honour;
pub mod named;
pub mod publish;
pub mod read;
pub mod signing;
pub mod standing;
pub mod stored;
pub mod verify;
