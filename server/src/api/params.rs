//! The query of an API request, read by hand so every bad value gets the API's own
//! error (a JSON `Problem` naming the parameter), never the framework's plain text.

use super::answer::ApiError;
use std::collections::HashMap;

/// Items per page: the default and the most.
pub const PER_PAGE: u32 = 50;
pub const PER_PAGE_MAX: u32 = 100;

pub struct Params(HashMap<String, String>);

impl Params {
    pub fn new(query: Option<&str>) -> Params {
        let pairs = url::form_urlencoded::parse(query.unwrap_or_default().as_bytes());
        Params(pairs.into_owned().collect())
    }

    /// A parameter as given (trimmed); given empty is not absent: `?page=` is an
    /// error, not page 1.
    pub fn text(&self, name: &str) -> Option<String> {
        self.0.get(name).map(|v| v.trim().to_string())
    }

    /// A whole number, if given.
    pub fn int(&self, name: &'static str) -> Result<Option<i32>, ApiError> {
        match self.text(name) {
            None => Ok(None),
            Some(v) => v
                .parse::<i32>()
                .map(Some)
                .map_err(|_| ApiError::Bad(name, "harus bilangan bulat")),
        }
    }

    /// `page` (from 1) and `per_page` (1–100).
    pub fn paging(&self) -> Result<(u32, u32), ApiError> {
        let page = match self.int("page")? {
            None => 1,
            Some(n) if n >= 1 => n as u32,
            Some(_) => return Err(ApiError::Bad("page", "mulai dari 1")),
        };
        let per_page = match self.int("per_page")? {
            None => PER_PAGE,
            Some(n) if (1..=PER_PAGE_MAX as i32).contains(&n) => n as u32,
            Some(_) => return Err(ApiError::Bad("per_page", "antara 1 dan 100")),
        };
        Ok((page, per_page))
    }

    /// Whether CSV is asked for (`format=csv`); JSON otherwise.
    pub fn csv(&self) -> Result<bool, ApiError> {
        match self.text("format").as_deref() {
            None | Some("json") => Ok(false),
            Some("csv") => Ok(true),
            Some(_) => Err(ApiError::Bad("format", "pilih json atau csv")),
        }
    }
}
