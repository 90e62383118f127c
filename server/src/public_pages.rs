//! The public results pages (`/publik`, `/publik/{agency}`) as rendered for
//! visitors, kept between commits and sent again as they are.
//!
//! Why: a published snapshot never changes, and on the day results are announced
//! many people open the same agency's page. Rendering it (a regency's units, its
//! charts, the page's data for hydration) costs far more than sending bytes; kept,
//! the page goes out nearly as fast as a static file (bench/public.sh).
//!
//! What is kept is what is the same for every visitor: a GET without a session
//! cookie (a signed-in reader's menu carries their name), answered 200 without
//! `Set-Cookie`, by address (path and query) and language. It is kept as the read
//! caches keep answers (`app::server::read_cache`): any commit of this process (a
//! publication, a correction, a revoked consent) retires it at once, and another
//! process's within the time-to-live. The verification page is never kept: it
//! checks the stored chain afresh each time.
//!
//! Each answer gets a fresh CSP nonce: the kept page's nonce is replaced in its
//! scripts and its header, so no answer tells the nonce of another.

use crate::stall;
use app::i18n::Lang;
use app::publication::view::verify::VERIFY_PAGE;
use app::server::read_cache::{ReadCache, TTL};
use app::server::Config;
use axum::body::Body;
use axum::response::Response;
use http::header::{self, HeaderMap, HeaderValue};
use http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use std::convert::Infallible;
use std::sync::Arc;
use tower::Service;

/// A page as rendered, with the nonce it was rendered with.
pub struct Rendered {
    headers: HeaderMap,
    body: String,
    nonce: Option<String>,
}

/// Kept pages by (path and query, language).
pub type PublicPages = ReadCache<(String, Lang), Rendered>;

/// Pages kept at most: a regency's page is about 100 KB, and the addresses are the
/// visitor's to choose (`?urut=`, `?snapshot=`), so the bound is small.
const MOST: usize = 64;

/// The kept pages, when published results may be remembered.
pub fn pages(config: &Config) -> Option<Arc<PublicPages>> {
    config
        .published_cache
        .then(|| Arc::new(PublicPages::with_limits(TTL, MOST)))
}

/// Whether `path` is a public results page that may be kept.
pub fn keepable(path: &str) -> bool {
    match path.strip_prefix("/publik/") {
        None => path == "/publik",
        Some(rest) => !rest.is_empty() && !rest.contains('/') && path != VERIFY_PAGE,
    }
}

/// What `req` is kept under, when its answer may be kept.
fn key_of(req: &Request<Body>) -> Option<(String, Lang)> {
    if req.method() != Method::GET || !keepable(req.uri().path()) {
        return None;
    }
    let cookies = req
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok());
    if cookies.and_then(app::auth::token::from_cookies).is_some() {
        return None;
    }
    let at = req.uri().path_and_query()?.as_str().to_string();
    Some((at, Lang::from_cookie_header(cookies)))
}

/// The nonce a Content-Security-Policy allows scripts by.
fn nonce_in(policy: &str) -> Option<String> {
    let from = policy.find("'nonce-")? + "'nonce-".len();
    let len = policy[from..].find('\'')?;
    Some(policy[from..from + len].to_string())
}

impl Rendered {
    /// The page of `res`, when it may be kept; otherwise `res` itself, to send.
    async fn of(res: Response) -> Result<Rendered, Response> {
        if res.status() != StatusCode::OK || res.headers().contains_key(header::SET_COOKIE) {
            return Err(res);
        }
        let (mut parts, body) = res.into_parts();
        let bytes = match body.collect().await {
            Ok(b) => b.to_bytes(),
            Err(e) => {
                tracing::warn!("page body failed: {e}");
                return Err(Response::from_parts(parts, Body::empty()));
            }
        };
        let Ok(body) = String::from_utf8(bytes.to_vec()) else {
            return Err(Response::from_parts(parts, Body::from(bytes)));
        };
        // The nonce replaced below changes the length.
        parts.headers.remove(header::CONTENT_LENGTH);
        let nonce = parts
            .headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .and_then(nonce_in);
        Ok(Rendered {
            headers: parts.headers,
            body,
            nonce,
        })
    }

