//! Server functions of the people domain: positions, employees, supervisors,
//! profiles, the HR overview and the CSV import. Thin, like every domain's.

use crate::auth::model::TemporaryPassword;
use crate::error::AppError;
use crate::people::model::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::org::service::set_active;
#[cfg(feature = "ssr")]
use crate::people::service::{
    employee_detail, employee_list, employees, import, login, overview, positions, profile,
    supervisor_choice,
};
#[cfg(feature = "ssr")]
use crate::server::entities::{employee, position};
#[cfg(feature = "ssr")]
use crate::server::request::{as_actor, cache};

#[server(endpoint = "positions/list")]
pub async fn list_positions() -> Result<Vec<PositionRow>, AppError> {
    as_actor(|db, a| async move {
        let lists = cache::<positions::PositionLists>()?;
        Ok(positions::list_positions(&db, &lists, &a).await?.to_vec())
    })
    .await
}

#[server(endpoint = "positions/get")]
pub async fn get_position(id: i32) -> Result<PositionRow, AppError> {
    as_actor(|db, a| async move { positions::get_position(&db, &a, id).await }).await
}

/// The page a new position opens on, with JavaScript or without.
pub fn new_position_page(id: i32) -> String {
    format!("/hr/positions/{id}?saved=1")
}

#[server(endpoint = "positions/create")]
pub async fn create_position(form: PositionForm) -> Result<i32, AppError> {
    let done =
        as_actor(|db, a| async move { positions::create_position(&db, &a, &form).await }).await;
    crate::server::request::created(done, new_position_page)
}

#[server(endpoint = "positions/update")]
pub async fn update_position(id: i32, form: PositionForm) -> Result<(), AppError> {
    as_actor(|db, a| async move { positions::update_position(&db, &a, id, &form).await }).await
}

#[server(endpoint = "positions/set_active")]
pub async fn set_position_active(id: i32, active: bool) -> Result<(), AppError> {
    as_actor(|db, a| async move { set_active::<position::Model>(&db, &a, id, active).await }).await
}

#[server(endpoint = "employees/list")]
pub async fn list_employees(
    filter: EmployeeFilter,
) -> Result<std::sync::Arc<EmployeePage>, AppError> {
    as_actor(|db, a| async move {
        let pages = cache::<employee_list::EmployeePages>()?;
        employee_list::list_employees(&db, &pages, &a, &filter).await
    })
    .await
}

#[server(endpoint = "employees/get")]
pub async fn get_employee(id: i32) -> Result<EmployeeDetail, AppError> {
    as_actor(|db, a| async move { employee_detail::get_employee(&db, &a, id).await }).await
}

/// The page a new employee opens on, with JavaScript or without.
pub fn new_employee_page(id: i32) -> String {
    format!("/hr/employees/{id}?saved=1")
}

#[server(endpoint = "employees/create")]
pub async fn create_employee(form: EmployeeForm) -> Result<i32, AppError> {
    let done =
        as_actor(|db, a| async move { employees::create_employee(&db, &a, &form).await }).await;
    crate::server::request::created(done, new_employee_page)
}

#[server(endpoint = "employees/update")]
pub async fn update_employee(id: i32, form: EmployeeForm) -> Result<(), AppError> {
    as_actor(|db, a| async move { employees::update_employee(&db, &a, id, &form).await }).await
}

#[server(endpoint = "employees/set_active")]
pub async fn set_employee_active(id: i32, active: bool) -> Result<(), AppError> {
    as_actor(|db, a| async move { set_active::<employee::Model>(&db, &a, id, active).await }).await
}

#[server(endpoint = "employees/set_supervisor")]
pub async fn set_supervisor(id: i32, form: SupervisorForm) -> Result<(), AppError> {
    as_actor(|db, a| async move { supervisor_choice::set_supervisor(&db, &a, id, &form).await })
        .await
}

/// A new login, or a new temporary password for an existing one (shown once).
#[server(endpoint = "employees/issue_login")]
pub async fn issue_login(id: i32) -> Result<TemporaryPassword, AppError> {
    as_actor(|db, a| async move { login::issue_login(&db, &a, id).await }).await
}

/// Someone's profile; `None` for the logged-in user's own.
#[server(endpoint = "profile")]
pub async fn get_profile(id: Option<i32>) -> Result<Profile, AppError> {
    as_actor(|db, a| async move { profile::profile(&db, &a, id).await }).await
}

/// The HR overview with its charts, drawn here for the reader's language.
#[server(endpoint = "hr/overview")]
pub async fn get_hr_overview() -> Result<HrOverviewPage, AppError> {
    let lang = crate::i18n::detect_lang();
    as_actor(|db, a| async move {
        let data = overview::overview(&db, &a).await?;
        Ok(crate::ui::page_charts::hr_overview(data, lang))
    })
    .await
}

/// Checks a CSV file without writing anything.
#[server(endpoint = "employees/import/check")]
pub async fn check_import(csv: String) -> Result<ImportReport, AppError> {
    let part = import::Part::whole_file(false);
    as_actor(|db, a| async move { import::import(&db, &a, &csv, part).await }).await
}

/// Imports a CSV file or a part of one (`first_line` is the file line number of its
/// first data line). With errors, nothing is written unless `only_valid` is set.
#[server(endpoint = "employees/import")]
pub async fn import_employees(
    csv: String,
    first_line: usize,
    only_valid: bool,
) -> Result<ImportReport, AppError> {
    let part = import::Part {
        first_line,
        write: true,
        only_valid,
    };
    as_actor(|db, a| async move { import::import(&db, &a, &csv, part).await }).await
}
