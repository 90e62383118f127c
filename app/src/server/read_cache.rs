//! A per-process memory of recent read results (the HR employee list pages, who a
//! session belongs to), so an answer asked for again costs no database query.
//!
//! Why it is safe: an answer is stored with the number of commits this process had
//! made *before* its query ran (`db::commits`), and is used only while that number
//! has not moved (or by a request that was already waiting for that very load when
//! it moved: the request overlapped the commit). Every mutation commits through `db::commit` (clippy forbids the
//! bare `commit`), so any write made through this process retires every answer at
//! once, with these exceptions, which commit through `db::commit_unseen` because no
//! cache (sessions, dashboards of closed campaigns, HR's employee list) holds what
//! they change:
//! - a rating form saved or sent (`UNSEEN_ENTITIES`): forms and their answers are
//!   never remembered, and results appear only when a campaign closes;
//! - a login that starts a session without ending one (a replaced session's token
//!   may be remembered, so that login retires), and a failed login;
//! - a background job's steps before its last: closing stores results that no page
//!   reads before the campaign is closed, and preparing writes rater lists of a
//!   campaign nobody may use yet; the last step retires as any write does;
//! - a citizen's survey response: no cache holds responses (the index is read per
//!   request).
//!
//! A new cache that shows one of these must either count them or take the write
//! off this list. Writes made by *other* processes (PostgreSQL scale-out, sqlite3 by hand)
//! are not counted: each cache's time-to-live bounds how long they can stay unseen,
//! and a cache whose answers must never be that stale is turned off there (the
//! employee list is on only for SQLite, where one server process owns the file).

use crate::server::db;
use std::collections::HashMap;
use std::future::Future;
use std::hash::Hash;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What audited writes of these entities change, no cache holds (see above).
pub const UNSEEN_ENTITIES: &[&str] = &["rating_form"];

/// Whether committing an audited write of `entity` must retire the read caches.
pub fn retires(entity: &str) -> bool {
    !UNSEEN_ENTITIES.contains(&entity)
}

/// The default time-to-live.
pub const TTL: Duration = Duration::from_secs(30);
/// The default bound on entries: a list page is about 10 kB, so ~10 MB.
const MAX_ENTRIES: usize = 1_000;

struct Entry<V> {
    commits: u64,
    at: Instant,
    value: Arc<V>,
}

pub struct ReadCache<K, V> {
    on: bool,
    ttl: Duration,
    max_entries: usize,
    /// The commit count (`db::commits`; tests bring their own).
    clock: fn() -> u64,
    entries: Mutex<HashMap<K, Entry<V>>>,
    /// Loads under way, one gate per key: many asking at once for an answer not
    /// (or no longer) remembered (a public page when results are announced, any
    /// page after a commit or its time-to-live) wait for one load, not run it each.
    loading: Mutex<HashMap<K, Arc<tokio::sync::Mutex<()>>>>,
}

impl<K, V> std::fmt::Debug for ReadCache<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReadCache").field("on", &self.on).finish()
    }
}

impl<K, V> Default for ReadCache<K, V> {
    /// Off: every read goes to the database.
    fn default() -> Self {
        Self::with_clock(false, TTL, db::commits)
    }
}

