//! The `survey_responses` table: one citizen's answers to a service unit's survey,
//! kept for good (HR excludes, never deletes). Kept free of business rules.

use crate::survey::model::{Education, Flag, Occupation, RespondentSex, ResponseState};
use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub service_unit_id: i32,
    pub submitted_at: DateTimeUtc,
    pub u1: i16,
    pub u2: i16,
    pub u3: i16,
    pub u4: i16,
    pub u5: i16,
    pub u6: i16,
    pub u7: i16,
    pub u8: i16,
    pub u9: i16,
    pub age: Option<i16>,
    pub sex: Option<RespondentSex>,
    pub education: Option<Education>,
    pub occupation: Option<Occupation>,
    pub suggestion: Option<String>,
    pub device: Option<String>,
    pub address: String,
    pub fill_secs: Option<i32>,
    pub flag: Option<Flag>,
    pub state: ResponseState,
    pub reviewed_by: Option<i32>,
    pub reviewed_at: Option<DateTimeUtc>,
    pub review_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
