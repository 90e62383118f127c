//! SeaORM entities, one per table, written to match the migrations.

pub mod agency;
pub mod assignment;
pub mod audit_head;
pub mod audit_log;
pub mod employee;
pub mod login_attempt;
pub mod position;
pub mod session;
pub mod supervisor_link;
pub mod unit;
pub mod user;
pub mod user_role;
