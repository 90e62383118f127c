//! HR's unit tree: collapsed to the top units, a branch opened on the server (the
//! toggle link, without JavaScript) or fetched (hydrated), and a search with paths.

use super::*;

#[tokio::test]
async fn the_unit_tree_opens_on_demand_and_search_finds_deep_units() {
    let (app, db) = app().await;
    let hr = login(&app, "hr.manna").await;
    let dinkes = unit_id(&db, "KOTA-MANNA", "DINKES").await;
    let pkm = unit_id(&db, "KOTA-MANNA", "PKM-KOTA").await;

    let top = send(&app, "GET", "/hr/units", Some(&hr), None).await;
    assert_eq!(top.status, StatusCode::OK);
    assert!(top.body.contains("Dinas Kesehatan"));
    assert!(
        !top.body.contains("Puskesmas Kota Manna"),
        "collapsed: deep units are not sent"
    );
    assert!(
        top.body
            .contains(&format!("href=\"/hr/units?open={dinkes}\"")),
        "the toggle link"
    );

    let opened = send(
        &app,
        "GET",
        &format!("/hr/units?open={pkm}"),
        Some(&hr),
        None,
    )
    .await;
    assert!(
        opened.body.contains("Puskesmas Kota Manna"),
        "opened down to the unit"
    );
    assert!(opened.body.contains("aria-expanded=\"true\""));

    let found = send(&app, "GET", "/hr/units?q=PUSKES", Some(&hr), None).await;
    assert!(found.body.contains("Puskesmas Kota Manna"));
    assert!(found.body.contains("Dinas Kesehatan"), "the hit's path");
    let none = send(&app, "GET", "/hr/units?q=%25", Some(&hr), None).await;
    assert!(
        none.body.contains("Tidak ada unit yang cocok"),
        "a typed % matches itself"
    );

    let body = format!("parent={dinkes}&depth=0");
    let r = send(&app, "POST", "/api/units/children", Some(&hr), Some(&body)).await;
    assert_eq!(r.status, StatusCode::OK);
    let names: Vec<String> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["unit"]["name"].as_str().unwrap().to_string())
        .collect();
    assert!(
        names.iter().any(|n| n == "Puskesmas Kota Manna"),
        "{names:?}"
    );
    assert!(r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .all(|n| n["unit"]["depth"] == 1));
    let other = login(&app, "hr.makassar").await;
    let r = send(
        &app,
        "POST",
        "/api/units/children",
        Some(&other),
        Some(&body),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "another agency's branch");
}
