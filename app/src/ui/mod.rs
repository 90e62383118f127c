//! Cross-cutting UI: the application shell and router, the layout and navigation,
//! shared widgets (errors, form fields, loading), and the chart wrapper.

pub mod app;
pub mod chart;
pub mod home;
pub mod html;
pub mod layout;
pub mod widgets;
