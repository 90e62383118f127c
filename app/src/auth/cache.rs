//! A short-lived, per-process memory of who a session belongs to. Looking a session
//! up costs four queries; pages are requested in bursts, so each process remembers an
//! answer for a few seconds.
//!
//! The price: a session ended through *another* process (logout, password reset,
//! deactivation) stays usable here for at most `TTL`. Changes made through this
//! process clear the memory at once. Only found sessions are remembered, so a login
//! made through another process is recognised immediately.

use crate::auth::model::Actor;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const TTL: Duration = Duration::from_secs(5);
const MAX_ENTRIES: usize = 50_000;

#[derive(Debug, Default)]
pub struct SessionCache {
    entries: Mutex<HashMap<String, (Instant, Actor)>>,
}

impl SessionCache {
    pub fn get(&self, token_hash: &str) -> Option<Actor> {
        let map = self.entries.lock().ok()?;
        map.get(token_hash)
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, a)| a.clone())
    }

    pub fn put(&self, token_hash: &str, actor: &Actor) {
        if let Ok(mut map) = self.entries.lock() {
            if map.len() >= MAX_ENTRIES {
                map.retain(|_, (at, _)| at.elapsed() < TTL);
                if map.len() >= MAX_ENTRIES {
                    map.clear();
                }
            }
            map.insert(token_hash.to_string(), (Instant::now(), actor.clone()));
        }
    }

    /// Forgets everything: after a change to sessions, accounts or roles.
    pub fn clear(&self) {
        if let Ok(mut map) = self.entries.lock() {
            map.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor() -> Actor {
        Actor {
            user_id: 1,
            username: "u".into(),
            display_name: "U".into(),
            employee_id: None,
            agency_id: None,
            agency_name: None,
            grants: vec![],
        }
    }

    #[test]
    fn a_remembered_session_is_forgotten_on_clear() {
        let c = SessionCache::default();
        assert!(c.get("h").is_none());
        c.put("h", &actor());
        assert_eq!(c.get("h").map(|a| a.user_id), Some(1));
        c.clear();
        assert!(c.get("h").is_none());
    }
}
