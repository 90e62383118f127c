//! Translations. The texts live in `app/locales/id.json` (Bahasa Indonesia, the
//! default) and `app/locales/en.json`; `build.rs` turns them into the `K` enum so a
//! missing translation is a build error, not a blank on a page.
//!
//! The language is chosen per request from the `lang` cookie (set by the language
//! switch) and written into `<html lang>`; the browser reads it back from there when
//! it hydrates, so both sides always render the same words.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

mod format;

include!(concat!(env!("OUT_DIR"), "/i18n_keys.rs"));

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Id,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Id, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim() {
            "id" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language chosen in a `Cookie:` header, Indonesian when none is.
    pub fn from_cookie_header(header: Option<&str>) -> Lang {
        header
            .and_then(|h| crate::cookie::value(h, "lang"))
            .and_then(|v| Lang::parse(&v))
            .unwrap_or_default()
    }

    pub fn text(self, key: K) -> &'static str {
        match self {
            Lang::Id => key.id(),
            Lang::En => key.en(),
        }
    }
}

/// Replaces `{name}` placeholders with their values.
pub fn fill(template: &str, params: &[(String, String)]) -> String {
    let mut out = template.to_string();
    for (name, value) in params {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The translator handed to components through context.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct I18n(pub Lang);

impl I18n {
    pub fn t(self, key: K) -> &'static str {
        self.0.text(key)
    }

    /// A text with `{name}` parameters filled in.
    pub fn f(self, key: K, params: &[(&str, String)]) -> String {
        let owned: Vec<(String, String)> = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect();
        fill(self.t(key), &owned)
    }

    pub fn lang(self) -> Lang {
        self.0
    }

    /// A whole number as the current language writes it (`format.rs`).
    pub fn n(self, n: i64) -> String {
        self.0.number(n)
    }

    /// A level or score with one decimal: "3,5"; a dash when there is none.
    pub fn dec(self, v: Option<f64>) -> String {
        v.map_or_else(|| "–".into(), |v| self.0.decimal(v, 1))
    }

    /// A figure with `places` decimals ("82,78"); a dash when there is none.
    pub fn fixed(self, v: Option<f64>, places: usize) -> String {
        v.map_or_else(|| "–".into(), |v| self.0.decimal(v, places))
    }

    /// A percentage with one decimal: "95,8 %"; a dash when there is none.
    pub fn pct(self, v: Option<f64>) -> String {
        v.map_or_else(|| "–".into(), |v| self.0.percent(v, 1))
    }

    /// An ISO date as people read it: "17 Agu 2025".
    pub fn date(self, iso: &str) -> String {
        self.0.date(iso)
    }

    /// An ISO timestamp as people read it: "1 Des 2026 10.20".
    pub fn date_time(self, iso: &str) -> String {
        self.0.date_time(iso)
    }
}

/// The current language: from the request on the server, from `<html lang>` in the browser.
pub fn detect_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .map(|p| {
                Lang::from_cookie_header(
                    p.headers
                        .get(http::header::COOKIE)
                        .and_then(|v| v.to_str().ok()),
                )
            })
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_default()
    }
}

pub fn provide_i18n() -> I18n {
    let i18n = I18n(detect_lang());
    provide_context(i18n);
    i18n
}

pub fn use_i18n() -> I18n {
    use_context::<I18n>().unwrap_or(I18n(Lang::Id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_by_name() {
        let p = vec![("line".to_string(), "7".to_string())];
        assert_eq!(fill("Baris {line}: {line}", &p), "Baris 7: 7");
    }

    #[test]
    fn every_key_has_text_in_both_languages() {
        for key in [K::NavHome, K::ErrForbidden] {
            assert!(!Lang::Id.text(key).is_empty());
            assert!(!Lang::En.text(key).is_empty());
            assert_eq!(K::from_name(key.name()), Some(key));
        }
    }

    #[test]
    fn cookie_selects_the_language_and_indonesian_is_the_default() {
        assert_eq!(Lang::from_cookie_header(Some("a=b; lang=en")), Lang::En);
        assert_eq!(Lang::from_cookie_header(Some("lang=xx")), Lang::Id);
        assert_eq!(Lang::from_cookie_header(None), Lang::Id);
    }
}
