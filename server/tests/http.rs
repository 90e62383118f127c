//! HTTP tests through the whole router (security layer, Leptos pages and server
//! functions, plain handlers) with `tower::ServiceExt::oneshot`: no network.

mod support;

use http::StatusCode;
use support::{count, enc, login, router, seeded, send, send_from, sqlite, Reply};

async fn app() -> (axum::Router, sea_orm::DatabaseConnection) {
    let db = seeded(sqlite("http").await).await;
    (router(db.clone()), db)
}

async fn unit_id(db: &sea_orm::DatabaseConnection, agency: &str, code: &str) -> i32 {
    let sql = format!("SELECT u.id AS n FROM units u JOIN agencies g ON g.id = u.agency_id WHERE g.code = '{agency}' AND u.code = '{code}'");
    count(db, &sql).await as i32
}

#[tokio::test]
async fn login_sets_a_safe_session_cookie_and_a_wrong_password_names_the_field() {
    let (app, _) = app().await;
    let r = send(
        &app,
        "POST",
        "/api/login",
        None,
        Some("account=hr.manna&password=cakap2026&next=/hr"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["next"], "/hr");
    let cookie = r.headers["set-cookie"].to_str().unwrap();
    for attr in ["cakap_session=", "HttpOnly", "SameSite=Lax", "Path=/"] {
        assert!(cookie.contains(attr), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "not configured for TLS");
    let r = send(
        &app,
        "POST",
        "/api/login",
        None,
        Some("account=hr.manna&password=nope&next=/"),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["Validation"][0]["field"], "password");
    assert!(r.headers.get("set-cookie").is_none());
}

#[tokio::test]
async fn repeated_failures_are_refused_with_a_clear_wait() {
    let (app, _) = app().await;
    for _ in 0..5 {
        send(
            &app,
            "POST",
            "/api/login",
            None,
            Some("account=pegawai.manna&password=x&next=/"),
        )
        .await;
    }
    let r = send(
        &app,
        "POST",
        "/api/login",
        None,
        Some("account=pegawai.manna&password=cakap2026&next=/"),
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        r.json()["RateLimited"]["retry_after_minutes"]
            .as_u64()
            .unwrap()
            >= 14
    );
}

#[tokio::test]
async fn a_login_form_posted_before_hydration_is_answered_with_redirects() {
    let (app, _) = app().await;
    let post = |body: &'static str| {
        let app = app.clone();
        async move {
            let req = http::Request::builder()
                .method("POST")
                .uri("/api/login")
                .header("host", support::HOST)
                .header("origin", support::ORIGIN)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "text/html")
                .header("referer", format!("{}/login", support::ORIGIN))
                .body(axum::body::Body::from(body))
                .unwrap();
            tower::ServiceExt::oneshot(app, req).await.unwrap()
        }
    };
    let ok = post("account=hr.manna&password=cakap2026&next=/hr/units").await;
    assert_eq!(ok.status(), StatusCode::FOUND);
    assert_eq!(ok.headers()["location"], "/hr/units");
    assert!(ok.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("cakap_session="));
    let bad = post("account=hr.manna&password=salah&next=/hr/units").await;
    assert_eq!(bad.status(), StatusCode::FOUND);
    assert_eq!(bad.headers()["location"], "/login?error=failed");
}

