//! SeaORM entities, one per table, written to match the migrations. Every table has
//! one; enum columns are typed with the shared coded enums (`crate::coded`), so a
//! status is decoded once, here, and travels as the enum.

pub mod agency;
pub mod answer;
pub mod assignment;
pub mod audit_head;
pub mod audit_log;
pub mod campaign;
pub mod campaign_ratee;
pub mod campaign_rater;
pub mod campaign_unit;
pub mod competency;
pub mod competency_level;
pub mod employee;
pub mod login_attempt;
pub mod position;
pub mod result;
pub mod result_comment;
pub mod session;
pub mod standard;
pub mod standard_comment;
pub mod standard_item;
pub mod supervisor_link;
pub mod unit;
pub mod user;
pub mod user_role;
