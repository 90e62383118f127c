//! Who a session belongs to, remembered per process. Looking a session up costs four
//! queries and pages come in bursts, so answers are kept in a `ReadCache`: any commit
//! made through this process (logout, a new password, a deactivation, a role change)
//! retires them at once. A session ended through *another* process stays usable here
//! for at most `TTL`.

use crate::auth::model::Actor;
use crate::server::read_cache::ReadCache;
use std::time::Duration;

pub const TTL: Duration = Duration::from_secs(5);
const MAX_ENTRIES: usize = 50_000;

/// Keyed by the session token's hash; `None` for a token that matches no session.
pub type SessionCache = ReadCache<String, Option<Actor>>;

/// On for every backend: its time-to-live bounds how long a session ended through
/// another process stays usable here.
pub fn register(caches: &mut crate::server::caches::Caches, _: &crate::server::Config) {
    caches.register(SessionCache::with_limits(TTL, MAX_ENTRIES));
}
