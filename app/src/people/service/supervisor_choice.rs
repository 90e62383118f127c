//! HR's override of someone's supervisor: a named colleague (never oneself, never
//! a loop), nobody (the agency's top official), or back to the unit heads. Each
//! choice is a dated row with a reason, so the history is never lost.

use super::supervision::{current_link, supervisor_of};
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::{AppError, FieldError, Msg, Problems};
use crate::i18n::K;
use crate::org::service::hr_row;
use crate::people::model::{SupervisorForm, SupervisorMode};
use crate::people::nip::Nip;
use crate::people::supervision::Source;
use crate::server::entities::{employee, supervisor_link};
use crate::server::{db, write_tx, Db};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use serde_json::json;

/// HR's choice for one employee's supervisor.
#[derive(Clone, Debug)]
pub enum Choice {
    /// The employee with this NIP.
    Nip(String),
    /// Nobody (the agency's top official).
    Nobody,
    /// Back to the supervisor derived from the unit heads.
    Derived,
}

async fn resolve(
    db: &impl ConnectionTrait,
    agency: i32,
    e: &employee::Model,
    nip: &str,
) -> Result<i32, AppError> {
    let nip = Nip::parse(nip).map_err(|mut f| {
        f.field = "supervisor_nip".into();
        AppError::Validation(vec![f])
    })?;
    let s = employee::Entity::find()
        .filter(employee::Column::Nip.eq(nip.as_str()))
        .filter(employee::Column::AgencyId.eq(agency))
        .filter(employee::Column::Active.eq(true))
        .one(db)
        .await?
        .ok_or_else(|| AppError::field("supervisor_nip", K::ErrSupervisorUnknown))?;
    if s.id == e.id {
        return Err(AppError::field("supervisor_nip", K::ErrSupervisorSelf));
    }
    // Walk up from the new supervisor: meeting the employee would close a loop.
    let mut cur = s.clone();
    for _ in 0..64 {
        match supervisor_of(db, &cur).await? {
            Some((up, _)) if up == e.id => {
                return Err(AppError::field("supervisor_nip", K::ErrSupervisorCycle))
            }
            Some((up, _)) => match employee::Entity::find_by_id(up).one(db).await? {
                Some(next) => cur = next,
                None => break,
            },
            None => break,
        }
    }
    Ok(s.id)
}

impl Choice {
    /// What the form's `mode` says; None when it names no mode.
    pub fn of(form: &SupervisorForm) -> Option<Choice> {
        Some(match SupervisorMode::parse(&form.mode)? {
            SupervisorMode::Nobody => Choice::Nobody,
            SupervisorMode::Derived => Choice::Derived,
            SupervisorMode::Nip => Choice::Nip(form.supervisor_nip.clone()),
        })
    }
}

/// The form's choice and its reason (required), or every problem with them.
fn checked(form: &SupervisorForm) -> Result<(Choice, String), AppError> {
    let reason = form.reason.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut p = Problems::default();
    let choice = p.take(Choice::of(form).ok_or(FieldError::new("mode", K::ErrChoice)));
    if reason.is_empty() {
        p.add(FieldError::new("reason", K::ErrRequired));
    }
    p.into_result()?;
    choice
        .map(|c| (c, reason))
        .ok_or(AppError::Validation(vec![]))
}

pub async fn set_supervisor(
    db: &Db,
    actor: &Actor,
    employee_id: i32,
    form: &SupervisorForm,
) -> Result<(), AppError> {
    let (choice, reason) = checked(form)?;
    let tx = write_tx(db).await?;
    let e = hr_row::<employee::Entity>(&tx, actor, employee_id).await?;
    // The page offers no choice for someone who has left; neither does the service.
    if !e.active {
        return Err(AppError::Conflict(Msg::new(K::ErrEmployeeInactive)));
    }
    let new_sup = match &choice {
        Choice::Nip(nip) => Some(Some(resolve(&tx, e.agency_id, &e, nip).await?)),
        Choice::Nobody => Some(None),
        Choice::Derived => None,
    };
    let before = supervisor_of(&tx, &e).await?;
    let now = db::now();
    if let Some(link) = current_link(&tx, e.id).await? {
        let mut m: supervisor_link::ActiveModel = link.into();
        m.valid_to = Set(Some(now));
        m.update(&tx).await?;
    }
    if let Some(sup) = new_sup {
        supervisor_link::ActiveModel {
            agency_id: Set(e.agency_id),
            employee_id: Set(e.id),
            supervisor_id: Set(sup),
            reason: Set(reason.clone()),
            set_by_user_id: Set(Some(actor.user_id)),
            valid_from: Set(now),
            valid_to: Set(None),
            ..Default::default()
        }
        .insert(&tx)
        .await?;
    }
    let after = supervisor_of(&tx, &e).await?;
    let said = |v: Option<(i32, Source)>| {
        v.map(|(s, src)| json!({ "supervisor_id": s, "set_by_hr": src == Source::SetByHr }))
    };
    let summary = json!({ "before": said(before), "after": said(after), "reason": reason });
    audit::commit(
        tx,
        actor,
        e.agency_id,
        "set_supervisor",
        "employee",
        e.id,
        summary,
    )
    .await?;
    Ok(())
}
