//! One person's way through a programme: the employee asks (for a gap of their
//! plan or not) and their supervisor approves or returns it with a note; or HR
//! enrols them. HR records attendance and the result; a pass credits the
//! programme's JP. Each step is refused here unless the actor may take it.

use super::catalogue::programme_in;
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::{AppError, FieldError, Msg};
use crate::i18n::K;
use crate::people::service::supervision::supervisor_of;
use crate::server::entities::{employee, enrolment, programme};
use crate::server::{write_tx, Db};
use crate::training::model::EnrolStatus;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    PaginatorTrait, QueryFilter, Set, TryIntoModel,
};
use serde_json::json;

pub(super) fn conflict(k: K) -> AppError {
    AppError::Conflict(Msg::new(k))
}

/// Takes the programme's row (PostgreSQL locks it until the transaction ends, so
/// two approvals cannot both take its last seat) and refuses when it is full.
async fn seat(
    tx: &DatabaseTransaction,
    p: &programme::Model,
    employee_id: i32,
) -> Result<(), AppError> {
    programme::Entity::update_many()
        .col_expr(
            programme::Column::Capacity,
            Expr::col(programme::Column::Capacity),
        )
        .filter(programme::Column::Id.eq(p.id))
        .exec(tx)
        .await?;
    let seats: Vec<EnrolStatus> = EnrolStatus::ALL
        .into_iter()
        .filter(|s| s.takes_seat())
        .collect();
    let taken = enrolment::Entity::find()
        .filter(enrolment::Column::ProgrammeId.eq(p.id))
        .filter(enrolment::Column::Status.is_in(seats))
        // A person taking the programme again reuses their own seat.
        .filter(enrolment::Column::EmployeeId.ne(employee_id))
        .count(tx)
        .await?;
    if taken >= p.capacity as u64 {
        return Err(AppError::Conflict(
            Msg::new(K::ErrTrFull).with("capacity", p.capacity),
        ));
    }
    Ok(())
}

/// Refuses a programme switched off or already over.
fn open(p: &programme::Model) -> Result<(), AppError> {
    if !p.active || p.ends_on < crate::server::db::today() {
        return Err(conflict(K::ErrTrInactive));
    }
    Ok(())
}

async fn existing(
    tx: &impl ConnectionTrait,
    programme_id: i32,
    employee_id: i32,
) -> Result<Option<enrolment::Model>, AppError> {
    Ok(enrolment::Entity::find()
        .filter(enrolment::Column::ProgrammeId.eq(programme_id))
        .filter(enrolment::Column::EmployeeId.eq(employee_id))
        .one(tx)
        .await?)
}

/// Saves `m` and ends the transaction with its audit record.
pub(super) async fn finish(
    tx: DatabaseTransaction,
    actor: &Actor,
    m: enrolment::ActiveModel,
    action: &str,
    extra: serde_json::Value,
) -> Result<i32, AppError> {
    let e: enrolment::Model = m.save(&tx).await?.try_into_model()?;
    let summary = json!({ "programme_id": e.programme_id, "employee_id": e.employee_id,
                          "status": e.status.code(), "detail": extra });
    audit::commit(tx, actor, e.agency_id, action, "enrolment", e.id, summary).await?;
    Ok(e.id)
}

/// A fresh enrolment row, or the person's earlier one for the programme (a
/// returned, cancelled or failed one may start again; a live one may not).
fn start(
    before: Option<enrolment::Model>,
    p: &programme::Model,
    employee_id: i32,
) -> Result<enrolment::ActiveModel, AppError> {
    match before {
        Some(b)
            if matches!(
                b.status,
                EnrolStatus::Requested | EnrolStatus::Enrolled | EnrolStatus::Passed
            ) =>
        {
            Err(conflict(K::ErrTrAlready))
        }
        Some(b) => {
            // A new attempt: nothing of the earlier one carries over.
            let mut m: enrolment::ActiveModel = b.into();
            m.attendance = Set(None);
            m.certificate_no = Set(None);
            m.completed_on = Set(None);
            m.jp = Set(0);
            m.note = Set(None);
            Ok(m)
        }
        None => Ok(enrolment::ActiveModel {
            agency_id: Set(p.agency_id),
            programme_id: Set(p.id),
            employee_id: Set(employee_id),
            jp: Set(0),
            ..Default::default()
        }),
    }
}

/// The employee asks for a seat (`competency`: the gap of their plan it is for).
pub async fn request(
    db: &Db,
    actor: &Actor,
    programme_id: i32,
    competency: Option<i32>,
) -> Result<i32, AppError> {
    let me = actor.employee_id.ok_or(AppError::Forbidden)?;
    let agency = actor.agency_id.ok_or(AppError::Forbidden)?;
    let tx = write_tx(db).await?;
    let p = programme_in(&tx, agency, programme_id).await?;
    open(&p)?;
    if let Some(c) = competency {
        usable(&tx, agency, c).await?;
    }
    let before = existing(&tx, p.id, me).await?;
    let earlier = before.as_ref().map(|b| b.id);
    let mut m = start(before, &p, me)?;
    super::certificate::forget(&tx, earlier).await?;
    m.status = Set(EnrolStatus::Requested);
    m.by_hr = Set(false);
    m.competency_id = Set(competency);
    m.note = Set(None);
    m.decided_by = Set(None);
    finish(
        tx,
        actor,
        m,
        "request",
        json!({ "competency_id": competency }),
    )
    .await
}

