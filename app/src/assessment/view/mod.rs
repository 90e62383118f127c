//! Pages of the assessment domain: HR's campaigns, the rater's to-do list and form,
//! the supervisor's peer review, and the gap dashboard.

pub mod campaign;
pub mod campaigns;
pub mod dashboard;
pub mod form;
pub mod reminders;
pub mod todo;
