//! A form sent before the page's WASM arrived is a plain HTML post: the browser shows
//! whatever the answer is, so a server function's JSON would be all the user sees.
//! Every server function therefore answers a plain post with a redirect back to the
//! page the form was on (its Referer), the outcome in the query: `saved=1`, or
//! `form=<the function's path>&form_error=<the error as JSON>`. The page reads it back
//! through `action_error` just as it reads an action's value after a call from the
//! browser; the URL is the same on the server and when hydrating, so both render the
//! same errors.
//!
//! The query can be written by anyone who sends a link, so what is read back is
//! trimmed to what our own server could have said: known message keys, short
//! parameters, no free text.

use crate::error::{AppError, FieldError, Msg};
use crate::i18n::K;

pub const FORM: &str = "form";
pub const FORM_ERROR: &str = "form_error";
pub const SAVED: &str = "saved";

/// At most this many field errors travel in the query (a long CSV report would
/// not fit in a URL; the form shows the first ones).
const MAX_FIELDS: usize = 20;
/// A parameter longer than this was not written by us.
const MAX_PARAM: usize = 80;

/// Where a plain post goes back to: the path and query of `referer` (only ever a
/// path on this site), without an earlier outcome, plus this one.
pub fn back_to(referer: Option<&str>, endpoint: &str, outcome: Result<(), &AppError>) -> String {
    let (path, query) = split_referer(referer.unwrap_or("/"));
    let mut pairs: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| {
            let key = p.split('=').next().unwrap_or_default();
            ![FORM, FORM_ERROR, SAVED].contains(&key)
        })
        .map(str::to_string)
        .collect();
    match outcome {
        Ok(()) => pairs.push(format!("{SAVED}=1")),
        Err(e) => {
            let json = serde_json::to_string(&trimmed(e.clone())).unwrap_or_default();
            pairs.push(format!("{FORM}={}", escape(endpoint)));
            pairs.push(format!("{FORM_ERROR}={}", escape(&json)));
        }
    }
    format!("{path}?{}", pairs.join("&"))
}

/// The error a plain post of `endpoint` came back with, read from the page's query
/// (`form`, `form_error`), if it is one our server could have sent.
pub fn returned_error(form: Option<&str>, error: Option<&str>, endpoint: &str) -> Option<AppError> {
    if form? != endpoint {
        return None;
    }
    let e: AppError = serde_json::from_str(error?).ok()?;
    let e = trimmed(e);
    match &e {
        AppError::Validation(f) if f.is_empty() => None,
        AppError::Transport(_) => None,
        _ => Some(e),
    }
}

/// Keeps only what our server writes: known keys, short parameters and field names.
fn trimmed(e: AppError) -> AppError {
    match e {
        AppError::Validation(fields) => AppError::Validation(
            fields
                .into_iter()
                .filter(|f| is_name(&f.field))
                .filter_map(|f| {
                    Some(FieldError {
                        msg: known(f.msg)?,
                        ..f
                    })
                })
                .take(MAX_FIELDS)
                .collect(),
        ),
        AppError::Conflict(m) => known(m).map_or(AppError::Validation(vec![]), AppError::Conflict),
        AppError::Internal { request_id } if !is_name(&request_id) => AppError::Internal {
            request_id: String::new(),
        },
        AppError::Transport(_) => AppError::Transport(String::new()),
        other => other,
    }
}

fn known(m: Msg) -> Option<Msg> {
    K::from_name(&m.key)?;
    let short = m
        .params
        .iter()
        .all(|(k, v)| is_name(k) && v.chars().count() <= MAX_PARAM);
    short.then_some(m)
}

/// A field name or a request id: short, letters, digits and `_-.[]`.
fn is_name(s: &str) -> bool {
    s.len() <= 60
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.[]".contains(c))
}

/// The path and query of a Referer, kept on this site: a scheme and host are
/// dropped, and anything that is not a plain path becomes the home page.
fn split_referer(referer: &str) -> (&str, &str) {
    let rest = match referer.find("://") {
        Some(i) => {
            let after = &referer[i + 3..];
            after.find('/').map_or("/", |j| &after[j..])
        }
        None => referer,
    };
    let rest = rest.split('#').next().unwrap_or("/");
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if !path.starts_with('/') || path.starts_with("//") || path.contains('\\') {
        return ("/", "");
    }
    (path, query)
}

/// Percent-encodes a query value (everything but the unreserved characters).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unescape(s: &str) -> String {
        let b = s.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                out.push(u8::from_str_radix(&s[i + 1..i + 3], 16).unwrap());
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        String::from_utf8(out).unwrap()
    }

    fn query_value(url: &str, key: &str) -> Option<String> {
        let q = url.split_once('?')?.1;
        q.split('&')
            .find_map(|p| p.strip_prefix(&format!("{key}=")))
            .map(unescape)
    }

    #[test]
    fn a_failed_post_goes_back_to_its_page_with_the_error_that_page_reads_back() {
        // A parameter with characters that must be escaped in a URL.
        let f = FieldError::new("code", K::ErrConfirm).with("code", "A&B ü=1");
        let e = AppError::Validation(vec![f]);
        let url = back_to(
            Some("http://x.test/hr/units/new?parent=3&saved=1&form=/api/a&form_error=1#top"),
            "/api/units/create",
            Err(&e),
        );
        assert!(url.starts_with("/hr/units/new?parent=3&form="), "{url}");
        assert!(
            !url.contains("saved"),
            "an earlier outcome is dropped: {url}"
        );
        let form = query_value(&url, FORM);
        let error = query_value(&url, FORM_ERROR);
        let back = returned_error(form.as_deref(), error.as_deref(), "/api/units/create");
        assert_eq!(back, Some(e));
        // Another form of the same page does not show it.
        assert_eq!(
            returned_error(form.as_deref(), error.as_deref(), "/api/units/update"),
            None
        );
    }

    #[test]
    fn a_saved_post_goes_back_with_saved_and_without_an_old_error() {
        let url = back_to(
            Some("http://x.test/hr/units/4?form=/api/a&form_error=x"),
            "/api/a",
            Ok(()),
        );
        assert_eq!(url, "/hr/units/4?saved=1");
    }

    #[test]
    fn the_way_back_never_leaves_the_site() {
        for evil in [
            "//evil.test/x",
            "https://evil.test",
            "javascript:alert(1)",
            "/\\evil.test",
        ] {
            let url = back_to(Some(evil), "/api/a", Ok(()));
            assert!(
                url.starts_with('/') && !url.starts_with("//"),
                "{evil} -> {url}"
            );
        }
        assert_eq!(back_to(None, "/api/a", Ok(())), "/?saved=1");
        assert_eq!(
            back_to(Some("https://x.test"), "/api/a", Ok(())),
            "/?saved=1"
        );
    }

    #[test]
    fn a_crafted_link_cannot_put_free_text_on_the_page() {
        let read = |json: &str| returned_error(Some("/api/a"), Some(json), "/api/a");
        assert_eq!(read(r#"{"Transport":"Call 0812 to unlock"}"#), None);
        assert_eq!(read(r#"{"Conflict":{"key":"Call 0812 to unlock"}}"#), None);
        let long = "x".repeat(200);
        let fields = format!(
            r#"{{"Validation":[{{"field":"code","msg":{{"key":"err.confirm","params":[["code","{long}"]]}}}}]}}"#
        );
        assert_eq!(read(&fields), None);
        assert_eq!(read("not json"), None);
        assert_eq!(read(r#""Forbidden""#), Some(AppError::Forbidden));
    }
}
