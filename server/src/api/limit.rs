//! The API's rate limit: each client address may ask `--api-per-minute` times (600 by
//! default) in a minute
//! (counted in fixed one-minute windows, in this process's memory); more get 429
//! with `Retry-After`. Enough for any reader or dashboard; a scraper slows down.

use super::answer::problem;
use app::server::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};

/// (window start minute, count) per address.
#[derive(Clone)]
pub struct Limiter {
    per_minute: u32,
    seen: Arc<Mutex<HashMap<String, (u64, u32)>>>,
}

impl Limiter {
    pub fn new(per_minute: u32) -> Limiter {
        Limiter {
            per_minute,
            seen: Arc::default(),
        }
    }

    /// Counts one request of `address` at `minute`: whether it is within the limit.
    pub fn take(&self, address: &str, minute: u64) -> bool {
        let Ok(mut seen) = self.seen.lock() else {
            return true;
        };
        // Old windows go once the map grows, so it never holds more than a minute.
        if seen.len() > 10_000 {
            seen.retain(|_, w| w.0 == minute);
        }
        let w = seen.entry(address.to_string()).or_insert((minute, 0));
        if w.0 != minute {
            *w = (minute, 0);
        }
        w.1 += 1;
        w.1 <= self.per_minute
    }
}

pub async fn layer(
    State((st, limiter)): State<(AppState, Limiter)>,
    req: Request,
    next: Next,
) -> Response {
    if limiter.per_minute == 0 {
        return next.run(req).await;
    }
    let (parts, body) = req.into_parts();
    let address = app::server::request::client_ip_of(&parts, &st.config);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
        .as_secs();
    if !limiter.take(&address, now / 60) {
        let mut res = problem(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "Terlalu banyak permintaan dari alamat ini; coba lagi dalam satu menit.",
        );
        let wait = 60 - now % 60;
        if let Ok(v) = HeaderValue::from_str(&wait.to_string()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return res;
    }
    next.run(Request::from_parts(parts, body)).await
}

#[cfg(test)]
mod tests {
    use super::Limiter;

    #[test]
    fn an_address_gets_its_share_per_minute_and_then_waits() {
        let l = Limiter::new(3);
        assert!((0..3).all(|_| l.take("203.0.113.1", 100)));
        assert!(!l.take("203.0.113.1", 100));
        // Another address is counted apart; the next minute starts again.
        assert!(l.take("203.0.113.2", 100));
        assert!(l.take("203.0.113.1", 101));
    }
}
