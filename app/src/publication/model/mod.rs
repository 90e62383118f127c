//! What publication's pages receive: the published snapshot and its parts
//! (`snapshot`), how pages read them (`reading`), and what an ASN reads inside the
//! agency (`inside`).

mod inside;
mod reading;
mod snapshot;

pub use inside::*;
pub use snapshot::*;
