//! Services of the overview pages: the system administrator's (`admin`) and each
//! reader's glance at what matters on the home page (`glance`).

mod admin;
mod glance;

pub use admin::*;
pub use glance::glance;
