//! Pages of the people domain.

pub mod employee_edit;
pub mod employee_filters;
pub mod employee_form;
pub mod employees;
pub mod import;
pub mod positions;
pub mod profile;
