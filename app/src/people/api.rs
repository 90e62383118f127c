//! Server functions of the people domain: positions, employees, supervisors,
//! profiles, the HR overview and the CSV import.
// Server functions take the form's fields one by one (that is how forms post them),
// so the employee form's functions have many arguments.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::people::model::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::request::{actor, finish, state};

/// A checkbox sends "on" when ticked and nothing otherwise.
#[cfg(feature = "ssr")]
fn ticked(v: &Option<String>) -> bool {
    v.as_deref().is_some_and(|s| !s.is_empty() && s != "false")
}

#[server(endpoint = "positions/list")]
pub async fn list_positions() -> Result<Vec<PositionRow>, AppError> {
    finish(
        async {
            crate::people::service::positions::list_positions(&state()?.db, &actor().await?).await
        }
        .await,
    )
}

#[server(endpoint = "positions/get")]
pub async fn get_position(id: i32) -> Result<PositionRow, AppError> {
    finish(
        async {
            crate::people::service::positions::get_position(&state()?.db, &actor().await?, id).await
        }
        .await,
    )
}

#[server(endpoint = "positions/create")]
pub async fn create_position(
    code: String,
    name: String,
    job_level: String,
) -> Result<i32, AppError> {
    let form = PositionForm {
        code,
        name,
        job_level,
    };
    finish(
        async {
            crate::people::service::positions::create_position(&state()?.db, &actor().await?, &form)
                .await
        }
        .await,
    )
}

#[server(endpoint = "positions/update")]
pub async fn update_position(
    id: i32,
    code: String,
    name: String,
    job_level: String,
) -> Result<(), AppError> {
    let form = PositionForm {
        code,
        name,
        job_level,
    };
    finish(
        async {
            crate::people::service::positions::update_position(
                &state()?.db,
                &actor().await?,
                id,
                &form,
            )
            .await
        }
        .await,
    )
}

#[server(endpoint = "positions/set_active")]
pub async fn set_position_active(id: i32, active: bool) -> Result<(), AppError> {
    finish(
        async {
            crate::people::service::positions::set_position_active(
                &state()?.db,
                &actor().await?,
                id,
                active,
            )
            .await
        }
        .await,
    )
}

#[server(endpoint = "employees/list")]
pub async fn list_employees(
    filter: EmployeeFilter,
) -> Result<std::sync::Arc<EmployeePage>, AppError> {
    finish(
        async {
            let st = state()?;
            crate::people::service::employee_list::list_employees(
                &st.db,
                &st.employee_pages,
                &actor().await?,
                &filter,
            )
            .await
        }
        .await,
    )
}

#[server(endpoint = "employees/get")]
pub async fn get_employee(id: i32) -> Result<EmployeeDetail, AppError> {
    finish(
        async {
            crate::people::service::employees::get_employee(&state()?.db, &actor().await?, id).await
        }
        .await,
    )
}

#[server(endpoint = "employees/create")]
pub async fn create_employee(
    nip: String,
    name: String,
    sex: String,
    status: String,
    unit_id: String,
    position_id: String,
    is_head: Option<String>,
    start_date: String,
) -> Result<i32, AppError> {
    let form = EmployeeForm {
        nip,
        name,
        sex,
        status,
        unit_id,
        position_id,
        is_head: ticked(&is_head),
        start_date,
    };
    finish(
        async {
            crate::people::service::employees::create_employee(&state()?.db, &actor().await?, &form)
                .await
        }
        .await,
    )
}

#[server(endpoint = "employees/update")]
pub async fn update_employee(
    id: i32,
    nip: String,
    name: String,
    sex: String,
    status: String,
    unit_id: String,
    position_id: String,
    is_head: Option<String>,
    start_date: String,
) -> Result<(), AppError> {
    let form = EmployeeForm {
        nip,
        name,
        sex,
        status,
        unit_id,
        position_id,
        is_head: ticked(&is_head),
        start_date,
    };
    finish(
        async {
            crate::people::service::employees::update_employee(
                &state()?.db,
                &actor().await?,
                id,
                &form,
            )
            .await
        }
        .await,
    )
}

#[server(endpoint = "employees/set_active")]
pub async fn set_employee_active(id: i32, active: bool) -> Result<(), AppError> {
    finish(
        async {
            crate::people::service::employees::set_employee_active(
                &state()?.db,
                &actor().await?,
                id,
                active,
            )
            .await
        }
        .await,
    )
}

/// `mode`: "nip" (use `supervisor_nip`), "nobody", or "derived".
#[server(endpoint = "employees/set_supervisor")]
pub async fn set_supervisor(
    id: i32,
    mode: String,
    supervisor_nip: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::people::service::supervision::{set_supervisor, Choice};
    let choice = match mode.as_str() {
        "nobody" => Choice::Nobody,
        "derived" => Choice::Derived,
        _ => Choice::Nip(supervisor_nip),
    };
    finish(async { set_supervisor(&state()?.db, &actor().await?, id, choice, &reason).await }.await)
}

#[server(endpoint = "employees/set_password")]
pub async fn set_login_password(id: i32, password: String) -> Result<(), AppError> {
    finish(
        async {
            crate::people::service::employees::set_login_password(
                &state()?.db,
                &actor().await?,
                id,
                &password,
            )
            .await
        }
        .await,
    )
}

/// Someone's profile; `None` for the logged-in user's own.
#[server(endpoint = "profile")]
pub async fn get_profile(id: Option<i32>) -> Result<Profile, AppError> {
    finish(
        async { crate::people::service::profile::profile(&state()?.db, &actor().await?, id).await }
            .await,
    )
}

#[server(endpoint = "hr/overview")]
pub async fn get_hr_overview() -> Result<HrOverview, AppError> {
    let lang = crate::i18n::detect_lang();
    finish(
        async {
            crate::people::service::overview::overview(&state()?.db, &actor().await?, lang).await
        }
        .await,
    )
}

/// Checks a CSV file without writing anything.
#[server(endpoint = "employees/import/check")]
pub async fn check_import(csv: String) -> Result<ImportReport, AppError> {
    finish(
        async {
            crate::people::service::import::import(
                &state()?.db,
                &actor().await?,
                &csv,
                2,
                false,
                false,
            )
            .await
        }
        .await,
    )
}

/// Imports a CSV file or a part of one (`first_line` is the file line number of its
/// first data line). With errors, nothing is written unless `only_valid` is set.
#[server(endpoint = "employees/import")]
pub async fn import_employees(
    csv: String,
    first_line: usize,
    only_valid: bool,
) -> Result<ImportReport, AppError> {
    finish(
        async {
            crate::people::service::import::import(
                &state()?.db,
                &actor().await?,
                &csv,
                first_line,
                true,
                only_valid,
            )
            .await
        }
        .await,
    )
}
