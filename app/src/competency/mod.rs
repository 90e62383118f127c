//! Competencies and the standards of each position (Standar Kompetensi Jabatan,
//! PermenPANRB 38/2017): the national managerial and socio-cultural dictionary, the
//! agency's technical competencies, and versioned, participatory standards.

pub mod api;
pub mod dictionary;
pub mod model;
pub mod rules;
#[cfg(feature = "ssr")]
pub mod service;
pub mod view;
