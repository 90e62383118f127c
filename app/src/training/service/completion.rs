//! The end of an enrolment, as HR records it: attendance, and the result with its
//! date (within the programme, not after today); a pass credits the programme's JP
//! on that date.

use super::catalogue::programme_in;
use super::enrol::{conflict, finish};
use crate::auth::model::Actor;
use crate::error::{AppError, FieldError};
use crate::i18n::K;
use crate::server::entities::enrolment;
use crate::server::{write_tx, Db};
use crate::training::input::parse_completion;
use crate::training::model::{CompletionForm, EnrolStatus};
use sea_orm::{EntityTrait, Set};
use serde_json::json;

/// The attendance a pass needs, in percent (what training institutes commonly ask).
pub const MIN_ATTENDANCE: i16 = 80;

/// HR records attendance, and the result with its date: a pass credits the JP.
pub async fn complete(
    db: &Db,
    actor: &Actor,
    enrolment_id: i32,
    form: &CompletionForm,
) -> Result<(), AppError> {
    let agency = actor.hr_agency().ok_or(AppError::Forbidden)?;
    let v = parse_completion(form, MIN_ATTENDANCE)?;
    let tx = write_tx(db).await?;
    let e = hr_enrolment(&tx, agency, enrolment_id).await?;
    if !e.status.takes_seat() {
        return Err(conflict(K::ErrTrState));
    }
    let p = programme_in(&tx, agency, e.programme_id).await?;
    if v.completed_on
        .is_some_and(|d| d < p.starts_on || d > crate::server::db::today())
    {
        let e = FieldError::new("completed_on", K::ErrTrCompletedOn).with("starts", p.starts_on);
        return Err(AppError::Validation(vec![e]));
    }
    let mut m: enrolment::ActiveModel = e.into();
    m.attendance = Set(Some(v.attendance));
    if v.certificate_no.is_some() {
        m.certificate_no = Set(v.certificate_no.clone());
    }
    let status = v.result.unwrap_or(EnrolStatus::Enrolled);
    m.status = Set(status);
    m.completed_on = Set(v.completed_on);
    m.jp = Set(if status == EnrolStatus::Passed {
        p.jp
    } else {
        0
    });
    let extra = json!({ "attendance": v.attendance, "certificate_no": v.certificate_no,
                        "completed_on": v.completed_on });
    finish(tx, actor, m, "complete", extra).await?;
    Ok(())
}

/// An enrolment of HR's own agency (NotFound for another's).
pub(super) async fn hr_enrolment(
    db: &impl sea_orm::ConnectionTrait,
    agency: i32,
    id: i32,
) -> Result<enrolment::Model, AppError> {
    enrolment::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|e| e.agency_id == agency)
        .ok_or(AppError::NotFound)
}
