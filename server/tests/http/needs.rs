//! Training needs over HTTP: the page as the server renders it, and the AKPK files
//! with who may download which.

use super::*;

#[tokio::test]
async fn a_leader_reads_and_downloads_their_units_needs_only() {
    let (app, db) = app().await;
    let leader = login(&app, "kadinkes.manna").await;
    let page = send(&app, "GET", "/needs", Some(&leader), None).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "Peta kebutuhan",
        "Puskesmas Kota Manna",
        "Staf langsung unit ini",
        "akpk.csv",
    ] {
        assert!(page.body.contains(text), "{text}");
    }
    assert!(
        !page.body.contains("Dinas Pendidikan"),
        "another unit's row"
    );

    let r = send(&app, "GET", "/needs/akpk.csv", Some(&leader), None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(r.headers["content-disposition"]
        .to_str()
        .unwrap()
        .contains("akpk.csv"));
    assert!(r
        .body
        .starts_with("NIP,Nama,Unit kerja,Jabatan,Jenjang jabatan,Kompetensi"));
    assert!(r.body.lines().count() > 2);
    assert!(!r.body.contains("Dinas Pendidikan"));

    let disdik = unit_id(&db, "KOTA-MANNA", "DISDIK").await;
    for file in ["akpk", "units"] {
        let path = format!("/needs/{file}.csv?unit={disdik}");
        let r = send(&app, "GET", &path, Some(&leader), None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
    }
}

#[tokio::test]
async fn hr_downloads_the_agency_and_others_are_refused() {
    let (app, _) = app().await;
    let hr = login(&app, "hr.manna").await;
    let r = send(&app, "GET", "/needs/units.csv", Some(&hr), None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.starts_with("Kode,Nama unit,Kompetensi,"),
        "{}",
        r.body
    );
    for unit in [
        "Dinas Pendidikan",
        "Dinas Kesehatan",
        "Puskesmas Kota Manna",
    ] {
        assert!(r.body.contains(unit), "{unit}");
    }
    let nurse = login(&app, "pegawai.manna").await;
    for path in ["/needs/akpk.csv", "/needs/units.csv"] {
        let r = send(&app, "GET", path, Some(&nurse), None).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
        let r = send(&app, "GET", path, None, None).await;
        assert!(r.status.is_redirection(), "{path}");
        assert_eq!(r.headers["location"], "/login?next=/needs");
    }
}

/// The page's data as the browser asks for it after navigating: the server function
/// with no filter at all (an empty form) and with every filter.
#[tokio::test]
async fn the_needs_function_answers_with_and_without_filters() {
    let (app, db) = app().await;
    let leader = login(&app, "kadinkes.manna").await;
    let r = send(&app, "POST", "/api/needs/get", Some(&leader), Some("")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Puskesmas Kota Manna"));
    let pkm = unit_id(&db, "KOTA-MANNA", "PKM-KOTA").await;
    let form = format!("unit={pkm}&level=jf_terampil&group=manajerial");
    let r = send(&app, "POST", "/api/needs/get", Some(&leader), Some(&form)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(!r.body.contains("SK.1"), "the group filter holds");
    let r = send(
        &app,
        "POST",
        "/api/calibration/get",
        Some(&leader),
        Some(""),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
}
