//! Reading cookies from a `Cookie:` header, on both sides: the language choice and
//! the session token are both cookies.

/// The value of one cookie in a `Cookie:` header.
pub fn value(header: &str, name: &str) -> Option<String> {
    header.split(';').find_map(|part| {
        let (k, v) = part.trim().split_once('=')?;
        (k == name).then(|| v.trim().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_cookie_is_read_among_several() {
        let h = "lang=en; cakap_session=abc ; cakap_session_old=zzz";
        assert_eq!(value(h, "cakap_session").as_deref(), Some("abc"));
        assert_eq!(value(h, "lang").as_deref(), Some("en"));
        assert_eq!(value(h, "missing"), None);
    }
}
