//! Session tokens: the random value the cookie carries, and its SHA-256, which is
//! all the database keeps (`sessions.id`). Used by the login service, by the request
//! plumbing that finds the acting user, and by plain HTTP handlers, so it depends on
//! none of them.

use crate::auth::rules::SESSION_COOKIE;
use sha2::{Digest, Sha256};

/// A fresh token for a new session (256 random bits).
pub fn new() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// The stored form of a token.
pub fn hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The session token a `Cookie:` header carries, if any.
pub fn from_cookies(header: &str) -> Option<String> {
    crate::cookie::value(header, SESSION_COOKIE).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_hash_of_a_token_is_kept_and_tokens_differ() {
        let t = new();
        assert_eq!(t.len(), 64);
        assert_ne!(t, new());
        assert_eq!(hash(&t), hash(&t));
        assert_ne!(hash(&t), t);
        assert_eq!(
            from_cookies("lang=id; cakap_session=abc").as_deref(),
            Some("abc")
        );
        assert_eq!(from_cookies("cakap_session="), None);
    }
}
