//! The open-data API: published data only, JSON and CSV, ETag and Cache-Control,
//! paging, any origin may read, errors as JSON naming the parameter, and an OpenAPI
//! document that lists every endpoint.

use super::*;

async fn get(app: &axum::Router, path: &str) -> support::Reply {
    send(app, "GET", path, None, None).await
}

#[tokio::test]
async fn the_api_serves_agencies_snapshots_and_figures_with_etags() {
    let (app, _db) = app().await;
    let list = get(&app, "/api/v1/agencies").await;
    assert_eq!(list.status, StatusCode::OK);
    assert_eq!(list.headers["access-control-allow-origin"], "*");
    assert_eq!(list.headers["cache-control"], "public, max-age=300");
    let agencies = list.json();
    assert_eq!(agencies["total"], 2);
    let manna = agencies["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["code"] == "KOTA-MANNA")
        .unwrap()
        .clone();
    // Asked again with its ETag: 304, no body.
    let etag = list.headers["etag"].to_str().unwrap().to_string();
    let req = http::Request::get("/api/v1/agencies")
        .header("if-none-match", &etag)
        .body(axum::body::Body::empty())
        .unwrap();
    let again = tower::ServiceExt::oneshot(app.clone(), req).await.unwrap();
    assert_eq!(again.status(), StatusCode::NOT_MODIFIED);
    // Paging.
    let one = get(&app, "/api/v1/agencies?per_page=1&page=2").await.json();
    assert_eq!(
        (one["items"].as_array().unwrap().len(), one["page"].as_u64()),
        (1, Some(2))
    );
    // The chain: newest first, each naming the hash of the one before it.
    let chain = get(&app, "/api/v1/agencies/KOTA-MANNA/snapshots")
        .await
        .json();
    let items = chain["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["id"], manna["latest_snapshot"]);
    for w in items.windows(2) {
        assert_eq!(w[0]["previous_hash"], w[1]["hash"]);
    }
    assert_eq!(
        (items[1]["current"].as_bool(), items[0]["current"].as_bool()),
        (Some(false), Some(true))
    );
    // One snapshot: the signed file, kept for good, and it verifies offline.
    let id = items[0]["id"].as_i64().unwrap();
    let file = get(&app, &format!("/api/v1/snapshots/{id}")).await;
    assert_eq!(
        file.headers["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let key = items[0]["public_key"].as_str().unwrap();
    let (_, problems) = app::publication::service::verify::verify_file(&file.body, key);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        get(&app, "/api/v1/snapshots/999999").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn figures_come_as_json_or_csv_and_bad_parameters_are_named() {
    let (app, _db) = app().await;
    let r = get(&app, "/api/v1/agencies/KOTA-MANNA/rankings?by=memenuhi").await;
    assert_eq!(r.status, StatusCode::OK);
    let r = r.json();
    assert_eq!(r["by"], "memenuhi");
    let rows = r["rows"].as_array().unwrap();
    assert!(rows
        .iter()
        .all(|x| x["people"].is_null() || x["people"].as_u64() >= Some(5)));
    assert_eq!(rows[0]["rank"], 1);
    let csv = get(&app, "/api/v1/agencies/KOTA-MANNA/units?format=csv").await;
    assert!(csv.headers["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(
        csv.body
            .starts_with("code,name,parent,people,withheld,mean_jpm,meeting,on_pace,change\n"),
        "{}",
        csv.body
    );
    let ikm = get(&app, "/api/v1/agencies/KOTA-MANNA/ikm").await.json();
    let ikm = ikm.as_array().unwrap();
    assert_eq!(ikm.len(), 3);
    assert!(ikm.iter().all(|s| s["grade"].is_string()
        && s["ikm"]
            .as_f64()
            .is_some_and(|v| (25.0..=100.0).contains(&v))));
    let standards = get(&app, "/api/v1/standards").await.json();
    assert!(!standards.as_array().unwrap().is_empty());
    for (path, param) in [
        ("/api/v1/agencies?page=0", "page"),
        ("/api/v1/agencies?per_page=500", "per_page"),
        ("/api/v1/agencies/KOTA-MANNA/rankings?by=nama", "by"),
        ("/api/v1/agencies/KOTA-MANNA/units?format=xml", "format"),
        ("/api/v1/agencies/KOTA-MANNA/units?snapshot=abc", "snapshot"),
        // Given empty is not absent.
        ("/api/v1/agencies?page=", "page"),
        ("/api/v1/agencies/KOTA-MANNA/ikm?snapshot=", "snapshot"),
    ] {
        let r = get(&app, path).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{path}");
        assert!(
            r.json()["message"]
                .as_str()
                .unwrap()
                .contains(&format!("`{param}`")),
            "{path}"
        );
    }
    assert_eq!(
        get(&app, "/api/v1/agencies/NOPE/units").await.status,
        StatusCode::NOT_FOUND
    );
    // Another agency's snapshot is not read under this agency's code.
    let theirs = get(&app, "/api/v1/agencies/KOTA-MAKASSAR/snapshots")
        .await
        .json();
    let id = &theirs["items"][0]["id"];
    let r = get(
        &app,
        &format!("/api/v1/agencies/KOTA-MANNA/units?snapshot={id}"),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_openapi_document_lists_every_endpoint_and_a_page_reads_it() {
    let (app, _db) = app().await;
    let doc = get(&app, "/api/v1/openapi.json").await.json();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/agencies",
        "/api/v1/agencies/{code}/snapshots",
        "/api/v1/snapshots/{id}",
        "/api/v1/agencies/{code}/units",
        "/api/v1/agencies/{code}/rankings",
        "/api/v1/agencies/{code}/ikm",
        "/api/v1/standards",
    ] {
        assert!(doc["paths"][path]["get"].is_object(), "{path}");
    }
    // Every schema a parameter names is in the document (a client can resolve it).
    for schema in ["Format", "By", "Problem", "Ranking", "AgencyPage"] {
        assert!(doc["components"]["schemas"][schema].is_object(), "{schema}");
    }
    let page = get(&app, "/api/v1").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("GET /api/v1/agencies/{code}/rankings"));
    // A page of another site may read it (preflight).
    let req = http::Request::builder()
        .method("OPTIONS")
        .uri("/api/v1/agencies")
        .header("origin", "https://data.example.org")
        .body(axum::body::Body::empty())
        .unwrap();
    let pre = tower::ServiceExt::oneshot(app.clone(), req).await.unwrap();
    assert_eq!(pre.status(), StatusCode::NO_CONTENT);
    assert_eq!(pre.headers()["access-control-allow-origin"], "*");
    // Read-only: another method is not allowed (not refused as cross-site).
    let post = send(&app, "POST", "/api/v1/agencies", None, Some("x=1")).await;
    assert_eq!(post.status, StatusCode::METHOD_NOT_ALLOWED);
}
