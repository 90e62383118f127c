//! Assessments on a fresh database (SQLite, and PostgreSQL when the test script
//! provides it): standards revised with the employees (`standards`), and a campaign
//! for one unit from its raters to stored results and private dashboards
//! (`campaign`), each step its own test so one failure does not hide the rest.

#[path = "../support/mod.rs"]
mod support;

pub use support::{actor as by_name, agency_id, nip, unit_id};

mod anonymity;
mod calibration;
mod campaign;
mod glance;
mod jobs;
mod needs;
mod needs_backfill;
mod prepare;
mod publication;
mod publication_property;
mod reminders;
mod results;
mod standards;
mod standing;
mod survey;
mod totals;
mod training;
mod writes;

use app::assessment::model::{AnswerInput, Dashboard};
use app::assessment::service::{dashboard, forms};
use app::auth::model::Actor;
use app::error::AppError;
use app::server::entities::{assignment, campaign_rater, position, user};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

/// The acting user of an employee's account.
pub async fn by_employee(db: &DatabaseConnection, id: i32) -> Actor {
    let u = user::Entity::find()
        .filter(user::Column::EmployeeId.eq(id))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    app::auth::service::load_actor(db, u).await.unwrap()
}

/// A position of Kota Manna by code.
pub async fn position_id(db: &DatabaseConnection, code: &str) -> i32 {
    position::Entity::find()
        .filter(position::Column::AgencyId.eq(agency_id(db, "KOTA-MANNA").await))
        .filter(position::Column::Code.eq(code))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// Current holders of a position code in Kota Manna's puskesmas, by id.
pub async fn holders(db: &DatabaseConnection, position: &str) -> Vec<i32> {
    let mut ids: Vec<i32> = assignment::Entity::find()
        .filter(assignment::Column::UnitId.eq(unit_id(db, "KOTA-MANNA", "PKM-KOTA").await))
        .filter(assignment::Column::PositionId.eq(position_id(db, position).await))
        .filter(assignment::Column::EndDate.is_null())
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.employee_id)
        .collect();
    ids.sort_unstable();
    ids
}

/// Every answer of a form at one level, with a comment naming the level.
pub async fn answer(
    db: &DatabaseConnection,
    rater: &Actor,
    row: i32,
    level: u8,
    submit: bool,
) -> Result<(), AppError> {
    let f = forms::form(db, rater, row).await?;
    let items: Vec<AnswerInput> = f
        .items
        .iter()
        .map(|i| AnswerInput {
            competency_id: i.competency_id.to_string(),
            level: level.to_string(),
            comment: format!("catatan {} level {level}", f.source.code()),
        })
        .collect();
    forms::save(db, rater, row, &items, submit).await
}

/// The forms about one ratee in a campaign, in the order they were made.
pub async fn rows_of(
    db: &DatabaseConnection,
    campaign: i32,
    ratee: i32,
) -> Vec<campaign_rater::Model> {
    campaign_rater::Entity::find()
        .filter(campaign_rater::Column::CampaignId.eq(campaign))
        .filter(campaign_rater::Column::RateeId.eq(ratee))
        .order_by_asc(campaign_rater::Column::Id)
        .all(db)
        .await
        .unwrap()
}

/// A dashboard as its page's server function reads it (who may read it, then what).
pub async fn dashboard_of(
    db: &DatabaseConnection,
    reader: &Actor,
    employee: Option<i32>,
    campaign: Option<i32>,
) -> Result<Dashboard, AppError> {
    let whose = dashboard::readable(db, reader, employee).await?;
    dashboard::build(db, whose, campaign).await
}

pub fn item<'a>(d: &'a Dashboard, code: &str) -> &'a app::assessment::model::DashItem {
    d.items.iter().find(|i| i.code == code).unwrap()
}
