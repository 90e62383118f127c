//! What goes over the network: pages compressed on the way out, the built assets sent
//! as the brotli or gzip copy made at build time, and kept by browsers only when
//! their name carries a hash.

use super::*;
use http_body_util::BodyExt;
use std::io::Read;
use tower::ServiceExt;

async fn get(
    app: &axum::Router,
    path: &str,
    encodings: Option<&str>,
) -> (http::HeaderMap, Vec<u8>) {
    let mut b = http::Request::builder()
        .uri(path)
        .header("host", support::HOST);
    if let Some(e) = encodings {
        b = b.header("accept-encoding", e);
    }
    let res = app
        .clone()
        .oneshot(b.body(axum::body::Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    let headers = res.headers().clone();
    (
        headers,
        res.into_body().collect().await.unwrap().to_bytes().to_vec(),
    )
}

fn header<'a>(h: &'a http::HeaderMap, name: &str) -> &'a str {
    h.get(name).map_or("", |v| v.to_str().unwrap())
}

fn gunzip(bytes: &[u8]) -> String {
    let mut out = String::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_string(&mut out)
        .unwrap();
    out
}

fn unzstd(bytes: &[u8]) -> String {
    String::from_utf8(zstd::stream::decode_all(bytes).unwrap()).unwrap()
}

fn unbrotli(bytes: &[u8]) -> String {
    let mut out = String::new();
    brotli::Decompressor::new(bytes, 4096)
        .read_to_string(&mut out)
        .unwrap();
    out
}

#[tokio::test]
async fn pages_go_out_compressed_as_the_browser_asks_and_stay_uncached() {
    let (app, _db) = app().await;
    let (plain_h, plain) = get(&app, "/login", None).await;
    assert_eq!(header(&plain_h, "content-encoding"), "");
    let page = String::from_utf8(plain).unwrap();
    assert!(page.contains("<form"), "{page}");
    let (gz_h, gz) = get(&app, "/login", Some("gzip")).await;
    assert_eq!(header(&gz_h, "content-encoding"), "gzip");
    let (br_h, br) = get(&app, "/login", Some("br, gzip")).await;
    assert_eq!(header(&br_h, "content-encoding"), "br");
    let (zs_h, zs) = get(&app, "/login", Some("gzip, deflate, br, zstd")).await;
    assert_eq!(header(&zs_h, "content-encoding"), "zstd");
    for (h, sent, body) in [
        (&gz_h, gz.len(), gunzip(&gz)),
        (&br_h, br.len(), unbrotli(&br)),
        (&zs_h, zs.len(), unzstd(&zs)),
    ] {
        assert!(header(h, "vary").to_lowercase().contains("accept-encoding"));
        assert_eq!(header(h, "cache-control"), "no-store");
        // The same page (its nonce differs from one render to the next).
        assert_eq!(
            body.matches("<input").count(),
            page.matches("<input").count()
        );
        assert!(
            3 * sent < 2 * body.len(),
            "{} bytes sent as {sent}",
            body.len()
        );
    }
}

#[tokio::test]
async fn built_assets_are_sent_precompressed_and_hashed_names_are_kept_a_year() {
    let site = std::env::temp_dir().join(format!("cakap-site-{}", rand::random::<u32>()));
    let pkg = site.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let hashed = "cakap.0123456789abcdef.js";
    std::fs::write(pkg.join(hashed), "console.log('plain');").unwrap();
    std::fs::write(pkg.join(format!("{hashed}.br")), b"brotli bytes").unwrap();
    std::fs::write(pkg.join(format!("{hashed}.gz")), b"gzip bytes").unwrap();
    std::fs::write(pkg.join("cakap.js"), "console.log('plain');").unwrap();
    let db = sqlite("http_assets").await;
    let options = leptos::prelude::LeptosOptions::builder()
        .output_name(std::sync::Arc::<str>::from("cakap"))
        .site_root(std::sync::Arc::<str>::from(site.to_str().unwrap()))
        .build();
    let app = server::build_router(app::server::AppState::new(options, db, Default::default()));
    let path = format!("/pkg/{hashed}");
    for (accepts, encoding, body) in [
        (Some("gzip, deflate, br"), "br", &b"brotli bytes"[..]),
        (Some("gzip"), "gzip", &b"gzip bytes"[..]),
        (None, "", &b"console.log('plain');"[..]),
    ] {
        let (h, bytes) = get(&app, &path, accepts).await;
        assert_eq!(header(&h, "content-encoding"), encoding, "{accepts:?}");
        assert_eq!(bytes, body, "{accepts:?}");
        assert_eq!(
            header(&h, "cache-control"),
            "public, max-age=31536000, immutable"
        );
        assert!(header(&h, "vary")
            .to_lowercase()
            .contains("accept-encoding"));
        assert!(header(&h, "content-type").contains("javascript"));
    }
    // A name without a hash may change its bytes: the browser asks again each time.
    let (h, _) = get(&app, "/pkg/cakap.js", Some("br")).await;
    assert_eq!(header(&h, "cache-control"), "no-cache");
    // So does a hashed name this build does not have: never a year-long 404.
    let res = app
        .clone()
        .oneshot(
            http::Request::builder()
                .uri("/pkg/cakap.fedcba9876543210.js")
                .header("host", support::HOST)
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert_eq!(header(res.headers(), "cache-control"), "no-cache");
    std::fs::remove_dir_all(site).unwrap();
}
