//! People: positions (jabatan) with their job level, employees (pegawai) with a
//! validated NIP, their dated assignments (one current), supervisors, profiles, and
//! the HR tools around them (overview, CSV import and export).

pub mod api;
pub mod input;
pub mod job_level;
pub mod model;
pub mod nip;
#[cfg(feature = "ssr")]
pub mod service;
pub mod supervision;
pub mod view;
