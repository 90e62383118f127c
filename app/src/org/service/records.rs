//! The one way HR's records (units, positions, employees) are opened for editing,
//! created, edited and switched off (`Switch`): the agency check, the columns every record has,
//! and the audit record of the change. Each domain adds only its own columns
//! (`Apply`) and its own checks.

use crate::audit::service::{self as audit, Audited};
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::server::entities::{HrRecord, Tenant};
use crate::server::{write_tx, Db};
use sea_orm::{
    ActiveModelBehavior, ActiveModelTrait, ConnectionTrait, DatabaseTransaction, EntityTrait,
    IntoActiveModel, PrimaryKeyTrait,
};
use std::future::Future;

/// The active model of a record.
type Active<M> = <<M as crate::server::entities::Keyed>::Entity as EntityTrait>::ActiveModel;

/// A checked form, writing the columns it is about onto a record.
pub trait Apply<A> {
    fn apply(self, m: &mut A);
}

/// A row HR of its agency administers: NotFound when there is none, Forbidden when
/// the actor is not HR of its agency (another agency's id gives nothing away but
/// that it exists).
pub async fn hr_row<E>(
    db: &impl ConnectionTrait,
    actor: &Actor,
    id: i32,
) -> Result<E::Model, AppError>
where
    E: EntityTrait,
    E::Model: Tenant,
    <E::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
{
    let row = E::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)?;
    if !actor.is_hr_of(row.agency_id()) {
        return Err(AppError::Forbidden);
    }
    Ok(row)
}

/// Inserts a new, active record of `agency` with the columns of `v`.
pub async fn insert_new<M>(
    db: &impl ConnectionTrait,
    agency: i32,
    v: impl Apply<Active<M>>,
) -> Result<M, AppError>
where
    M: HrRecord + IntoActiveModel<Active<M>>,
    Active<M>: ActiveModelBehavior + Send,
{
    let mut m = <Active<M> as ActiveModelTrait>::default();
    m.set(M::AGENCY, agency.into());
    m.set(M::ACTIVE, true.into());
    v.apply(&mut m);
    Ok(m.insert(db).await?)
}

/// Saves `before` with the columns of `v`, and returns it as saved.
pub async fn save_edit<M>(
    db: &impl ConnectionTrait,
    before: &M,
    v: impl Apply<Active<M>>,
) -> Result<M, AppError>
where
    M: HrRecord + Clone + IntoActiveModel<Active<M>>,
    Active<M>: ActiveModelBehavior + Send,
{
    let mut m = before.clone().into_active_model();
    v.apply(&mut m);
    Ok(m.update(db).await?)
}

/// A record HR switches off and on, with what each kind checks (or ends) first.
pub trait Switch: HrRecord + Audited + Clone + Send + Sync + IntoActiveModel<Active<Self>>
where
    Active<Self>: ActiveModelBehavior + Send,
{
    /// Refuses the switch to `active` when it would orphan something, or ends what
    /// the record's being switched off ends; in the switch's own transaction.
    fn before_switch(
        tx: &DatabaseTransaction,
        row: &Self,
        active: bool,
    ) -> impl Future<Output = Result<(), AppError>> + Send;
}

/// Switches the record `id` off (`active` false) or back on, after its checks, and
/// commits the change with its audit record.
pub async fn set_active<M>(db: &Db, actor: &Actor, id: i32, active: bool) -> Result<(), AppError>
where
    M: Switch,
    Active<M>: ActiveModelBehavior + Send,
    <<M::Entity as EntityTrait>::PrimaryKey as PrimaryKeyTrait>::ValueType: From<i32>,
{
    let tx = write_tx(db).await?;
    let before = hr_row::<M::Entity>(&tx, actor, id).await?;
    M::before_switch(&tx, &before, active).await?;
    let mut m = before.clone().into_active_model();
    m.set(M::ACTIVE, active.into());
    m.update(&tx).await?;
    audit::commit_toggle(tx, actor, &before, (before.active(), active)).await?;
    Ok(())
}
