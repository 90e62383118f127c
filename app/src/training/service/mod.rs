//! Services of training needs: who may read which units (`scope`), the figures of a
//! unit and the units below it (`needs`), its people (`people`), and the AKPK export
//! (`export`).

pub mod export;
pub mod needs;
pub mod people;
pub mod scope;
