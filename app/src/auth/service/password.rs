//! Password hashes: argon2id, computed and checked on the blocking pool. Argon2 is
//! deliberately slow (tens of milliseconds); on an async worker it would stall every
//! other request that worker serves.

use crate::error::{internal, AppError};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;

/// The hash of a password, computed here (for seeds and tools; services use
/// `hash_blocking`).
pub fn hash_password(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(internal)
}

/// At most this many argon2 computations at once (each takes about 19 MB for tens
/// of milliseconds): a flood of logins queues here instead of exhausting memory.
fn hashing_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    SLOTS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new(cores * 2)
    })
}

/// Runs `f` on the blocking pool in one of the hashing slots.
async fn in_slot<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let _slot = hashing_slots().acquire().await.ok()?;
    tokio::task::spawn_blocking(f).await.ok()
}

/// The hash of a password, computed on the blocking pool.
pub async fn hash_blocking(password: String) -> Result<String, AppError> {
    in_slot(move || hash_password(&password))
        .await
        .ok_or_else(|| internal("password hashing was cancelled"))?
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// Whether the password matches the hash, checked on the blocking pool. With no
/// hash (no such account) a dummy hash is still checked, so the time taken does not
/// tell which account names exist.
pub async fn verify_blocking(password: String, hash: Option<String>) -> bool {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let known = hash.is_some();
    let ok = in_slot(move || {
        let h = hash.unwrap_or_else(|| {
            DUMMY
                .get_or_init(|| hash_password("not-a-password").unwrap_or_default())
                .clone()
        });
        verify_password(&password, &h)
    })
    .await
    .unwrap_or(false);
    ok && known
}
