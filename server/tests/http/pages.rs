//! Pages rendered on the server: security headers, the language switch, the CSV import.

use super::*;

#[tokio::test]
async fn pages_render_on_the_server_with_a_nonce_csp_and_hardening_headers() {
    let (app, _) = app().await;
    let cookie = login(&app, "hr.manna").await;
    let r = send(&app, "GET", "/hr/units", Some(&cookie), None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("Dinas Kesehatan") && r.body.contains("Unit kerja"),
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
    // Personal pages and server-function answers are never stored by a browser or a
    // proxy.
    assert_eq!(r.headers["cache-control"], "no-store");
    let r = send(&app, "POST", "/api/profile", Some(&cookie), Some("")).await;
    assert_eq!(r.headers["cache-control"], "no-store");
    let r = send(&app, "GET", "/tidak-ada", Some(&cookie), None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Halaman tidak ditemukan"));
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
async fn the_visitor_home_promises_only_pages_that_exist_and_leads_to_them() {
    let (app, _) = app().await;
    let home = send(&app, "GET", "/", None, None).await;
    assert!(!home.body.contains("segera"), "nothing 'coming soon'");
    for link in [
        "/login?next=/dashboard",
        "/login?next=/assess",
        "/public/standards",
    ] {
        assert!(home.body.contains(&format!("href=\"{link}\"")), "{link}");
        let page = send(&app, "GET", link, None, None).await;
        assert_eq!(page.status, StatusCode::OK, "{link}");
    }
    let public = send(&app, "GET", "/public/standards", None, None).await;
    assert!(
        public.body.contains("href=\"/standards/"),
        "the ratified standards are listed"
    );
}