    /// The kept page as a new answer, with a nonce of its own.
    fn answer(&self) -> Response {
        let mut headers = self.headers.clone();
        let body = match &self.nonce {
            None => self.body.clone(),
            Some(old) => {
                let new = hex::encode(rand::random::<[u8; 16]>());
                let policy = headers
                    .get(header::CONTENT_SECURITY_POLICY)
                    .and_then(|v| v.to_str().ok())
                    .map(|p| p.replace(old.as_str(), &new));
                if let Some(v) = policy.and_then(|p| HeaderValue::from_str(&p).ok()) {
                    headers.insert(header::CONTENT_SECURITY_POLICY, v);
                }
                self.body.replace(old.as_str(), &new)
            }
        };
        let mut res = Response::new(Body::from(body));
        *res.headers_mut() = headers;
        res
    }
}

/// Answers a page request: from the kept pages when it may be kept (rendering and
/// keeping it when it is not there yet), else rendered as any page.
pub async fn serve<S>(kept: Option<Arc<PublicPages>>, pages: S, req: Request<Body>) -> Response
where
    S: Service<Request<Body>, Response = Response, Error = Infallible> + Clone,
{
    let (Some(kept), Some(key)) = (kept, key_of(&req)) else {
        return stall::render(pages, req).await;
    };
    let load = async { Rendered::of(stall::render(pages, req).await).await };
    match kept.get_or_load(key, load).await {
        Ok(page) => page.answer(),
        Err(res) => res,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_agency_list_and_agency_pages_are_kept() {
        assert!(keepable("/publik"));
        assert!(keepable("/publik/KOTA-MANNA"));
        for path in [
            "/publik/",
            VERIFY_PAGE,
            "/publik/berkas/3",
            "/publikasi",
            "/hr/publikasi",
            "/skm/PKM-MANNA",
        ] {
            assert!(!keepable(path), "{path}");
        }
    }

    #[test]
    fn the_nonce_is_read_from_the_policy() {
        let p = "default-src 'self'; script-src 'self' 'nonce-Ab_9-x' 'wasm-unsafe-eval'";
        assert_eq!(nonce_in(p).as_deref(), Some("Ab_9-x"));
        assert_eq!(nonce_in("default-src 'self'"), None);
    }

    #[tokio::test]
    async fn each_answer_of_a_kept_page_has_a_nonce_of_its_own() {
        let res = Response::builder()
            .header(header::CONTENT_TYPE, "text/html; charset=utf-8")
            .header(header::CONTENT_LENGTH, "61")
            .header(header::CONTENT_SECURITY_POLICY, "script-src 'nonce-OLD1'")
            .body(Body::from(
                "<p>Hasil</p><script nonce=\"OLD1\">hydrate()</script>",
            ))
            .unwrap();
        let Ok(page) = Rendered::of(res).await else {
            panic!("a 200 page without a cookie is kept")
        };
        let (a, b) = (page.answer(), page.answer());
        let policy = |r: &Response| {
            r.headers()[header::CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .to_string()
        };
        let (pa, pb) = (policy(&a), policy(&b));
        assert_ne!(pa, pb, "two answers, two nonces");
        assert!(!pa.contains("OLD1"));
        assert!(a.headers().get(header::CONTENT_LENGTH).is_none());
        let body =
            String::from_utf8(a.into_body().collect().await.unwrap().to_bytes().to_vec()).unwrap();
        let nonce = nonce_in(&pa).unwrap();
        assert_eq!(
            body,
            format!("<p>Hasil</p><script nonce=\"{nonce}\">hydrate()</script>")
        );
    }

    #[tokio::test]
    async fn an_answer_that_sets_a_cookie_or_fails_is_not_kept() {
        let cookie = Response::builder()
            .header(header::SET_COOKIE, "lang=en")
            .body(Body::from("x"))
            .unwrap();
        assert!(Rendered::of(cookie).await.is_err());
        let missing = Response::builder()
            .status(StatusCode::NOT_FOUND)
            .body(Body::from("x"))
            .unwrap();
        assert!(Rendered::of(missing).await.is_err());
    }
}