impl<K, V> ReadCache<K, V> {
    fn with_clock(on: bool, ttl: Duration, clock: fn() -> u64) -> Self {
        Self {
            on,
            ttl,
            max_entries: MAX_ENTRIES,
            clock,
            entries: Mutex::new(HashMap::new()),
            loading: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Hash + Eq + Clone, V> ReadCache<K, V> {
    pub fn new(on: bool) -> Self {
        Self::with_clock(on, TTL, db::commits)
    }

    /// A cache that is on, with its own time-to-live and bound on entries.
    pub fn with_limits(ttl: Duration, max_entries: usize) -> Self {
        Self {
            max_entries,
            ..Self::with_clock(true, ttl, db::commits)
        }
    }

    /// The remembered answer for `key`, or `load`'s answer (remembered when it
    /// succeeds and no commit happened meanwhile). While one load of `key` runs,
    /// others asking for it wait and take its answer.
    pub async fn get_or_load<E>(
        &self,
        key: K,
        load: impl Future<Output = Result<V, E>>,
    ) -> Result<Arc<V>, E> {
        if !self.on {
            return load.await.map(Arc::new);
        }
        // Read before the query: a commit landing while it runs makes the answer
        // count as old at once.
        let seen = (self.clock)();
        if let Some(v) = self.get(&key, seen) {
            return Ok(v);
        }
        let gate = self.gate(&key);
        let turn = gate.lock().await;
        // An answer loaded while this one waited is new enough when its query began
        // after every commit this request had seen.
        let found = self.get(&key, seen);
        let value = match found {
            Some(v) => Ok(v),
            None => {
                let seen = (self.clock)();
                let loaded = load.await.map(Arc::new);
                if let Ok(v) = &loaded {
                    self.put(key.clone(), seen, v.clone());
                }
                loaded
            }
        };
        drop(turn);
        if let Ok(mut map) = self.loading.lock() {
            if map.get(&key).is_some_and(|g| Arc::ptr_eq(g, &gate)) {
                map.remove(&key);
            }
        }
        value
    }

    /// The gate loads of `key` pass one at a time.
    fn gate(&self, key: &K) -> Arc<tokio::sync::Mutex<()>> {
        match self.loading.lock() {
            Ok(mut map) => map.entry(key.clone()).or_default().clone(),
            // A poisoned map only costs the waiting: load alone.
            Err(_) => Arc::default(),
        }
    }

    /// The answer for `key` if its query began after `since` commits.
    fn get(&self, key: &K, since: u64) -> Option<Arc<V>> {
        let map = self.entries.lock().ok()?;
        map.get(key)
            .filter(|e| e.commits >= since && e.at.elapsed() < self.ttl)
            .map(|e| e.value.clone())
    }

    fn put(&self, key: K, seen: u64, value: Arc<V>) {
        let Ok(mut map) = self.entries.lock() else {
            return;
        };
        if map.len() >= self.max_entries {
            let now = (self.clock)();
            map.retain(|_, e| e.commits == now && e.at.elapsed() < self.ttl);
            if map.len() >= self.max_entries {
                map.clear();
            }
        }
        map.insert(
            key,
            Entry {
                commits: seen,
                at: Instant::now(),
                value,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, AtomicU64, Ordering};

    // Each test has its own commit count, so tests running side by side (and the
    // database tests' real commits) cannot disturb one another.
    static CLOCK_A: AtomicU64 = AtomicU64::new(0);
    static CLOCK_B: AtomicU64 = AtomicU64::new(0);
    static CLOCK_C: AtomicU64 = AtomicU64::new(0);
    fn clock_a() -> u64 {
        CLOCK_A.load(Ordering::SeqCst)
    }
    fn clock_b() -> u64 {
        CLOCK_B.load(Ordering::SeqCst)
    }
    fn clock_c() -> u64 {
        CLOCK_C.load(Ordering::SeqCst)
    }

    #[test]
    fn saving_a_form_leaves_the_caches_and_other_writes_retire_them() {
        assert!(!retires("rating_form"));
        for entity in [
            "employee", "unit", "position", "user", "campaign", "standard",
        ] {
            assert!(retires(entity), "{entity}");
        }
    }

    async fn load(calls: &AtomicU32) -> Result<u32, ()> {
        Ok(calls.fetch_add(1, Ordering::SeqCst) + 1)
    }

    #[tokio::test]
    async fn an_answer_is_reused_until_a_commit() {
        let c = ReadCache::with_clock(true, TTL, clock_a);
        let calls = AtomicU32::new(0);
        let first = c.get_or_load("k", load(&calls)).await.unwrap();
        let again = c.get_or_load("k", load(&calls)).await.unwrap();
        assert_eq!((*first, *again), (1, 1), "the second read is remembered");
        CLOCK_A.fetch_add(1, Ordering::SeqCst);
        let after = c.get_or_load("k", load(&calls)).await.unwrap();
        assert_eq!(*after, 2, "a commit retires the remembered answer");
    }

    #[tokio::test]
    async fn an_answer_loaded_across_a_commit_is_not_kept() {
        let c = ReadCache::with_clock(true, TTL, clock_b);
        let calls = AtomicU32::new(0);
        let racing = async {
            // The write lands while the query runs.
            CLOCK_B.fetch_add(1, Ordering::SeqCst);
            load(&calls).await
        };
        c.get_or_load("k", racing).await.unwrap();
        let next = c.get_or_load("k", load(&calls)).await.unwrap();
        assert_eq!(*next, 2, "an answer older than a commit is never served");
    }

    #[tokio::test]
    async fn many_asking_at_once_wait_for_one_load() {
        let c: ReadCache<&str, u32> = ReadCache::with_clock(true, TTL, clock_c);
        let calls = AtomicU32::new(0);
        let slow = || async {
            tokio::time::sleep(Duration::from_millis(20)).await;
            load(&calls).await
        };
        let (a, b, d) = tokio::join!(
            c.get_or_load("k", slow()),
            c.get_or_load("k", slow()),
            c.get_or_load("k", slow())
        );
        assert_eq!((*a.unwrap(), *b.unwrap(), *d.unwrap()), (1, 1, 1));
        assert_eq!(calls.load(Ordering::SeqCst), 1, "one load for three");
        assert!(c.loading.lock().unwrap().is_empty(), "no gate left behind");
    }

    #[tokio::test]
    async fn off_always_loads_and_errors_are_not_kept() {
        let off = ReadCache::new(false);
        let calls = AtomicU32::new(0);
        off.get_or_load("k", load(&calls)).await.unwrap();
        off.get_or_load("k", load(&calls)).await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 2);

        let on: ReadCache<&str, u32> = ReadCache::new(true);
        assert!(on
            .get_or_load("k", async { Err::<u32, ()>(()) })
            .await
            .is_err());
        assert_eq!(
            *on.get_or_load("k", async { Ok::<u32, ()>(7) })
                .await
                .unwrap(),
            7
        );
    }
}