/// Whether `actor` stands over `e`'s training: their supervisor, or HR of their
/// agency (who decide requests and read certificates).
pub(super) async fn decides(
    db: &impl ConnectionTrait,
    actor: &Actor,
    e: &employee::Model,
) -> Result<bool, AppError> {
    if actor.hr_agency() == Some(e.agency_id) {
        return Ok(true);
    }
    let boss = supervisor_of(db, e).await?.map(|s| s.0);
    Ok(boss.is_some() && boss == actor.employee_id)
}

/// The supervisor (or HR) approves a request, or returns it with a note.
pub async fn decide(
    db: &Db,
    actor: &Actor,
    enrolment_id: i32,
    approve: bool,
    note: &str,
) -> Result<(), AppError> {
    let note = note.split_whitespace().collect::<Vec<_>>().join(" ");
    if !approve && !(5..=500).contains(&note.chars().count()) {
        return Err(AppError::Validation(vec![FieldError::new(
            "note",
            K::ErrTrNote,
        )]));
    }
    let tx = write_tx(db).await?;
    let e = enrolment::Entity::find_by_id(enrolment_id)
        .one(&tx)
        .await?
        .ok_or(AppError::NotFound)?;
    let who = employee::Entity::find_by_id(e.employee_id)
        .one(&tx)
        .await?
        .ok_or(AppError::NotFound)?;
    if !decides(&tx, actor, &who).await? {
        return Err(AppError::Forbidden);
    }
    if e.status != EnrolStatus::Requested {
        return Err(conflict(K::ErrTrState));
    }
    if approve {
        let p = programme_in(&tx, e.agency_id, e.programme_id).await?;
        open(&p)?;
        seat(&tx, &p, e.employee_id).await?;
    }
    let mut m: enrolment::ActiveModel = e.into();
    m.status = Set(if approve {
        EnrolStatus::Enrolled
    } else {
        EnrolStatus::Returned
    });
    m.note = Set((!note.is_empty()).then_some(note.clone()));
    m.decided_by = Set(actor.employee_id);
    let action = if approve { "approve" } else { "return" };
    finish(tx, actor, m, action, json!({ "note": note })).await?;
    Ok(())
}

/// The employee withdraws their own request or seat (before completion).
pub async fn withdraw(db: &Db, actor: &Actor, enrolment_id: i32) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let e = enrolment::Entity::find_by_id(enrolment_id)
        .one(&tx)
        .await?
        .filter(|e| Some(e.employee_id) == actor.employee_id)
        .ok_or(AppError::NotFound)?;
    if !matches!(
        e.status,
        EnrolStatus::Requested | EnrolStatus::Returned | EnrolStatus::Enrolled
    ) {
        return Err(conflict(K::ErrTrState));
    }
    let mut m: enrolment::ActiveModel = e.into();
    m.status = Set(EnrolStatus::Cancelled);
    finish(tx, actor, m, "withdraw", json!(null)).await?;
    Ok(())
}

/// HR enrols someone of the agency by NIP (no approval needed).
pub async fn enrol(db: &Db, actor: &Actor, programme_id: i32, nip: &str) -> Result<i32, AppError> {
    let agency = actor.hr_agency().ok_or(AppError::Forbidden)?;
    let tx = write_tx(db).await?;
    let p = programme_in(&tx, agency, programme_id).await?;
    let who = employee::Entity::find()
        .filter(employee::Column::AgencyId.eq(agency))
        .filter(employee::Column::Nip.eq(nip.trim()))
        .filter(employee::Column::Active.eq(true))
        .one(&tx)
        .await?
        .ok_or_else(|| AppError::Validation(vec![FieldError::new("nip", K::ErrEmployeeUnknown)]))?;
    let before = existing(&tx, p.id, who.id).await?;
    let earlier = before.as_ref().map(|b| b.id);
    let asked = before
        .as_ref()
        .is_some_and(|b| b.status == EnrolStatus::Requested);
    let mut m = if asked {
        before.map(Into::into).ok_or(AppError::NotFound)?
    } else {
        start(before, &p, who.id)?
    };
    super::certificate::forget(&tx, earlier).await?;
    seat(&tx, &p, who.id).await?;
    m.status = Set(EnrolStatus::Enrolled);
    m.by_hr = Set(true);
    m.decided_by = Set(actor.employee_id);
    finish(tx, actor, m, "enrol", json!({ "nip": who.nip })).await
}

/// A competency the agency uses (a plan names one of its gaps).
async fn usable(tx: &DatabaseTransaction, agency: i32, id: i32) -> Result<(), AppError> {
    let known = crate::competency::service::dictionary::usable_by(agency)
        .filter(crate::server::entities::competency::Column::Id.eq(id))
        .count(tx)
        .await?;
    if known == 0 {
        return Err(AppError::Validation(vec![FieldError::new(
            "competency",
            K::ErrCompetencyUnknown,
        )]));
    }
    Ok(())
}
