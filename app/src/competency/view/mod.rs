//! Pages of the competency domain: the dictionary, the standards lists (HR's, the
//! member's, the public's) and one standard.

pub mod dictionary;
pub mod lists;
pub mod standard;