#[tokio::test]
async fn an_employee_creating_a_unit_gets_403_and_nothing_changes() {
    let (app, db) = app().await;
    let cookie = login(&app, "pegawai.manna").await;
    let before = count(&db, "SELECT COUNT(*) AS n FROM units").await;
    let audit = count(&db, "SELECT COUNT(*) AS n FROM audit_log").await;
    let r = send(
        &app,
        "POST",
        "/api/units/create",
        Some(&cookie),
        Some("form[code]=X1&form[name]=Unit+Liar&form[kind]=seksi&form[parent_id]="),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert_eq!(r.json(), serde_json::json!("Forbidden"));
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM units").await, before);
    assert_eq!(
        count(&db, "SELECT COUNT(*) AS n FROM audit_log").await,
        audit,
        "a refused call writes no audit row"
    );
}

#[tokio::test]
async fn hr_of_another_agency_cannot_change_a_unit_by_its_id() {
    let (app, db) = app().await;
    let cookie = login(&app, "hr.makassar").await;
    let dinkes_manna = unit_id(&db, "KOTA-MANNA", "DINKES").await;
    let body = format!(
        "id={dinkes_manna}&form[code]=DINKES&form[name]=Dibajak&form[kind]=dinas&form[parent_id]="
    );
    let r = send(
        &app,
        "POST",
        "/api/units/update",
        Some(&cookie),
        Some(&body),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = send(
        &app,
        "POST",
        "/api/units/get",
        Some(&cookie),
        Some(&format!("id={dinkes_manna}")),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let name = count(&db, &format!("SELECT COUNT(*) AS n FROM units WHERE id = {dinkes_manna} AND name = 'Dinas Kesehatan'")).await;
    assert_eq!(name, 1, "the unit keeps its name");
    // And an employee cannot read a colleague's profile by changing the id.
    let nurse = login(&app, "pegawai.manna").await;
    let hr_emp = count(
        &db,
        "SELECT employee_id AS n FROM users WHERE username = 'hr.manna'",
    )
    .await;
    let r = send(
        &app,
        "POST",
        "/api/profile",
        Some(&nurse),
        Some(&format!("id={hr_emp}")),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_state_change_from_another_origin_is_rejected_before_it_runs() {
    let (app, db) = app().await;
    let cookie = login(&app, "hr.manna").await;
    let before = count(&db, "SELECT COUNT(*) AS n FROM units").await;
    let body = Some("form[code]=CSRF&form[name]=Unit+Palsu&form[kind]=seksi&form[parent_id]=");
    let r = send_from(
        &app,
        "POST",
        "/api/units/create",
        Some(&cookie),
        body,
        Some("http://evil.example"),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = send_from(&app, "POST", "/api/units/create", Some(&cookie), body, None).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "no Origin and no Referer");
    assert_eq!(count(&db, "SELECT COUNT(*) AS n FROM units").await, before);
    // The same call from this site works.
    let r = send(&app, "POST", "/api/units/create", Some(&cookie), body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        count(&db, "SELECT COUNT(*) AS n FROM units").await,
        before + 1
    );
}

async fn post_import(app: &axum::Router, cookie: &str, csv: &str, only_valid: bool) -> Reply {
    let body = format!("csv={}&first_line=2&only_valid={only_valid}", enc(csv));
    send(
        app,
        "POST",
        "/api/employees/import",
        Some(cookie),
        Some(&body),
    )
    .await
}

#[tokio::test]
async fn a_csv_with_bad_lines_gets_per_line_errors_and_saves_nothing() {
    let (app, db) = app().await;
    let cookie = login(&app, "hr.manna").await;
    let csv = "nip;nama;jenis_kelamin;status;kode_unit;kode_jabatan\n\
               199201012019032011;Rina Puspita;P;PNS;PKM-KOTA;PERAWAT-TRP\n\
               199201012019032012;Nama Salah Kelamin;L;PNS;PKM-KOTA;PERAWAT-TRP\n\
               199201012019032013;Kode Jabatan Salah;P;PNS;PKM-KOTA;PILOT\n";
    let before = count(&db, "SELECT COUNT(*) AS n FROM employees").await;
    let r = post_import(&app, &cookie, csv, false).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let errors = r.json()["Validation"].as_array().unwrap().clone();
    let got: Vec<(u64, String, String)> = errors
        .iter()
        .map(|e| {
            (
                e["line"].as_u64().unwrap(),
                e["field"].as_str().unwrap().into(),
                e["msg"]["key"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (3, "jenis_kelamin".into(), "err.sex_nip_mismatch".into()),
            (4, "kode_jabatan".into(), "err.csv_unknown_position".into()),
        ]
    );
    assert_eq!(
        count(&db, "SELECT COUNT(*) AS n FROM employees").await,
        before,
        "nothing saved"
    );
    let r = post_import(&app, &cookie, csv, true).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        count(&db, "SELECT COUNT(*) AS n FROM employees").await,
        before + 1
    );
}

#[tokio::test]
async fn pages_render_on_the_server_with_a_nonce_csp_and_hardening_headers() {
    let (app, _) = app().await;
    let cookie = login(&app, "hr.manna").await;
    let r = send(&app, "GET", "/hr/units", Some(&cookie), None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("Puskesmas Kota Manna") && r.body.contains("Unit kerja"),
        "server-rendered list"
    );
    assert!(r.body.contains("<html lang=\"id\""));
    let csp = r.headers["content-security-policy"].to_str().unwrap();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .unwrap()
        .split('\'')
        .next()
        .unwrap();
    assert!(
        r.body.contains(&format!("nonce=\"{nonce}\"")),
        "the hydration script carries the CSP nonce"
    );
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(r.headers["x-content-type-options"], "nosniff");
    assert_eq!(
        r.headers["referrer-policy"],
        "strict-origin-when-cross-origin"
    );
    assert_eq!(r.headers["x-frame-options"], "DENY");
    let r = send(&app, "GET", "/tidak-ada", Some(&cookie), None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Halaman tidak ditemukan"));
}

#[tokio::test]
async fn a_visitor_is_asked_to_log_in_and_server_functions_answer_401() {
    let (app, _) = app().await;
    let r = send(&app, "POST", "/api/units/list", None, Some("")).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = send(&app, "GET", "/hr/units", None, None).await;
    assert!(r.body.contains("Silakan masuk terlebih dahulu"));
    let r = send(&app, "GET", "/hr/employees.csv", None, None).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_language_switch_sets_a_cookie_and_pages_follow_it() {
    let (app, _) = app().await;
    let r = send(&app, "POST", "/lang", None, Some("lang=en&next=/login")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.headers["location"], "/login");
    assert!(r.headers["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("lang=en;"));
    let r = send(&app, "GET", "/login", Some("lang=en"), None).await;
    assert!(
        r.body.contains("<html lang=\"en\"")
            && r.body.contains("Log in")
            && !r.body.contains("Kata sandi")
    );
    let r = send(
        &app,
        "POST",
        "/lang",
        None,
        Some("lang=id&next=https://evil.example"),
    )
    .await;
    assert_eq!(r.headers["location"], "/", "only local paths are followed");
}

#[tokio::test]
async fn hr_downloads_the_csv_and_an_employee_may_not() {
    let (app, _) = app().await;
    let hr = login(&app, "hr.manna").await;
    let r = send(&app, "GET", "/hr/employees.csv", Some(&hr), None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(r.body.starts_with(
        "nip,nama,jenis_kelamin,status,kode_unit,kode_jabatan,kepala_unit,tanggal_mulai"
    ));
    assert_eq!(
        r.body.lines().count(),
        46,
        "the header and the 45 employees of Kota Manna"
    );
    let nurse = login(&app, "pegawai.manna").await;
    let r = send(&app, "GET", "/hr/employees.csv", Some(&nurse), None).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_session_stops_working_at_once_after_logout_or_deactivation() {
    let (app, db) = app().await;
    // Both sessions are used first, so the process has them remembered.
    let employee = login(&app, "pegawai.manna").await;
    let hr = login(&app, "hr.manna").await;
    let r = send(&app, "POST", "/api/profile", Some(&employee), Some("")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let id = count(
        &db,
        "SELECT employee_id AS n FROM users WHERE username = 'pegawai.manna'",
    )
    .await;
    let body = format!("id={id}&active=false");
    let r = send(
        &app,
        "POST",
        "/api/employees/set_active",
        Some(&hr),
        Some(&body),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = send(&app, "POST", "/api/profile", Some(&employee), Some("")).await;
    assert_eq!(
        r.status,
        StatusCode::UNAUTHORIZED,
        "deactivated: {}",
        r.body
    );

    let r = send(&app, "POST", "/api/logout", Some(&hr), Some("")).await;
    assert!(
        r.status.is_success() || r.status.is_redirection(),
        "{}",
        r.status
    );
    let r = send(&app, "POST", "/api/units/list", Some(&hr), Some("")).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "logged out: {}", r.body);
}

#[derive(sea_orm::FromQueryResult)]
struct Rater {
    name: String,
    nip: String,
    source: app::assessment::model::Source,
}

/// Names and NIPs (to log in) of the peers who rated an employee in the latest demo
/// campaign, with the supervisor's NIP.
async fn raters_of(
    db: &sea_orm::DatabaseConnection,
    ratee: i64,
) -> (Vec<(String, String)>, String) {
    use app::assessment::model::Source;
    use sea_orm::FromQueryResult;
    let ratee = ratee as i32;
    let stmt = sea_orm::raw_sql!(
        Postgres,
        "SELECT e.name, e.nip, r.source FROM campaign_raters r JOIN employees e ON e.id = r.rater_id
         WHERE r.ratee_id = {ratee}
           AND r.campaign_id = (SELECT MAX(campaign_id) FROM campaign_ratees WHERE employee_id = {ratee})"
    );
    let rows = Rater::find_by_statement(app::server::sql::on(db, stmt))
        .all(db)
        .await
        .unwrap();
    let peers = rows
        .iter()
        .filter(|r| r.source == Source::Peer)
        .map(|r| (r.name.clone(), r.nip.clone()))
        .collect();
    let sup = rows
        .iter()
        .find(|r| r.source == Source::Supervisor)
        .map(|r| r.nip.clone())
        .unwrap();
    (peers, sup)
}

#[tokio::test]
async fn no_response_names_a_peer_or_shows_a_peer_score_and_dashboards_stay_private() {
    let (app, db) = app().await;
    let ratee = count(
        &db,
        "SELECT employee_id AS n FROM users WHERE username = 'pegawai.manna'",
    )
    .await;
    let (peers, sup_nip) = raters_of(&db, ratee).await;
    assert!(
        peers.len() >= 3,
        "the demo gives the nurse at least k peers"
    );
    let nurse = login(&app, "pegawai.manna").await;
    let supervisor = login(&app, &sup_nip).await;
    let peer = login(&app, &peers[0].1).await;
    let own = format!("employee={ratee}");
    let calls: Vec<(&str, &String, &str)> = vec![
        ("/api/dashboard/get", &nurse, ""),
        ("/api/dashboard/get", &supervisor, &own),
        ("/api/dashboard/get", &peer, ""),
        ("/api/assess/todo", &nurse, ""),
        ("/api/assess/todo", &supervisor, ""),
        ("/api/assess/todo", &peer, ""),
        ("/api/assess/peers", &supervisor, ""),
        ("/api/standards/mine", &nurse, ""),
    ];
    for (path, cookie, body) in calls {
        let r = send(&app, "POST", path, Some(cookie), Some(body)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        for (i, (name, _)) in peers.iter().enumerate() {
            // A peer may of course see their own name on their own dashboard.
            if std::ptr::eq(cookie, &peer) && i == 0 {
                continue;
            }
            assert!(
                !r.body.contains(name.as_str()),
                "{path} revealed peer {name}"
            );
        }
    }
    // The dashboard carries aggregates only: per competency no more than these fields.
    let page = send(&app, "POST", "/api/dashboard/get", Some(&nurse), Some(""))
        .await
        .json();
    let d = &page["dashboard"];
    let item = d["items"][0].as_object().unwrap();
    let mut keys: Vec<&str> = item.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "code",
            "dropped",
            "gap",
            "measured",
            "name",
            "others",
            "required",
            "self_level"
        ]
    );
    assert!(d["feedback"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["source"] == "supervisor" || f["author"].is_null()));

    // Another employee's dashboard, or a peer's form, is refused.
    let colleague = count(&db, "SELECT e.id AS n FROM employees e JOIN users u ON u.employee_id = e.id WHERE u.username = 'hr.manna'").await;
    let r = send(
        &app,
        "POST",
        "/api/dashboard/get",
        Some(&nurse),
        Some(&format!("employee={colleague}")),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let peer_row = count(&db, &format!(
        "SELECT MIN(r.id) AS n FROM campaign_raters r JOIN employees e ON e.id = r.rater_id WHERE r.ratee_id = {ratee} AND r.source = 'peer'"
    )).await;
    let r = send(
        &app,
        "POST",
        "/api/assess/form",
        Some(&nurse),
        Some(&format!("id={peer_row}")),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn ratified_standards_are_public_and_drafts_are_not() {
    let (app, db) = app().await;
    let r = send(&app, "GET", "/public/standards", None, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("Perawat Terampil"),
        "the public list names ratified standards"
    );
    let ratified = count(
        &db,
        "SELECT MIN(id) AS n FROM standards WHERE status = 'ratified'",
    )
    .await;
    let r = send(&app, "GET", &format!("/standards/{ratified}"), None, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Integritas"));
    let hr = login(&app, "hr.manna").await;
    let pos = count(&db, "SELECT position_id AS n FROM standards WHERE id = (SELECT MIN(id) FROM standards WHERE status = 'ratified')").await;
    let r = send(
        &app,
        "POST",
        "/api/standards/start",
        Some(&hr),
        Some(&format!("position_id={pos}")),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let draft: i64 = r.body.trim().parse().unwrap();
    let r = send(
        &app,
        "POST",
        "/api/standards/get",
        None,
        Some(&format!("id={draft}")),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "a draft is not public");
}

/// Two HR administrators create the same unit code at the same moment. The first
/// one's transaction has written the unit but not committed when the second request
/// runs: the second passes the service's check (it cannot see the uncommitted
/// unit), then waits on the unique index. When the first commits, the database
/// refuses the second, and that must read as the check's field error (422 naming
/// `code`), never a 500. On SQLite the second waits for the write lock instead and
/// meets the check itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_duplicate_created_concurrently_gets_the_field_error_not_a_500() {
    use app::server::entities::{agency, unit};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
    for (backend, db) in support::backends("dup_code").await {
        let db = seeded(db).await;
        let app = router(db.clone());
        let cookie = login(&app, "hr.manna").await;
        let manna = agency::Entity::find().filter(agency::Column::Code.eq("KOTA-MANNA"));
        let agency = manna.one(&db).await.unwrap().unwrap().id;
        let first = db.begin().await.unwrap();
        let now = app::server::db::now();
        unit::ActiveModel {
            agency_id: Set(agency),
            code: Set("KEMBAR".into()),
            name: Set("Unit Kembar".into()),
            kind: Set(app::org::input::UnitKind::Seksi),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&first)
        .await
        .unwrap();
        let body = "form[code]=KEMBAR&form[name]=Unit+Kembar&form[kind]=seksi&form[parent_id]=";
        let second = tokio::spawn({
            let (app, cookie) = (app.clone(), cookie.clone());
            async move { send(&app, "POST", "/api/units/create", Some(&cookie), Some(body)).await }
        });
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        assert!(
            !second.is_finished(),
            "{backend}: the second waits for the first"
        );
        app::server::commit(first).await.unwrap();
        let r = second.await.unwrap();
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{backend}: {}",
            r.body
        );
        let field = &r.json()["Validation"][0];
        assert_eq!(field["field"], "code", "{backend}: {}", r.body);
        assert_eq!(field["msg"]["key"], "err.code_taken", "{backend}");
        let q = "SELECT COUNT(*) AS n FROM units WHERE code = 'KEMBAR'";
        assert_eq!(count(&db, q).await, 1, "{backend}");
    }
}
