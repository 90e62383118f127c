//! Pure rules of authentication: the session cookie, account-name normalisation, the
//! password policy, login throttling and safe redirect targets.

use crate::error::FieldError;
use crate::i18n::K;

pub const SESSION_COOKIE: &str = "cakap_session";
/// Sessions last a working week of inactivity at most.
pub const SESSION_DAYS: i64 = 7;

/// Failed logins allowed per account, and per address, within the window.
pub const MAX_FAILURES_PER_ACCOUNT: usize = 5;
pub const MAX_FAILURES_PER_IP: usize = 30;
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;

/// Account names are matched case-insensitively and without surrounding or inner
/// spaces (a NIP is often typed in groups).
pub fn normalize_account(input: &str) -> String {
    let t = input.trim().to_lowercase();
    if t.chars().all(|c| c.is_ascii_digit() || c.is_whitespace()) {
        t.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        t
    }
}

pub fn check_password_policy(password: &str) -> Result<(), FieldError> {
    if password.chars().count() < 8 {
        return Err(FieldError::new("password", K::ErrPasswordShort));
    }
    Ok(())
}

/// Whether another login may be tried, given the times (unix seconds) of recent
/// failures. `Err(minutes)` says how long until the oldest failure leaves the window.
pub fn throttle(failures: &[i64], now: i64, limit: usize) -> Result<(), u32> {
    let recent: Vec<i64> = failures
        .iter()
        .copied()
        .filter(|t| now - t < FAILURE_WINDOW_SECS)
        .collect();
    if recent.len() < limit {
        return Ok(());
    }
    let oldest = recent.iter().copied().min().unwrap_or(now);
    let wait = (oldest + FAILURE_WINDOW_SECS - now).max(1);
    Err(((wait + 59) / 60) as u32)
}

/// A path on this site, or "/": a crafted link cannot send a user elsewhere.
pub fn local_path(next: &str) -> String {
    let ok = next.starts_with('/') && !next.starts_with("//") && !next.contains('\\');
    if ok {
        next.to_string()
    } else {
        "/".to_string()
    }
}

/// Where to go after login: a local path, never back to the login page.
pub fn safe_next(next: &str) -> String {
    let p = local_path(next);
    if p.starts_with("/login") {
        "/".to_string()
    } else {
        p
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_names_ignore_case_and_spaces_in_a_nip() {
        assert_eq!(normalize_account("  HR.Manna "), "hr.manna");
        assert_eq!(
            normalize_account("19850312 201001 2 004"),
            "198503122010012004"
        );
    }

    #[test]
    fn passwords_need_eight_characters() {
        assert!(check_password_policy("1234567").is_err());
        assert!(check_password_policy("12345678").is_ok());
    }

    #[test]
    fn the_fifth_recent_failure_locks_until_the_oldest_expires() {
        let now = 10_000;
        assert!(throttle(&[now - 10; 4], now, 5).is_ok());
        let five = [now - 600, now - 50, now - 40, now - 30, now - 20];
        // The oldest failure leaves the 15-minute window in 300 s: 5 minutes.
        assert_eq!(throttle(&five, now, 5), Err(5));
        // Failures older than the window do not count.
        assert!(throttle(&[now - 2000; 9], now, 5).is_ok());
    }

    #[test]
    fn only_local_paths_are_followed_after_login() {
        assert_eq!(safe_next("/hr/units"), "/hr/units");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("/login"), "/");
        assert_eq!(local_path("/login?next=/hr"), "/login?next=/hr");
        assert_eq!(local_path("/\\evil.example"), "/");
    }
}
