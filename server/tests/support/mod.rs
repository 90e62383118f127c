//! Test support: fresh migrated databases (a temporary SQLite file, and a new
//! database in the throwaway PostgreSQL cluster that `scripts/test.sh` starts, named
//! by CAKAP_TEST_PG_URL), the router over them, and HTTP helpers.
#![allow(dead_code)]

use app::auth::model::Actor;
use app::server::entities::{agency, employee, unit, user};
use app::server::{AppState, Config};
use axum::body::Body;
use axum::Router;
use http::{Request, StatusCode};
use http_body_util::BodyExt;
use sea_orm::{ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::sync::Arc;
use tower::ServiceExt;

pub const ORIGIN: &str = "http://cakap.test";
pub const HOST: &str = "cakap.test";

fn unique(label: &str) -> String {
    format!("{label}_{}_{}", std::process::id(), rand::random::<u32>())
}

/// The audit key every test process uses (a server loads its own from a file).
pub const TEST_AUDIT_KEY: &[u8] = b"cakap test audit key, not a secret";

/// The snapshot signing key every test process uses (32 bytes).
pub const TEST_SIGNING_KEY: [u8; 32] = [7; 32];

fn audit_key() {
    app::audit::service::key::install(TEST_AUDIT_KEY.to_vec()).unwrap();
    app::publication::service::signing::install(&TEST_SIGNING_KEY).unwrap();
}

/// A fresh, migrated, empty SQLite database in a temporary file.
pub async fn sqlite(label: &str) -> DatabaseConnection {
    audit_key();
    let dir = std::env::temp_dir().join("cakap-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}.db", unique(label)));
    server::connect_and_migrate(&format!("sqlite://{}?mode=rwc", path.display()))
        .await
        .unwrap()
}

/// A new empty database in the throwaway PostgreSQL cluster, by URL, when one is
/// configured (CAKAP_REQUIRE_PG makes its absence a failure).
pub async fn postgres_url(label: &str) -> Option<String> {
    let Ok(admin_url) = std::env::var("CAKAP_TEST_PG_URL") else {
        assert!(
            std::env::var("CAKAP_REQUIRE_PG").is_err(),
            "CAKAP_REQUIRE_PG is set but CAKAP_TEST_PG_URL is not"
        );
        eprintln!("note: CAKAP_TEST_PG_URL not set; PostgreSQL variant of {label} skipped");
        return None;
    };
    let name = unique(label).to_lowercase();
    let admin = sea_orm::Database::connect(format!("{admin_url}/postgres"))
        .await
        .unwrap();
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    admin.close().await.ok();
    Some(format!("{admin_url}/{name}"))
}

/// A fresh, migrated, empty PostgreSQL database, when a test cluster is configured.
pub async fn postgres(label: &str) -> Option<DatabaseConnection> {
    audit_key();
    let url = postgres_url(label).await?;
    Some(server::connect_and_migrate(&url).await.unwrap())
}

/// Every backend to run a service test on: SQLite always, PostgreSQL when configured.
pub async fn backends(label: &str) -> Vec<(&'static str, DatabaseConnection)> {
    let mut out = vec![("sqlite", sqlite(label).await)];
    if let Some(pg) = postgres(label).await {
        out.push(("postgres", pg));
    }
    out
}

/// A database with the demo data.
pub async fn seeded(db: DatabaseConnection) -> DatabaseConnection {
    server::seed::demo::seed(&db)
        .await
        .unwrap()
        .expect("empty database");
    db
}

pub fn state(db: DatabaseConnection) -> AppState {
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name(Arc::<str>::from("cakap"))
        .site_root(Arc::<str>::from("target/site"))
        .build();
    let config = Config {
        read_cache: db.get_database_backend() == sea_orm::DbBackend::Sqlite,
        published_cache: true,
        ..Config::default()
    };
    AppState::new(options, db, config)
}

pub fn router(db: DatabaseConnection) -> Router {
    server::build_router(state(db))
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: http::HeaderMap,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
}

/// Sends one request through the router (no network), as a browser on this site would.
pub async fn send(
    app: &Router,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    form: Option<&str>,
) -> Reply {
    send_from(app, method, path, cookie, form, Some(ORIGIN)).await
}

