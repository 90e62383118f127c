//! Published results over HTTP: the public pages as the server sends them (no login,
//! complete before any script), the snapshot file and its check by upload, and
//! publishing kept to HR.

use super::*;
use axum::body::Body;
use http::Request;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use tower::ServiceExt;

async fn check_upload(app: &axum::Router, text: &str) -> String {
    let boundary = "XcakapX";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"s.json\"\r\n\
         Content-Type: application/json\r\n\r\n{text}\r\n--{boundary}--\r\n"
    );
    let req = Request::builder()
        .method("POST")
        .uri("/publik/verifikasi/berkas")
        .header("host", support::HOST)
        .header("origin", support::ORIGIN)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    let r = app.clone().oneshot(req).await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    r.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn the_public_reads_results_without_logging_in() {
    let (app, db) = app().await;
    let list = send(&app, "GET", "/publik", None, None).await;
    assert_eq!(list.status, StatusCode::OK);
    assert!(
        list.body.contains("Pemerintah Kota Manna") && list.body.contains("/publik/KOTA-MANNA")
    );
    let page = send(&app, "GET", "/publik/KOTA-MANNA", None, None).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Peringkat unit",
        "Cara menghitung angka ini",
        "Penilaian Kompetensi 2026",
        "Daftar kehormatan",
        "Kunci publik",
        // The citizen survey's index of the snapshot's year, per service unit.
        "Kepuasan masyarakat (IKM 2026)",
        "Puskesmas Kota Manna",
    ] {
        assert!(page.body.contains(text), "{text} missing");
    }
    // The latest version is the demo's correction, with its reason; the first stays readable.
    assert!(page.body.contains("Menambahkan daftar kehormatan"));
    let first = count(&db, "SELECT CAST(MIN(id) AS BIGINT) AS n FROM snapshots").await;
    let old = send(
        &app,
        "GET",
        &format!("/publik/KOTA-MANNA?snapshot={first}"),
        None,
        None,
    )
    .await;
    assert_eq!(old.status, StatusCode::OK);
    assert!(old.body.contains("Penilaian Kompetensi 2025"));
    // Another agency's snapshot is not read under this agency's address.
    let theirs = count(&db, "SELECT CAST(MAX(s.id) AS BIGINT) AS n FROM snapshots s JOIN agencies a ON a.id = s.agency_id WHERE a.code = 'KOTA-MAKASSAR'").await;
    let wrong = send(
        &app,
        "GET",
        &format!("/publik/KOTA-MANNA?snapshot={theirs}"),
        None,
        None,
    )
    .await;
    assert_eq!(wrong.status, StatusCode::NOT_FOUND);
    let none = send(&app, "GET", "/publik/NOPE", None, None).await;
    assert_eq!(none.status, StatusCode::NOT_FOUND);
    // The ranking by another figure is a link away (no script needed).
    let by = send(&app, "GET", "/publik/KOTA-MANNA?urut=memenuhi", None, None).await;
    assert!(by.body.contains("Bagian pegawai yang semua kompetensinya"));
}

