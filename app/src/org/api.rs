//! Server functions for units: authenticate, call the service, set the status.

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::org::model::UnitForm;
use crate::org::model::{UnitDetail, UnitRow};
use leptos::prelude::*;

#[server(endpoint = "units/list")]
pub async fn list_units() -> Result<Vec<UnitRow>, AppError> {
    use crate::server::request::{actor, finish, state};
    finish(async { crate::org::service::list_units(&state()?.db, &actor().await?).await }.await)
}

#[server(endpoint = "units/get")]
pub async fn get_unit(id: i32) -> Result<UnitDetail, AppError> {
    use crate::server::request::{actor, finish, state};
    finish(async { crate::org::service::get_unit(&state()?.db, &actor().await?, id).await }.await)
}

#[server(endpoint = "units/create")]
pub async fn create_unit(
    code: String,
    name: String,
    kind: String,
    parent_id: String,
) -> Result<i32, AppError> {
    use crate::server::request::{actor, finish, state};
    let form = UnitForm {
        code,
        name,
        kind,
        parent_id,
    };
    finish(
        async { crate::org::service::create_unit(&state()?.db, &actor().await?, &form).await }
            .await,
    )
}

#[server(endpoint = "units/update")]
pub async fn update_unit(
    id: i32,
    code: String,
    name: String,
    kind: String,
    parent_id: String,
) -> Result<(), AppError> {
    use crate::server::request::{actor, finish, state};
    let form = UnitForm {
        code,
        name,
        kind,
        parent_id,
    };
    finish(
        async { crate::org::service::update_unit(&state()?.db, &actor().await?, id, &form).await }
            .await,
    )
}

#[server(endpoint = "units/set_active")]
pub async fn set_unit_active(id: i32, active: bool) -> Result<(), AppError> {
    use crate::server::request::{actor, finish, state};
    finish(
        async {
            crate::org::service::set_unit_active(&state()?.db, &actor().await?, id, active).await
        }
        .await,
    )
}
