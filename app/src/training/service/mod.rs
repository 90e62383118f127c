//! Services of training: who may read which units (`scope`), the needs of a unit
//! and the units below it (`needs`), its people (`people`) and the AKPK export
//! (`export`); the catalogue (`catalogue`, `import`), enrolments and completion
//! (`enrol`, `certificate`), a person's plan and JP (`plan`), units' pace
//! (`pace`) and the measured effect of programmes (`effect`).

pub mod catalogue;
pub mod certificate;
pub mod completion;
pub mod detail;
pub mod effect;
pub mod enrol;
pub mod export;
pub mod import;
pub mod needs;
pub mod pace;
pub mod people;
pub mod plan;
pub mod progress;
pub mod scope;
