//! The pages of training: a unit leader's and HR's heatmap of needs (`needs`, with
//! its `tables`); the catalogue and a programme with its people (`catalogue`,
//! `programme`, `participants`, `import`); a person's training and plan (`mine`,
//! and on the dashboard `progress`); units' pace (`pace`); the measured effect
//! (`effect`).

pub mod catalogue;
pub mod effect;
pub mod import;
pub mod mine;
pub mod needs;
pub mod pace;
mod participants;
pub use participants::CERTIFICATE_UPLOAD;
pub mod programme;
pub mod progress;
mod tables;
