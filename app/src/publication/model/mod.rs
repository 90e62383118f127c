//! What publication's pages receive: the published snapshot and its parts
//! (`snapshot`), and what an ASN reads inside the agency (`inside`).

mod inside;
mod snapshot;

pub use inside::*;
pub use snapshot::*;
