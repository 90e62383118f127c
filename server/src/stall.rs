//! A guard against page renders that never finish.
//!
//! Leptos 0.8 (0.8.23 here) very rarely leaves a server render waiting forever when a
//! page reads two resources in two suspense boundaries (the layout's user and the
//! page's data): the same fault as leptos-rs/leptos#4851 and #4578. The HTTP tests
//! caught it about once in 40 runs. Until it is fixed upstream, a GET page whose
//! render has not finished in `FIRST_TRY` is rendered once more (GET is safe to
//! repeat); a second stall answers 503 instead of holding the connection. Each
//! stall is logged, so the rate stays visible.

use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::{Method, Request, StatusCode};
use std::convert::Infallible;
use std::time::Duration;
use tower::{Service, ServiceExt};

/// Pages render in milliseconds, even at 250 000 employees.
pub const FIRST_TRY: Duration = Duration::from_secs(4);
pub const SECOND_TRY: Duration = Duration::from_secs(20);

pub async fn render<S>(pages: S, req: Request<Body>) -> Response
where
    S: Service<Request<Body>, Response = Response, Error = Infallible> + Clone,
{
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return Box::pin(pages.oneshot(req)).await.into_response();
    }
    let (parts, _) = req.into_parts();
    for limit in [FIRST_TRY, SECOND_TRY] {
        let attempt = Request::from_parts(parts.clone(), Body::empty());
        // Boxed: the render future is large, and moving it whole costs measurably.
        let render = Box::pin(pages.clone().oneshot(attempt));
        match tokio::time::timeout(limit, render).await {
            Ok(response) => return response.into_response(),
            Err(_) => tracing::warn!(path = %parts.uri.path(), "page render stalled; retrying"),
        }
    }
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::sync::Arc;

    /// A page service whose first `stalls` renders never finish.
    fn flaky(
        stalls: u32,
    ) -> (
        impl Service<Request<Body>, Response = Response, Error = Infallible> + Clone,
        Arc<AtomicU32>,
    ) {
        let calls = Arc::new(AtomicU32::new(0));
        let seen = calls.clone();
        let svc = tower::service_fn(move |_req: Request<Body>| {
            let n = seen.fetch_add(1, Ordering::SeqCst);
            async move {
                if n < stalls {
                    std::future::pending::<()>().await;
                }
                Ok::<_, Infallible>("page".into_response())
            }
        });
        (svc, calls)
    }

    fn get() -> Request<Body> {
        Request::get("/hr/units").body(Body::empty()).unwrap()
    }

    #[tokio::test(start_paused = true)]
    async fn a_stalled_render_is_tried_once_more() {
        let (svc, calls) = flaky(1);
        let r = render(svc, get()).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test(start_paused = true)]
    async fn two_stalls_answer_503_and_posts_are_never_repeated() {
        let (svc, calls) = flaky(2);
        assert_eq!(
            render(svc, get()).await.status(),
            StatusCode::SERVICE_UNAVAILABLE
        );
        assert_eq!(calls.load(Ordering::SeqCst), 2);

        let (svc, calls) = flaky(0);
        let post = Request::post("/api/units/create")
            .body(Body::empty())
            .unwrap();
        assert_eq!(render(svc, post).await.status(), StatusCode::OK);
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }
}
