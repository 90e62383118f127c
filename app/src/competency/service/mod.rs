//! Services of the competency domain. The dictionary and ratified standards are
//! readable widely (every logged-in ASN, and the public for ratified standards);
//! drafts are HR's, open drafts also their position's holders and unit leaders.

pub mod dictionary;
pub mod published;
pub mod standards;
