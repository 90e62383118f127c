//! Logging in and out: cookies, throttling, plain form posts, visitors, ended sessions.

use super::*;

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
    let post =
        |body: &'static str| plain_post(&app, "/api/login", None, "/login?next=/hr/units", body);
    let ok = post("account=hr.manna&password=cakap2026&next=/hr/units").await;
    assert_eq!(ok.status, StatusCode::FOUND);
    assert_eq!(ok.headers["location"], "/hr/units");
    assert!(ok.headers["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("cakap_session="));
    // A failure comes back to the login page (still going to the same place) with
    // the error, which the page shows.
    let bad = post("account=hr.manna&password=salah&next=/hr/units").await;
    assert_eq!(bad.status, StatusCode::FOUND);
    let back = bad.headers["location"].to_str().unwrap();
    assert!(
        back.starts_with("/login?next=/hr/units&form=/api/login&form_error="),
        "{back}"
    );
    let page = send(&app, "GET", back, None, None).await;
    assert!(
        page.body.contains("atau kata sandi salah."),
        "{}",
        page.body
    );
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
async fn a_session_stops_working_at_once_after_logout_or_deactivation() {
    let (app, db) = app().await;
    // Both sessions are used first, so the process has them remembered.
    let employee = login(&app, "pegawai.manna").await;
    let hr = login(&app, "hr.manna").await;
    let r = send(&app, "POST", "/api/profile", Some(&employee), Some("")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let id = support::actor(&db, "pegawai.manna")
        .await
        .employee_id
        .unwrap();
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

#[tokio::test]
async fn crafted_next_targets_after_login_and_language_switch_stay_on_the_site() {
    let (app, _) = app().await;
    let plain_post = |path: &'static str, body: String| {
        let app = app.clone();
        async move {
            let req = http::Request::builder()
                .method("POST")
                .uri(path)
                .header("host", support::HOST)
                .header("origin", support::ORIGIN)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("accept", "text/html")
                .body(axum::body::Body::from(body))
                .unwrap();
            tower::ServiceExt::oneshot(app, req).await.unwrap()
        }
    };
    // Tab, newline, backslashes, encoded and double-encoded slashes.
    for next in [
        "/%09/evil.example",
        "/%0A/evil.example",
        "/%5C/evil.example",
        "%5C%5Cevil.example",
        "/%252F/evil.example",
        "/hr%0D%0ASet-Cookie:%20x=1",
    ] {
        let r = plain_post("/lang", format!("lang=en&next={next}")).await;
        assert!(r.status().is_redirection(), "{next}: {}", r.status());
        assert_eq!(r.headers()["location"], "/", "language switch, {next}");
        let body = format!("account=hr.manna&password=cakap2026&next={next}");
        let r = plain_post("/api/login", body).await;
        assert_eq!(r.status(), StatusCode::FOUND, "{next}");
        assert_eq!(r.headers()["location"], "/", "login, {next}");
    }
}

#[tokio::test]
async fn a_new_login_ends_the_session_the_browser_still_carried() {
    let (app, _) = app().await;
    let old = login(&app, "pegawai.manna").await;
    let body = "account=pegawai.manna&password=cakap2026&next=/";
    let r = send(&app, "POST", "/api/login", Some(&old), Some(body)).await;
    assert_eq!(r.status, StatusCode::OK);
    let r = send(&app, "POST", "/api/profile", Some(&old), Some("")).await;
    assert_eq!(
        r.status,
        StatusCode::UNAUTHORIZED,
        "the old session is gone"
    );
}

#[tokio::test]
async fn a_temporary_password_opens_only_the_change_form_until_it_is_changed() {
    let (app, db) = app().await;
    let hr = login(&app, "hr.manna").await;
    let id = support::actor(&db, "pegawai.manna")
        .await
        .employee_id
        .unwrap();
    let body = format!("id={id}");
    let r = send(
        &app,
        "POST",
        "/api/employees/issue_login",
        Some(&hr),
        Some(&body),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let temporary = r.json()["password"].as_str().unwrap().to_string();
    let body = format!("account=pegawai.manna&password={temporary}&next=/dashboard");
    let r = send(&app, "POST", "/api/login", None, Some(&body)).await;
    assert_eq!(r.json()["next"], "/account/password");
    let cookie = r.headers["set-cookie"].to_str().unwrap();
    let me = cookie.split(';').next().unwrap().to_string();
    let r = send(&app, "POST", "/api/profile", Some(&me), Some("")).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json(), serde_json::json!("PasswordChangeRequired"));
    let r = send(&app, "GET", "/hr/employees.csv", Some(&me), None).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = send(&app, "GET", "/dashboard", Some(&me), None).await;
    assert!(
        r.body.contains("data-testid=\"reset-banner\""),
        "the page says why"
    );
    let form = format!(
        "form[current]={}&form[new]=sandi-milik-sendiri&form[repeat]=sandi-milik-sendiri",
        enc(&temporary)
    );
    let r = send(
        &app,
        "POST",
        "/api/account/password",
        Some(&me),
        Some(&form),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let r = send(&app, "POST", "/api/profile", Some(&me), Some("")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}