pub async fn send_from(
    app: &Router,
    method: &str,
    path: &str,
    cookie: Option<&str>,
    form: Option<&str>,
    origin: Option<&str>,
) -> Reply {
    let mut b = Request::builder()
        .method(method)
        .uri(path)
        .header("host", HOST);
    if let Some(o) = origin {
        b = b.header("origin", o);
    }
    if let Some(c) = cookie {
        b = b.header("cookie", c);
    }
    let body = match form {
        Some(f) => {
            b = b
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "application/json");
            Body::from(f.to_string())
        }
        None => Body::empty(),
    };
    let res = app.clone().oneshot(b.body(body).unwrap()).await.unwrap();
    reply(res).await
}

/// A response read whole.
async fn reply(res: axum::response::Response) -> Reply {
    let status = res.status();
    let headers = res.headers().clone();
    let bytes = res.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).to_string(),
    }
}

/// Posts a form as a browser does before the page's WASM has arrived: HTML accepted,
/// sent from the page at `from` (its Referer).
pub async fn plain_post(
    app: &Router,
    path: &str,
    cookie: Option<&str>,
    from: &str,
    form: &str,
) -> Reply {
    let mut b = Request::builder()
        .method("POST")
        .uri(path)
        .header("host", HOST)
        .header("origin", ORIGIN)
        .header("referer", format!("{ORIGIN}{from}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html,application/xhtml+xml");
    if let Some(c) = cookie {
        b = b.header("cookie", c);
    }
    let res = app
        .clone()
        .oneshot(b.body(Body::from(form.to_string())).unwrap())
        .await
        .unwrap();
    reply(res).await
}

pub fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Logs in through the login server function; returns the `Cookie:` value.
pub async fn login(app: &Router, account: &str) -> String {
    let r = send(
        app,
        "POST",
        "/api/login",
        None,
        Some(&format!(
            "account={}&password=cakap2026&next=/",
            enc(account)
        )),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::OK,
        "login of {account} failed: {}",
        r.body
    );
    let set = r
        .headers
        .get("set-cookie")
        .expect("session cookie")
        .to_str()
        .unwrap();
    set.split(';').next().unwrap().to_string()
}

#[derive(sea_orm::FromQueryResult)]
struct Count {
    n: i64,
}

/// One number from the database: `sql` selects it `AS n` (no parameters).
pub async fn count(db: &DatabaseConnection, sql: &str) -> i64 {
    let stmt = sea_orm::Statement::from_string(db.get_database_backend(), sql);
    use sea_orm::FromQueryResult;
    Count::find_by_statement(stmt)
        .one(db)
        .await
        .unwrap()
        .expect("one row")
        .n
}

/// The login account of that name.
pub async fn user_named(db: &DatabaseConnection, username: &str) -> user::Model {
    user::Entity::find()
        .filter(user::Column::Username.eq(username))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

/// The acting user of an account, loaded as a login loads them.
pub async fn actor(db: &DatabaseConnection, username: &str) -> Actor {
    let u = user_named(db, username).await;
    app::auth::service::load_actor(db, u).await.unwrap()
}

/// The NIP of an employee.
pub async fn nip(db: &DatabaseConnection, id: i32) -> String {
    employee::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .nip
}

/// An agency's id by its code.
pub async fn agency_id(db: &DatabaseConnection, code: &str) -> i32 {
    agency::Entity::find()
        .filter(agency::Column::Code.eq(code))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A unit's id by its agency's code and its own.
pub async fn unit_id(db: &DatabaseConnection, agency: &str, code: &str) -> i32 {
    unit::Entity::find()
        .filter(unit::Column::AgencyId.eq(agency_id(db, agency).await))
        .filter(unit::Column::Code.eq(code))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A second pool on the same database: what another app server would hold.
pub async fn another_server(db: &DatabaseConnection) -> DatabaseConnection {
    if db.get_database_backend() == sea_orm::DbBackend::Sqlite {
        let options = db.get_sqlite_connection_pool().connect_options();
        let url = format!("sqlite://{}?mode=rwc", options.get_filename().display());
        return app::server::db::connect(&url).await.unwrap();
    }
    let options = db.get_postgres_connection_pool().connect_options();
    let pool = sea_orm::sqlx::postgres::PgPoolOptions::new()
        .max_connections(4)
        .connect_with((*options).clone())
        .await
        .unwrap();
    sea_orm::SqlxPostgresConnector::from_sqlx_postgres_pool(pool)
}
