//! Cross-cutting UI: the application shell and router, the layout and navigation,
//! shared widgets (errors, form fields, loading), how a page loads its data, and
//! every chart (drawn on the server), and how a form posted without JavaScript comes
//! back to its page.

pub mod app;
pub mod chart;
pub mod home;
pub mod html;
pub mod layout;
pub mod lazy;
pub mod page;
#[cfg(feature = "ssr")]
pub mod page_charts;
pub mod returned;
pub mod widgets;
