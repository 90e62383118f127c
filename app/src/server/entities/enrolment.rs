//! The `enrolments` table: one person in one programme, from the request through
//! approval to completion (`training::model::EnrolStatus`). Kept free of business
//! rules.

use crate::training::model::EnrolStatus;
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "enrolments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub programme_id: i32,
    pub employee_id: i32,
    pub competency_id: Option<i32>,
    pub status: EnrolStatus,
    pub by_hr: bool,
    pub note: Option<String>,
    pub decided_by: Option<i32>,
    pub attendance: Option<i16>,
    pub certificate_no: Option<String>,
    pub completed_on: Option<Date>,
    pub jp: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}