#[tokio::test]
async fn a_snapshot_file_downloads_and_checks_by_upload() {
    let (app, db) = app().await;
    let id = count(&db, "SELECT CAST(MAX(id) AS BIGINT) AS n FROM snapshots").await;
    let file = send(&app, "GET", &format!("/publik/berkas/{id}"), None, None).await;
    assert_eq!(file.status, StatusCode::OK);
    // A published snapshot never changes: it may be kept for good.
    assert_eq!(
        file.headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert!(file.headers["content-disposition"]
        .to_str()
        .unwrap()
        .starts_with("attachment; filename=\"snapshot-KOTA-MAKASSAR-"));
    assert!(
        file.body.starts_with("{\"hash\":\""),
        "{}",
        &file.body[..80]
    );
    let to = check_upload(&app, &file.body).await;
    assert!(
        to.contains("masalah=&") && to.ends_with(&format!("&id={id}")),
        "{to}"
    );
    let changed = file.body.replacen("\"sequence\":", "\"sequence\":9", 1);
    let to = check_upload(&app, &changed).await;
    assert!(
        to.contains("masalah=hash,tanda_tangan") && !to.contains("&id="),
        "{to}"
    );
    // The answer leads back to the verification page, which shows what was found.
    assert!(to.starts_with("/publik/verifikasi?berkas="), "{to}");
    let shown = send(&app, "GET", &to, None, None).await;
    assert_eq!(shown.status, StatusCode::OK);
    assert!(shown.body.contains("data-testid=\"file-result\""));
    let to = check_upload(&app, "not json").await;
    assert!(to.contains("masalah=berkas"), "{to}");
    // The page reads the check back: by number it rechecks the stored snapshot.
    let page = send(
        &app,
        "GET",
        &format!("/publik/verifikasi?id={id}"),
        None,
        None,
    )
    .await;
    let main = &page.body[page.body.find("<main").unwrap_or(0)..];
    assert!(
        main.contains("Utuh: hash, tanda tangan, dan seluruh rantai"),
        "{} {:?} {main}",
        page.status,
        page.headers
    );
    let missing = send(&app, "GET", "/publik/berkas/999999", None, None).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_hr_publishes() {
    let (app, db) = app().await;
    let campaign = count(
        &db,
        "SELECT CAST(MAX(c.id) AS BIGINT) AS n FROM campaigns c JOIN agencies a \
         ON a.id = c.agency_id WHERE a.code = 'KOTA-MANNA' AND c.status = 'closed'",
    )
    .await;
    let form = format!(
        "campaign={campaign}&reason={}&confirm=on",
        enc("Koreksi oleh orang yang tidak berhak.")
    );
    let anon = send(&app, "POST", "/api/publication/publish", None, Some(&form)).await;
    assert_eq!(anon.status, StatusCode::UNAUTHORIZED);
    let nurse = login(&app, "pegawai.manna").await;
    let r = send(
        &app,
        "POST",
        "/api/publication/publish",
        Some(&nurse),
        Some(&form),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // HR of another agency cannot publish Kota Manna's campaign.
    let hr = login(&app, "hr.makassar").await;
    let r = send(
        &app,
        "POST",
        "/api/publication/publish",
        Some(&hr),
        Some(&form),
    )
    .await;
    assert!(
        r.status == StatusCode::FORBIDDEN || r.status == StatusCode::NOT_FOUND,
        "{}",
        r.status
    );
    let hr = login(&app, "hr.manna").await;
    let manna = count(&db, "SELECT CAST(MAX(c.id) AS BIGINT) AS n FROM campaigns c JOIN agencies a ON a.id = c.agency_id WHERE a.code = 'KOTA-MANNA' AND c.status = 'closed'").await;
    let unconfirmed = format!(
        "campaign={manna}&reason={}",
        enc("Koreksi tanpa centang konfirmasi.")
    );
    let r = send(
        &app,
        "POST",
        "/api/publication/publish",
        Some(&hr),
        Some(&unconfirmed),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let before = count(&db, "SELECT COUNT(*) AS n FROM snapshots").await;
    let ok = format!(
        "campaign={manna}&reason={}&confirm=on",
        enc("Koreksi data unit yang salah tempat.")
    );
    let r = send(
        &app,
        "POST",
        "/api/publication/publish",
        Some(&hr),
        Some(&ok),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(
        count(&db, "SELECT COUNT(*) AS n FROM snapshots").await,
        before + 1
    );
    let page = send(&app, "GET", "/hr/publikasi", Some(&hr), None).await;
    assert!(page.body.contains("Terbitkan koreksi"));
    let page = send(&app, "GET", "/hr/publikasi", Some(&nurse), None).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
}

/// The agency's page is kept for visitors (server::public_pages): a signed-in
/// reader never gets the visitors' copy, nor a visitor theirs, and a consent
/// revoked through the page's form leaves the kept page at once.
#[tokio::test]
async fn a_kept_public_page_is_a_visitors_only_and_a_revocation_retires_it() {
    let (app, db) = app().await;
    let shown = app::publication::service::read::published(&db, "KOTA-MANNA", None)
        .await
        .unwrap();
    let named = shown.honour[0].name.clone();
    let visitor = send(&app, "GET", "/publik/KOTA-MANNA", None, None).await;
    assert!(visitor.body.contains(&named));
    assert!(!visitor.body.contains("userbox-name"));
    let hr = login(&app, "hr.manna").await;
    let reader = send(&app, "GET", "/publik/KOTA-MANNA", Some(&hr), None).await;
    assert!(
        reader.body.contains("userbox-name"),
        "the reader's own menu"
    );
    let again = send(&app, "GET", "/publik/KOTA-MANNA", None, None).await;
    assert!(!again.body.contains("userbox-name"));
    // The named person revokes their consent (their NIP is their login).
    let nip = app::server::entities::employee::Entity::find()
        .filter(app::server::entities::employee::Column::Name.eq(named.clone()))
        .one(&db)
        .await
        .unwrap()
        .unwrap()
        .nip;
    let person = login(&app, &nip).await;
    let r = send(
        &app,
        "POST",
        "/api/publication/consent",
        Some(&person),
        Some("kind=daftar_kehormatan&given=false"),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let after = send(&app, "GET", "/publik/KOTA-MANNA", None, None).await;
    assert_eq!(after.status, StatusCode::OK);
    assert!(
        !after.body.contains(&named),
        "the name is gone from the page"
    );
}
