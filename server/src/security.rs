//! Request guard and response headers. State-changing requests must come from this
//! site (the Origin, or failing that the Referer, must match the Host or a configured
//! origin): together with SameSite=Lax cookies this stops cross-site request forgery.
//! Every response gets the usual hardening headers; pages carry their own CSP with a
//! nonce (set in the shell), other responses a strict default.

use app::server::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next()?;
    Some(format!("{scheme}://{host}").to_lowercase())
}

/// Whether a state-changing request comes from an allowed origin.
pub fn same_origin(req: &Request<Body>, allowed: &[String]) -> bool {
    let h = req.headers();
    let claimed = match h.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        Some("null") => return false,
        Some(o) => origin_of(o),
        None => h
            .get(header::REFERER)
            .and_then(|v| v.to_str().ok())
            .and_then(origin_of),
    };
    let Some(claimed) = claimed else { return false };
    let host = h
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_lowercase();
    let host_matches = claimed
        .split_once("://")
        .is_some_and(|(_, authority)| authority == host);
    host_matches || allowed.iter().any(|a| a.eq_ignore_ascii_case(&claimed))
}

/// Files of the built site (WASM, JS, CSS under `/pkg/`, and the files of `public/`
/// at the root): the same for everyone. Named exactly, not by extension: a page path
/// such as `/dashboard/x.png` is still a personal page.
pub fn is_static_asset(path: &str) -> bool {
    const ROOT_FILES: [&str; 1] = ["/favicon.svg"];
    path.starts_with("/pkg/") || ROOT_FILES.contains(&path)
}

/// A built file whose name carries the hash of its bytes (`cakap.<16 hex>.wasm`,
/// see `publish_assets` in scripts/lib.sh).
pub fn is_hashed_asset(path: &str) -> bool {
    let Some(name) = path.strip_prefix("/pkg/") else {
        return false;
    };
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() == 3 && parts[1].len() == 16 && parts[1].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Who may keep an answer. Pages carry the reader's name and data, server functions
/// answer for one user: neither may be kept by a shared computer's browser or a
/// proxy. A hashed asset name always means the same bytes (a new build has new
/// names); other assets are asked for again each time.
fn caching(path: &str) -> &'static str {
    if !is_static_asset(path) {
        "no-store"
    } else if is_hashed_asset(path) {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

/// Published data anyone may read, the same for everyone (the open-data API and
/// snapshot files): its handler says how long it may be kept (a numbered snapshot
/// never changes), and that stands.
fn public_data(path: &str) -> bool {
    path.starts_with("/api/v1/") || path.starts_with("/publik/berkas/")
}

/// Published data is read-only: any other method than reading is not allowed there
/// (405), which says more than the cross-site refusal would.
fn read_only() -> Response {
    let mut res = StatusCode::METHOD_NOT_ALLOWED.into_response();
    res.headers_mut().insert(
        header::ALLOW,
        HeaderValue::from_static("GET, HEAD, OPTIONS"),
    );
    res
}

/// Sets who may keep the answer, unless it is published data whose handler said so.
fn set_caching(h: &mut axum::http::HeaderMap, caching: &'static str, public: bool) {
    let declared = h
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("public"));
    if !(public && declared && !h.contains_key(header::SET_COOKIE)) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(caching));
    }
}

pub async fn guard(State(st): State<AppState>, req: Request<Body>, next: Next) -> Response {
    let unsafe_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if unsafe_method && (public_data(req.uri().path()) || req.uri().path() == "/api/v1") {
        return read_only();
    }
    if unsafe_method && !same_origin(&req, &st.config.allowed_origins) {
        return (
            StatusCode::FORBIDDEN,
            "Permintaan lintas situs ditolak / cross-site request rejected",
        )
            .into_response();
    }
    let static_asset = is_static_asset(req.uri().path());
    let caching = caching(req.uri().path());
    let public = public_data(req.uri().path());
    let mut res = next.run(req).await;
    let ok = res.status().is_success();
    let h = res.headers_mut();
    // A missing file is asked for again (a page of an older build may name a hashed
    // file this build no longer has).
    let caching = if ok || !static_asset {
        caching
    } else {
        "no-cache"
    };
    set_caching(h, caching, public);
    // The same address answers brotli, gzip or plain bytes by the request's
    // Accept-Encoding: a cache must keep them apart.
    if static_asset && ok && !h.contains_key(header::VARY) {
        h.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    let set = |h: &mut axum::http::HeaderMap, k: header::HeaderName, v: &'static str| {
        h.entry(k).or_insert(HeaderValue::from_static(v));
    };
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(
        h,
        header::REFERRER_POLICY,
        "strict-origin-when-cross-origin",
    );
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(
        h,
        header::HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=()",
    );
    set(
        h,
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
    );
    if st.config.secure_cookies {
        set(h, header::STRICT_TRANSPORT_SECURITY, "max-age=31536000");
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn req(origin: Option<&str>, referer: Option<&str>) -> Request<Body> {
        let mut b = Request::builder()
            .method("POST")
            .uri("/api/x")
            .header("host", "127.0.0.1:3000");
        if let Some(o) = origin {
            b = b.header("origin", o);
        }
        if let Some(r) = referer {
            b = b.header("referer", r);
        }
        b.body(Body::empty()).unwrap()
    }

    #[test]
    fn the_request_must_name_this_site_as_its_origin() {
        assert!(same_origin(&req(Some("http://127.0.0.1:3000"), None), &[]));
        assert!(!same_origin(&req(Some("http://evil.example"), None), &[]));
        assert!(!same_origin(&req(Some("null"), None), &[]));
    }

    #[test]
    fn without_origin_the_referer_decides_and_without_both_it_is_refused() {
        assert!(same_origin(
            &req(None, Some("http://127.0.0.1:3000/hr/units")),
            &[]
        ));
        assert!(!same_origin(&req(None, Some("http://evil.example/x")), &[]));
        assert!(!same_origin(&req(None, None), &[]));
    }

    #[test]
    fn only_files_of_the_built_site_count_as_static() {
        assert!(is_static_asset("/pkg/cakap.wasm"));
        assert!(is_static_asset("/favicon.svg"));
        for personal in [
            "/",
            "/dashboard",
            "/dashboard/x.png",
            "/people/x.css",
            "/api/profile",
            "/hr/employees.csv",
            "/login",
        ] {
            assert!(!is_static_asset(personal), "{personal}");
        }
    }

    #[test]
    fn only_names_carrying_a_hash_are_kept_for_a_year() {
        assert!(is_hashed_asset("/pkg/cakap.0123456789abcdef.wasm"));
        assert!(is_hashed_asset("/pkg/cakap.0123456789abcdef.css"));
        for other in [
            "/pkg/cakap.wasm",
            "/pkg/cakap.0123456789abcdeg.js",
            "/pkg/cakap.0123456789abcde.js",
            "/pkg/cakap.0123456789abcdef.js.br",
            "/x/cakap.0123456789abcdef.js",
            "/favicon.svg",
        ] {
            assert!(!is_hashed_asset(other), "{other}");
        }
    }

    #[test]
    fn a_configured_public_origin_is_accepted_behind_a_proxy() {
        let allowed = vec!["https://cakap.example.go.id".to_string()];
        assert!(same_origin(
            &req(Some("https://cakap.example.go.id"), None),
            &allowed
        ));
    }
}
