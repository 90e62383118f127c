//! What the survey keeps of who answered, without knowing who: the form's start token
//! (when it was served, with a keyed hash so it cannot be forged), the device's
//! random cookie, and the address as a keyed hash (the table never holds a citizen's
//! IP address). The key is derived from the server's signing key, so it survives
//! restarts without another key file.

use crate::error::{internal, AppError};
use crate::publication::service::signing::derived;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The cookie that tells one device's responses apart (random, nothing else in it).
pub const DEVICE_COOKIE: &str = "cakap_skm";

/// HMAC-SHA-256 of `text` under the key derived for `label`, shortened to 128 bits.
fn keyed(label: &str, text: &str) -> Result<String, AppError> {
    let mut m = Hmac::<Sha256>::new_from_slice(&derived(label)?).map_err(internal)?;
    m.update(text.as_bytes());
    Ok(hex::encode(m.finalize().into_bytes())[..32].to_string())
}

/// The start token of a form of service unit `unit` served at `now` (Unix seconds).
pub fn start_token(unit: i32, now: i64) -> Result<String, AppError> {
    Ok(format!(
        "{unit}.{now}.{}",
        keyed("skm-start", &format!("{unit}:{now}"))?
    ))
}

/// Seconds from the form being served to `now`, when `token` is one of ours for
/// unit `unit`; `None` for anything a sender made up. Without the server's key this
/// is an error, not a token to hold.
pub fn fill_secs(token: &str, unit: i32, now: i64) -> Result<Option<i64>, AppError> {
    let mut parts = token.trim().splitn(3, '.');
    let (Some(u), Some(at), Some(mac)) = (parts.next(), parts.next(), parts.next()) else {
        return Ok(None);
    };
    let (Ok(u), Ok(at)) = (u.parse::<i32>(), at.parse::<i64>()) else {
        return Ok(None);
    };
    let ours = keyed("skm-start", &format!("{u}:{at}"))?;
    Ok((u == unit && ours == mac).then_some(now - at))
}

/// An address as stored.
pub fn address_hash(ip: &str) -> Result<String, AppError> {
    keyed("skm-address", ip)
}

/// A new device cookie's value.
pub fn new_device() -> String {
    hex::encode(rand::random::<[u8; 16]>())
}

/// A device cookie's value as sent, if it looks like one of ours.
pub fn device_of(value: &str) -> Option<String> {
    let v = value.trim();
    (v.len() == 32 && v.bytes().all(|b| b.is_ascii_hexdigit())).then(|| v.to_ascii_lowercase())
}
