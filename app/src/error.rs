//! The one error type that crosses the wire. Messages are translation keys with
//! parameters, so the browser shows them in the user's language and the server
//! never has to guess it. Internal causes stay in the server log under a request id.

use crate::i18n::{Lang, K};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A translatable message: a key of the locale files plus `{name}` parameters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Msg {
    pub key: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<(String, String)>,
}

impl Msg {
    pub fn new(key: K) -> Self {
        Msg {
            key: key.name().to_string(),
            params: Vec::new(),
        }
    }

    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.params.push((name.to_string(), value.to_string()));
        self
    }

    /// The message in `lang`; an unknown key (a newer server) shows as itself. A
    /// `date` parameter (ISO) is written as the language writes dates.
    pub fn text(&self, lang: Lang) -> String {
        let template = K::from_name(&self.key)
            .map(|k| lang.text(k))
            .unwrap_or(&self.key);
        let params: Vec<(String, String)> = self
            .params
            .iter()
            .map(|(k, v)| match k.as_str() {
                "date" => (k.clone(), lang.date(v)),
                _ => (k.clone(), v.clone()),
            })
            .collect();
        crate::i18n::fill(template, &params)
    }
}

/// A problem with one input field (`field` is the form field's name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub msg: Msg,
    /// The line of an uploaded file the problem is on (1 = the header line).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

impl FieldError {
    pub fn new(field: &str, key: K) -> Self {
        FieldError {
            field: field.to_string(),
            msg: Msg::new(key),
            line: None,
        }
    }

    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub fn with(mut self, name: &str, value: impl ToString) -> Self {
        self.msg = self.msg.with(name, value);
        self
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AppError {
    Unauthenticated,
    Forbidden,
    NotFound,
    Validation(Vec<FieldError>),
    Conflict(Msg),
    RateLimited {
        retry_after_minutes: u32,
    },
    /// The user holds a temporary password and must choose their own first.
    PasswordChangeRequired,
    /// Too many writes are waiting their turn: nothing was saved, try again shortly.
    Busy {
        retry_after_seconds: u32,
    },
    Internal {
        request_id: String,
    },
    /// The call never reached our code (network down, bad arguments, bad response).
    Transport(String),
}

impl AppError {
    pub fn field(field: &str, key: K) -> Self {
        AppError::Validation(vec![FieldError::new(field, key)])
    }

    /// HTTP status sent with the error.
    pub fn status(&self) -> u16 {
        match self {
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::Validation(_) => 422,
            AppError::Conflict(_) => 409,
            AppError::RateLimited { .. } => 429,
            AppError::PasswordChangeRequired => 403,
            AppError::Busy { .. } => 503,
            AppError::Internal { .. } => 500,
            AppError::Transport(_) => 400,
        }
    }

    /// The message for the whole error, in `lang` (field errors are listed separately).
    pub fn message(&self, lang: Lang) -> String {
        match self {
            AppError::Unauthenticated => lang.text(K::ErrUnauthenticated).to_string(),
            AppError::Forbidden => lang.text(K::ErrForbidden).to_string(),
            AppError::NotFound => lang.text(K::ErrNotFound).to_string(),
            AppError::Validation(_) => lang.text(K::ErrValidation).to_string(),
            AppError::Conflict(m) => m.text(lang),
            AppError::RateLimited {
                retry_after_minutes,
            } => Msg::new(K::ErrRateLimited)
                .with("minutes", retry_after_minutes)
                .text(lang),
            AppError::PasswordChangeRequired => lang.text(K::ErrPasswordChangeRequired).to_string(),
            AppError::Busy {
                retry_after_seconds,
            } => Msg::new(K::ErrBusy)
                .with("seconds", retry_after_seconds)
                .text(lang),
            AppError::Internal { request_id } => {
                Msg::new(K::ErrInternal).with("id", request_id).text(lang)
            }
            AppError::Transport(_) => lang.text(K::ErrTransport).to_string(),
        }
    }

    /// Seconds to wait before trying again, for a Retry-After header.
    pub fn retry_after(&self) -> Option<u32> {
        match self {
            AppError::Busy {
                retry_after_seconds,
            } => Some(*retry_after_seconds),
            AppError::RateLimited {
                retry_after_minutes,
            } => Some(retry_after_minutes * 60),
            _ => None,
        }
    }

    /// The field errors, if this is a validation error.
    pub fn fields(&self) -> &[FieldError] {
        match self {
            AppError::Validation(f) => f,
            _ => &[],
        }
    }

    /// The message for one field, if the error names it.
    pub fn field_message(&self, field: &str, lang: Lang) -> Option<String> {
        self.fields()
            .iter()
            .find(|f| f.field == field)
            .map(|f| f.msg.text(lang))
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message(Lang::En))
    }
}

impl std::error::Error for AppError {}

impl leptos::server_fn::error::FromServerFnError for AppError {
    type Encoder = leptos::server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: leptos::server_fn::error::ServerFnErrorErr) -> Self {
        AppError::Transport(value.to_string())
    }
}

/// Logs an internal failure under a fresh id and returns the error the user sees
/// (the cause stays in the server log).
#[cfg(feature = "ssr")]
pub fn internal(cause: impl std::fmt::Display) -> AppError {
    let request_id = hex::encode(rand::random::<[u8; 4]>());
    tracing::error!(request_id, "internal error: {cause}");
    AppError::Internal { request_id }
}

/// Collects field errors while a form is checked, so the user sees all problems at once.
#[derive(Default, Debug)]
pub struct Problems(pub Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, e: FieldError) {
        self.0.push(e);
    }

    /// Records the error of a parse result and returns its value, if any.
    pub fn take<T>(&mut self, r: Result<T, FieldError>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(e);
                None
            }
        }
    }

    pub fn into_result(self) -> Result<(), AppError> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(self.0))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Msg;
    use crate::i18n::{Lang, K};

    #[test]
    fn a_date_in_a_message_is_written_as_the_language_writes_dates() {
        let m = Msg::new(K::ErrFormClosed).with("date", "2026-12-17");
        assert!(
            m.text(Lang::Id).contains("17\u{a0}Des\u{a0}2026"),
            "{}",
            m.text(Lang::Id)
        );
        assert!(
            m.text(Lang::En).contains("17\u{a0}Dec\u{a0}2026"),
            "{}",
            m.text(Lang::En)
        );
    }
}
