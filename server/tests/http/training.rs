//! Training over HTTP: the pages as the server renders them, and certificate files
//! sent as a plain multipart form and downloaded back (type by content, size cap,
//! an attachment for those concerned only).

use super::*;
use axum::body::Body;
use http::Request;
use tower::ServiceExt;

/// Posts a certificate form as the programme page's plain form does.
async fn upload(
    app: &axum::Router,
    cookie: &str,
    enrolment: i64,
    bytes: &[u8],
) -> http::Response<Body> {
    let boundary = "XcakapX";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"enrolment\"\r\n\r\n{enrolment}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/x.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = Request::builder()
        .method("POST")
        .uri("/training/certificate")
        .header("host", support::HOST)
        .header("origin", support::ORIGIN)
        .header(
            "referer",
            format!("{}/training/programmes/1", support::ORIGIN),
        )
        .header("cookie", cookie)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    app.clone().oneshot(req).await.unwrap()
}

#[tokio::test]
async fn certificates_go_up_as_a_plain_form_and_come_back_as_an_attachment() {
    let (app, db) = app().await;
    let hr = login(&app, "hr.manna").await;
    let id = count(
        &db,
        "SELECT CAST(MIN(id) AS BIGINT) AS n FROM enrolments WHERE status = 'lulus'",
    )
    .await;
    // Not a PDF or an image: back to the page with the error in its query.
    let r = upload(&app, &hr, id, b"<script>alert(1)</script>").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        to.starts_with("/training/programmes/1?")
            && to.contains("form_error")
            && to.contains("err.tr_cert_type"),
        "{to}"
    );
    let r = upload(&app, &hr, id, b"%PDF-1.7\n%%EOF\n").await;
    let to = r.headers()["location"].to_str().unwrap().to_string();
    assert!(to.contains("saved=1") && !to.contains("form_error"), "{to}");
    // Downloaded as an attachment under a name of ours, never the uploader's.
    let got = send(
        &app,
        "GET",
        &format!("/training/certificate/{id}"),
        Some(&hr),
        None,
    )
    .await;
    assert_eq!(got.status, StatusCode::OK);
    assert_eq!(got.headers["content-type"], "application/pdf");
    assert_eq!(
        got.headers["content-disposition"],
        format!("attachment; filename=\"sertifikat-{id}.pdf\"").as_str()
    );
    assert!(got.body.starts_with("%PDF-"));
    // Someone else's: refused; no session: to the login page.
    let other = login(&app, "hr.makassar").await;
    let r = send(
        &app,
        "GET",
        &format!("/training/certificate/{id}"),
        Some(&other),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = send(
        &app,
        "GET",
        &format!("/training/certificate/{id}"),
        None,
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_training_pages_render_for_their_readers() {
    let (app, _db) = app().await;
    let nurse = login(&app, "pegawai.manna").await;
    let page = send(&app, "GET", "/training", Some(&nurse), None).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Katalog pelatihan",
        "Pelatihan Pelayanan Publik Prima",
        "Ajukan",
    ] {
        assert!(page.body.contains(text), "{text}");
    }
    let page = send(&app, "GET", "/training/mine", Some(&nurse), None).await;
    assert!(page.body.contains("dari 20 JP tahun"), "the JP bar");
    let page = send(&app, "GET", "/training/pace", Some(&nurse), None).await;
    assert!(
        page.body.contains("Anda tidak berwenang"),
        "a nurse leads no unit"
    );
    let hr = login(&app, "hr.manna").await;
    let page = send(&app, "GET", "/training/effect", Some(&hr), None).await;
    assert!(
        page.body.contains("Penguatan Kompetensi Prioritas 2026"),
        "the demo's measured programme"
    );
    let page = send(&app, "GET", "/training/pace", Some(&hr), None).await;
    assert!(page.body.contains("Sesuai jalur"), "HR's pace table");
}
