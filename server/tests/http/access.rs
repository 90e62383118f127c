//! Who may change what: roles, agencies, origins, the CSV download, concurrent duplicates.

use super::*;

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
    let hr_emp = support::actor(&db, "hr.manna").await.employee_id.unwrap();
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

/// Two HR administrators create the same unit code at the same moment. The first
/// one's transaction has written the unit but not committed when the second request
/// runs: the second passes the service's check (it cannot see the uncommitted
/// unit), then waits on the unique index. When the first commits, the database
/// refuses the second, and that must read as the check's field error (422 naming
/// `code`), never a 500. On SQLite the second waits for the write lock instead and
/// meets the check itself.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_duplicate_created_concurrently_gets_the_field_error_not_a_500() {
    use app::server::entities::unit;
    use sea_orm::{ActiveModelTrait, Set, TransactionTrait};
    for (backend, db) in support::backends("dup_code").await {
        let db = seeded(db).await;
        let app = router(db.clone());
        let cookie = login(&app, "hr.manna").await;
        let agency = support::agency_id(&db, "KOTA-MANNA").await;
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

/// A page that cannot be shown says why in its title too (login needed, not allowed,
/// not there), and the login link of a
/// visitor brings them back to the page they asked for.
#[tokio::test]
async fn a_refused_page_is_titled_so_and_login_comes_back_to_it() {
    let (app, db) = app().await;
    let r = send(&app, "GET", "/dashboard", None, None).await;
    assert!(
        r.body.contains("<title>Perlu masuk · Cakap</title>"),
        "{}",
        r.body
    );
    assert!(
        r.body.contains(r#"href="/login?next=%2Fdashboard""#),
        "{}",
        r.body
    );
    // Someone of another agency: not the employee's to read.
    let other = count(
        &db,
        "SELECT MIN(e.id) AS n FROM employees e JOIN users u ON u.employee_id = e.id
         WHERE u.username = 'hr.makassar' OR e.agency_id <> (SELECT agency_id FROM users
           WHERE username = 'pegawai.manna')",
    )
    .await;
    let nurse = login(&app, "pegawai.manna").await;
    let r = send(
        &app,
        "GET",
        &format!("/dashboard/{other}"),
        Some(&nurse),
        None,
    )
    .await;
    assert!(
        r.body.contains("<title>Akses ditolak · Cakap</title>"),
        "{}",
        r.body
    );
    let r = send(&app, "GET", "/dashboard/999999", Some(&nurse), None).await;
    assert!(
        r.body
            .contains("<title>Halaman tidak ditemukan · Cakap</title>"),
        "{}",
        r.body
    );
    // Logged in, the header shows no login link at all.
    assert!(!r.body.contains("/login?next="), "{}", r.body);
}

/// HR's tools (the "new" buttons, the search) are not offered above a "not allowed".
#[tokio::test]
async fn hr_tools_are_offered_to_hr_only() {
    let (app, _db) = app().await;
    let hr = login(&app, "hr.manna").await;
    let nurse = login(&app, "pegawai.manna").await;
    for (page, new) in [
        ("/hr/units", "/hr/units/new"),
        ("/hr/employees", "/hr/employees/new"),
    ] {
        let r = send(&app, "GET", page, Some(&hr), None).await;
        assert!(r.body.contains(&format!(r#"href="{new}""#)), "{page}");
        assert!(r.body.contains(r#"role="search""#), "{page}");
        let r = send(&app, "GET", page, Some(&nurse), None).await;
        assert!(
            r.body.contains("<title>Akses ditolak · Cakap</title>"),
            "{page}"
        );
        assert!(
            !r.body.contains(&format!(r#"href="{new}""#)),
            "{page}: {}",
            r.body
        );
        assert!(!r.body.contains(r#"role="search""#), "{page}: {}", r.body);
    }
    // A visitor is not logged in: not twice told so on their dashboard.
    let r = send(&app, "GET", "/dashboard", None, None).await;
    assert_eq!(
        r.body.matches("Silakan masuk terlebih dahulu.").count(),
        1,
        "{}",
        r.body
    );
}
