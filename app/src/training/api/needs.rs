//! Server functions of training needs. Thin, like every domain's; the ranking chart
//! is drawn here (`ui::chart`), on the server.

use crate::error::AppError;
use crate::training::model::*;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::server::request::as_actor;
#[cfg(feature = "ssr")]
use crate::training::service::needs;

/// The training needs of the reader's units (HR: the agency), or of one of them.
/// Each filter its own argument: a struct of nothing but absent options is sent as
/// an empty form, which the server cannot read back as the struct.
#[server(endpoint = "needs/get")]
pub async fn get_needs(
    campaign: Option<i32>,
    unit: Option<i32>,
    level: Option<crate::people::job_level::JobLevel>,
    group: Option<crate::competency::model::CompetencyGroup>,
) -> Result<NeedsPage, AppError> {
    let lang = crate::i18n::detect_lang();
    let query = NeedsQuery {
        campaign,
        unit,
        level,
        group,
    };
    as_actor(|db, a| async move {
        let data = needs::needs(&db, &a, query).await?;
        Ok(crate::ui::page_charts::needs(data, lang))
    })
    .await
}

/// The address of the training-needs page for a query (the page's links and the
/// exports' use the same parameters).
pub fn needs_query_string(q: &NeedsQuery) -> String {
    let mut parts = vec![];
    if let Some(c) = q.campaign {
        parts.push(format!("campaign={c}"));
    }
    if let Some(u) = q.unit {
        parts.push(format!("unit={u}"));
    }
    if let Some(l) = q.level {
        parts.push(format!("level={}", l.code()));
    }
    if let Some(g) = q.group {
        parts.push(format!("group={}", g.code()));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Reads the page's query string back (unknown or malformed parts are left out).
pub fn parse_needs_query(get: impl Fn(&str) -> Option<String>) -> NeedsQuery {
    NeedsQuery {
        campaign: get("campaign").and_then(|v| v.parse().ok()),
        unit: get("unit").and_then(|v| v.parse().ok()),
        level: get("level").and_then(|v| crate::people::job_level::JobLevel::from_code(&v)),
        group: get("group").and_then(|v| crate::competency::model::CompetencyGroup::from_code(&v)),
    }
}
