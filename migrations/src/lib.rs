//! Database schema of Cakap, as dated migrations that run on SQLite and PostgreSQL.
//!
//! Conventions: every table that belongs to an agency carries `agency_id`; foreign
//! keys between tenant tables include it (so a row can never point into another
//! agency), which is why tenant tables also hold a unique `(agency_id, id)` key.
//! Landed migrations are never edited; a change is a new migration.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_org;
mod m20261122_000002_people;
mod m20261122_000003_auth;
mod m20261122_000004_audit;
mod m20261123_000005_competency;
mod m20261123_000006_assessment;
mod m20261201_000007_login_buckets;
mod m20261201_000008_accounts;
mod m20261201_000009_leaders_by_appointment;
mod m20261201_000010_participation;
mod m20261201_000011_seal_closed;
mod m20261201_000012_audit_keys;
mod m20261202_000013_jobs;
mod m20261202_000015_reminders;
mod m20261202_000016_prepare_index;
mod m20261202_000017_name_search;
mod m20261203_000018_answer_totals;
mod m20261204_000019_results_by_campaign;
mod m20261205_000020_unit_needs;
mod m20261205_000021_rater_calibration;
mod m20261206_000022_training;
mod m20261207_000023_publication;
mod m20261208_000024_survey;
mod util;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_org::Migration),
            Box::new(m20261122_000002_people::Migration),
            Box::new(m20261122_000003_auth::Migration),
            Box::new(m20261122_000004_audit::Migration),
            Box::new(m20261123_000005_competency::Migration),
            Box::new(m20261123_000006_assessment::Migration),
            Box::new(m20261201_000007_login_buckets::Migration),
            Box::new(m20261201_000008_accounts::Migration),
            Box::new(m20261201_000009_leaders_by_appointment::Migration),
            Box::new(m20261201_000010_participation::Migration),
            Box::new(m20261201_000011_seal_closed::Migration),
            Box::new(m20261201_000012_audit_keys::Migration),
            Box::new(m20261202_000013_jobs::Migration),
            Box::new(m20261202_000015_reminders::Migration),
            Box::new(m20261202_000016_prepare_index::Migration),
            Box::new(m20261202_000017_name_search::Migration),
            Box::new(m20261203_000018_answer_totals::Migration),
            Box::new(m20261204_000019_results_by_campaign::Migration),
            Box::new(m20261205_000020_unit_needs::Migration),
            Box::new(m20261205_000021_rater_calibration::Migration),
            Box::new(m20261206_000022_training::Migration),
            Box::new(m20261207_000023_publication::Migration),
            Box::new(m20261208_000024_survey::Migration),
        ]
    }
}
