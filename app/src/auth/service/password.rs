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

/// The hash of a password, computed on the blocking pool.
pub async fn hash_blocking(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_password(&password))
        .await
        .map_err(internal)?
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
    let ok = tokio::task::spawn_blocking(move || {
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
