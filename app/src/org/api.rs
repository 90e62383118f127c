//! Server functions for units. Thin, like every domain's: the actor, one service
//! call, the DTO (`server::request::as_actor`).

use crate::error::AppError;
use crate::org::model::{UnitBrowse, UnitDetail, UnitForm, UnitNode, UnitRow};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::org::service;
#[cfg(feature = "ssr")]
use crate::server::entities::unit;
#[cfg(feature = "ssr")]
use crate::server::request::{as_actor, cache};

#[server(endpoint = "units/list")]
pub async fn list_units() -> Result<Vec<UnitRow>, AppError> {
    as_actor(|db, a| async move { service::list_units(&db, &a).await }).await
}

#[server(endpoint = "units/get")]
pub async fn get_unit(id: i32) -> Result<UnitDetail, AppError> {
    as_actor(|db, a| async move { service::get_unit(&db, &a, id).await }).await
}

/// The page a new unit opens on, with JavaScript or without.
pub fn new_unit_page(id: i32) -> String {
    format!("/hr/units/{id}?saved=1")
}

#[server(endpoint = "units/create")]
pub async fn create_unit(form: UnitForm) -> Result<i32, AppError> {
    let done = as_actor(|db, a| async move { service::create_unit(&db, &a, &form).await }).await;
    crate::server::request::created(done, new_unit_page)
}

#[server(endpoint = "units/update")]
pub async fn update_unit(id: i32, form: UnitForm) -> Result<(), AppError> {
    as_actor(|db, a| async move { service::update_unit(&db, &a, id, &form).await }).await
}

#[server(endpoint = "units/set_active")]
pub async fn set_unit_active(id: i32, active: bool) -> Result<(), AppError> {
    as_actor(|db, a| async move { service::set_active::<unit::Model>(&db, &a, id, active).await })
        .await
}

/// HR's unit page: the tree opened down to `open`, or the units matching `q`.
#[server(endpoint = "units/browse")]
pub async fn browse_units(
    #[server(default)] open: Option<i32>,
    #[server(default)] q: String,
) -> Result<UnitBrowse, AppError> {
    as_actor(|db, a| async move {
        if q.trim().is_empty() {
            let trees = cache::<service::UnitTrees>()?;
            Ok((*service::unit_tree(&db, &trees, &a, open).await?).clone())
        } else {
            service::search_units(&db, &a, &q).await
        }
    })
    .await
}

/// The units directly under one unit, when HR opens its branch (`depth`: the unit's).
#[server(endpoint = "units/children")]
pub async fn unit_children(parent: i32, depth: usize) -> Result<Vec<UnitNode>, AppError> {
    as_actor(|db, a| async move { service::unit_children(&db, &a, parent, depth).await }).await
}
