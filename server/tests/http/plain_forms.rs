//! Forms posted before the page's WASM arrived (plain HTML posts): every server
//! function answers with a redirect back to the form's page, which shows the outcome
//! (the errors under their fields, or "saved"), never with the function's JSON.

use super::*;

const UNITS: &str = "SELECT COUNT(*) AS n FROM units";

#[tokio::test]
async fn a_failing_create_comes_back_as_its_page_with_the_error_under_the_field() {
    let (app, db) = app().await;
    let hr = login(&app, "hr.manna").await;
    let before = count(&db, UNITS).await;
    let form = "form[code]=DINKES&form[name]=Dinas+Kembar&form[kind]=dinas&form[parent_id]=";
    let r = plain_post(&app, "/api/units/create", Some(&hr), "/hr/units/new", form).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let back = r.headers["location"].to_str().unwrap();
    assert!(
        back.starts_with("/hr/units/new?form=/api/units/create&form_error="),
        "{back}"
    );
    assert_eq!(count(&db, UNITS).await, before, "nothing saved");

    let page = send(&app, "GET", back, Some(&hr), None).await;
    assert_eq!(page.status, StatusCode::OK);
    let field = page
        .body
        .find("id=\"code-error\"")
        .expect("the code field's error line");
    let line = &page.body[field..];
    let text = &line[line.find('>').unwrap() + 1..];
    assert!(
        text.starts_with("Kode ini sudah dipakai"),
        "the message sits under the code field: {}",
        &line[..120]
    );
}

#[tokio::test]
async fn a_passing_create_opens_the_new_record_and_an_update_says_saved() {
    let (app, db) = app().await;
    let hr = login(&app, "hr.manna").await;
    let form = "form[code]=TANPAJS&form[name]=Seksi+Tanpa+Skrip&form[kind]=seksi&form[parent_id]=";
    let r = plain_post(&app, "/api/units/create", Some(&hr), "/hr/units/new", form).await;
    assert_eq!(r.status, StatusCode::FOUND, "{}", r.body);
    let id = unit_id(&db, "KOTA-MANNA", "TANPAJS").await;
    assert_eq!(
        r.headers["location"],
        format!("/hr/units/{id}?saved=1").as_str()
    );

    // The edit form of that unit: an empty name comes back with the error, then a
    // good name comes back "saved" (and the old error is gone from the address).
    let from = format!("/hr/units/{id}?saved=1");
    let bad = format!("id={id}&form[code]=TANPAJS&form[name]=&form[kind]=seksi&form[parent_id]=");
    let r = plain_post(&app, "/api/units/update", Some(&hr), &from, &bad).await;
    let back = r.headers["location"].to_str().unwrap().to_string();
    assert!(back.starts_with(&format!("/hr/units/{id}?form=")), "{back}");
    let page = send(&app, "GET", &back, Some(&hr), None).await;
    assert!(
        page.body.contains("Wajib diisi."),
        "the name's error is shown"
    );
    assert!(!page.body.contains("Perubahan tersimpan."));

    let good = format!(
        "id={id}&form[code]=TANPAJS&form[name]=Seksi+Berganti&form[kind]=seksi&form[parent_id]="
    );
    let r = plain_post(&app, "/api/units/update", Some(&hr), &back, &good).await;
    assert_eq!(
        r.headers["location"],
        format!("/hr/units/{id}?saved=1").as_str()
    );
    let page = send(
        &app,
        "GET",
        &format!("/hr/units/{id}?saved=1"),
        Some(&hr),
        None,
    )
    .await;
    assert!(page.body.contains("Perubahan tersimpan.") && page.body.contains("Seksi Berganti"));
}

#[tokio::test]
async fn a_refused_plain_post_shows_the_refusal_on_the_page_not_json() {
    let (app, db) = app().await;
    let staff = login(&app, "pegawai.manna").await;
    let before = count(&db, UNITS).await;
    let form = "form[code]=LIAR&form[name]=Unit+Liar&form[kind]=seksi&form[parent_id]=";
    let r = plain_post(
        &app,
        "/api/units/create",
        Some(&staff),
        "/hr/units/new",
        form,
    )
    .await;
    assert_eq!(r.status, StatusCode::FOUND);
    let page = send(
        &app,
        "GET",
        r.headers["location"].to_str().unwrap(),
        Some(&staff),
        None,
    )
    .await;
    assert!(
        page.body.contains("Anda tidak berwenang"),
        "the refusal in words"
    );
    assert_eq!(count(&db, UNITS).await, before);
}
