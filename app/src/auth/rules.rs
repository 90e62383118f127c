//! Pure rules of authentication: the session cookie, account-name normalisation, the
//! password policy, login throttling and safe redirect targets.

use crate::auth::model::Role;
use crate::error::FieldError;
use crate::i18n::K;

pub const SESSION_COOKIE: &str = "cakap_session";
/// A session ends after 8 hours without a request (a night away from the desk) and,
/// however busy, 12 hours after login (a long working day): an office computer left
/// logged in, or a copied cookie, does not stay useful for long.
pub const SESSION_IDLE_HOURS: i64 = 8;
pub const SESSION_HOURS: i64 = 12;
/// A session's last request is written down at most this often (each write costs a
/// transaction; the idle limit does not need finer steps).
pub const SESSION_TOUCH_SECS: i64 = 5 * 60;
/// A temporary password HR or the administrator issued works this long.
pub const TEMPORARY_PASSWORD_HOURS: i64 = 72;

/// Whether a session is still alive: not past its absolute end, and used within the
/// idle limit (`last_seen`, unix seconds).
pub fn session_alive(expires_at: i64, last_seen: i64, now: i64) -> bool {
    now < expires_at && now - last_seen < SESSION_IDLE_HOURS * 3600
}

/// Whether `actor` may issue a temporary password to an account in `target_agency`.
/// `elevated`: the account holds a role above employee, or headed a unit lately.
/// HR may for the plain employees of its agency; an elevated account (a unit
/// leader, HR, the administrator) only the system administrator may reset, so HR
/// cannot take over a leader's or a colleague's account to read what they see. The
/// administrator resets only those: a plain employee's account would open what the
/// administrator may not read.
pub fn may_reset(
    actor: &crate::auth::model::Actor,
    elevated: bool,
    target_agency: Option<i32>,
) -> bool {
    if actor.is_sysadmin() {
        return elevated;
    }
    !elevated && target_agency.is_some_and(|a| actor.is_hr_of(a))
}

/// Someone who headed a unit this recently still counts as elevated for resets.
pub const HEADSHIP_MEMORY_DAYS: i64 = 30;

/// Whether an account's roles are above a plain employee's.
pub fn is_elevated(roles: &[Role]) -> bool {
    roles.iter().any(|r| *r != Role::Employee)
}

/// Password tries per account within the window. A try is counted before its
/// password is checked; a successful login empties the account's bucket.
pub const MAX_TRIES_PER_ACCOUNT: i32 = 5;
pub const FAILURE_WINDOW_SECS: i64 = 15 * 60;

/// An address looks like guessing when, within the window, its failures that no
/// success followed span this many accounts, or number this many. A typo followed by
/// the right password is not such a failure, so an office behind one address does
/// not trip it by logging in on a Monday morning.
pub const GUESSING_ACCOUNTS: i64 = 50;
pub const GUESSING_FAILURES: i64 = 150;

/// Account names (usernames, NIPs) are never longer than this.
pub const ACCOUNT_MAX: usize = 100;

/// Password length limits (the upper one keeps hashing cheap for the server).
pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

/// The address a login is throttled under: an IPv4 address as it is, an IPv6 address
/// by its /64 network (one household or office line holds a whole /64, so counting
/// single IPv6 addresses would give a guesser a fresh address per request).
pub fn address_key(ip: &str) -> String {
    match ip.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        _ => ip.to_string(),
    }
}

/// An address's recent failures that no success of the same account followed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sea_orm::FromQueryResult))]
pub struct AddressRecord {
    pub open_failures: i64,
    pub failing_accounts: i64,
}

impl AddressRecord {
    pub fn looks_like_guessing(&self) -> bool {
        self.failing_accounts >= GUESSING_ACCOUNTS || self.open_failures >= GUESSING_FAILURES
    }
}

/// Whether a try may go on to the password check. `tries` counts this try (the
/// bucket after it was taken) in the window that began at `window_start`. From an
/// address that looks like guessing only an account's first try is checked: an
/// account with no recent failures still gets in with its password, one already
/// failing waits. `Err(minutes)` says how long until the window ends.
pub fn may_try(tries: i32, window_start: i64, now: i64, guessing_address: bool) -> Result<(), u32> {
    let limit = if guessing_address {
        1
    } else {
        MAX_TRIES_PER_ACCOUNT
    };
    if tries <= limit {
        return Ok(());
    }
    let wait = (window_start + FAILURE_WINDOW_SECS - now).max(1);
    Err(((wait + 59) / 60) as u32)
}

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

/// A password a user may choose: 8 to 128 characters, and not the account's own
/// name or NIP (`names`), in any case or spacing.
pub fn check_password_policy(password: &str, names: &[&str]) -> Result<(), FieldError> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        return Err(FieldError::new("password", K::ErrPasswordShort));
    }
    if n > PASSWORD_MAX {
        return Err(FieldError::new("password", K::ErrPasswordLong));
    }
    let typed = normalize_account(password);
    if names
        .iter()
        .any(|name| !name.is_empty() && normalize_account(name) == typed)
    {
        return Err(FieldError::new("password", K::ErrPasswordIsName));
    }
    Ok(())
}

/// A path on this site, or "/": a crafted link cannot send a user elsewhere.
/// Browsers drop tabs and newlines inside a URL and read a backslash as a slash, so
/// `/\t/evil.example` and `/\\evil.example` would leave the site; a percent-encoded
/// slash may be decoded by a proxy on the way. Such targets, and any control
/// character (a newline would also break the Location header), give "/". Spaces and
/// letters such as "é" (a search for a name) are percent-encoded, so the target can
/// stand in a Location header.
pub fn local_path(next: &str) -> String {
    if is_local(next) {
        percent_encode_unsafe(next)
    } else {
        "/".to_string()
    }
}

fn is_local(next: &str) -> bool {
    let leaves = |p: &str| {
        !p.starts_with('/')
            || p[1..].starts_with('/')
            || p.chars().any(|c| c == '\\' || c.is_control())
    };
    // As sent, and decoded (twice, for double encoding), it is a path on this site.
    let once = percent_decode(next);
    !leaves(next) && !leaves(&once) && !leaves(&percent_decode(&once))
}

/// Every character that is not printable ASCII, as `%XX` of its UTF-8 bytes.
fn percent_encode_unsafe(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_graphic() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// `%XX` sequences decoded to characters (invalid ones kept as they are).
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
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

/// The login page's address that brings the reader back to `path` (with its query)
/// once logged in; plain `/login` from the home page and the login page itself.
pub fn login_path(path: &str, query: &str) -> String {
    let query = query.trim_start_matches('?');
    if path.is_empty() || path == "/" || path.starts_with("/login") {
        return "/login".to_string();
    }
    let here = if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{query}")
    };
    let mut out = String::from("/login?next=");
    for b in here.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
