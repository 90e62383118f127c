//! The `jobs` table: background work and how far it got. Kept free of business rules
//! (see `jobs::service`).

use crate::jobs::model::{JobKind, JobPhase, JobState};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub kind: JobKind,
    pub subject_id: Option<i32>,
    pub started_by: Option<i32>,
    pub started_by_name: String,
    pub state: JobState,
    pub phase: Option<JobPhase>,
    pub done: i64,
    pub total: i64,
    pub cursor: Option<i64>,
    pub error: Option<String>,
    pub runner: Option<String>,
    pub heartbeat_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub started_at: Option<DateTimeUtc>,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}
