//! Service tests on fresh migrated databases: SQLite always, PostgreSQL when the test
//! script provides a cluster. Each scenario runs on every backend.

#[path = "../support/mod.rs"]
mod support;

mod accounts;
mod audit_login;
mod csv;
mod leaders;
mod lists;
mod logins;
mod sessions;
mod staff;
mod supervisors;
mod units;

use app::audit::service::{verify, Verdict};
use app::auth::model::Actor;
use app::error::AppError;
use app::org::model::UnitForm;
use app::org::service as org;
use app::people::model::{EmployeeFilter, EmployeeForm, SupervisorForm};
use app::people::service::{
    employee_detail, employee_list, employees, import, profile, supervision, supervisor_choice,
};
use app::server::entities::{employee, unit};
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use support::{actor, backends, count, nip, seeded, unit_id, user_named};

fn form(code: &str, name: &str, parent: Option<i32>) -> UnitForm {
    UnitForm {
        code: code.into(),
        name: name.into(),
        kind: "seksi".into(),
        parent_id: parent.map(|p| p.to_string()).unwrap_or_default(),
    }
}

/// One login try from `ip`, as the login form makes it.
async fn try_login(
    db: &DatabaseConnection,
    account: &str,
    password: &str,
    ip: &str,
) -> Result<app::auth::service::LoggedIn, AppError> {
    let attempt = app::auth::service::LoginTry {
        account,
        password,
        ip,
        replaces: None,
    };
    app::auth::service::login(db, attempt).await
}

/// Logs in; the hash of the new session's token.
async fn log_in(
    db: &DatabaseConnection,
    account: &str,
    password: &str,
) -> Result<String, AppError> {
    let ok = try_login(db, account, password, "10.1.2.3").await?;
    Ok(app::auth::token::hash(&ok.token))
}

fn keys(e: &AppError) -> Vec<String> {
    e.fields().iter().map(|f| f.msg.key.clone()).collect()
}
