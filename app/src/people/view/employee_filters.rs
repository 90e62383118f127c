//! The employee list's filters: position, job level, employment status, active or
//! former, and (with a unit chosen) whether its sub-units count. A plain GET form, so
//! every filtered list is a link and works before the page's script has loaded.

use crate::i18n::{use_i18n, K};
use crate::people::input::EmploymentStatus;
use crate::people::job_level::JobLevel;
use crate::people::model::EmployeeFilter;
use crate::ui::widgets::CodedFilter;
use leptos::prelude::*;

/// The filters a list URL carries, read back (unknown values are no filter).
pub fn filter_from_query(q: &leptos_router::params::ParamsMap) -> EmployeeFilter {
    let inactive = q.get("inactive").unwrap_or_default();
    EmployeeFilter {
        q: q.get("q").unwrap_or_default(),
        unit_id: q.get("unit").and_then(|u| u.parse().ok()),
        direct_only: q.get("direct").is_some_and(|v| !v.is_empty()),
        position_id: q.get("position").and_then(|p| p.parse().ok()),
        job_level: q.get("level").and_then(|l| JobLevel::from_code(&l)),
        status: q
            .get("status")
            .and_then(|s| EmploymentStatus::from_code(&s)),
        include_inactive: inactive == "1",
        inactive_only: inactive == "only",
        page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1),
    }
}

/// The list URL for a filter, for links to other pages of the same list.
pub fn href(f: &EmployeeFilter, page: u32) -> String {
    let mut parts = vec![];
    if !f.q.is_empty() {
        parts.push(format!("q={}", urlencode(&f.q)));
    }
    if let Some(u) = f.unit_id {
        parts.push(format!("unit={u}"));
        if f.direct_only {
            parts.push("direct=1".into());
        }
    }
    if let Some(p) = f.position_id {
        parts.push(format!("position={p}"));
    }
    if let Some(l) = f.job_level {
        parts.push(format!("level={}", l.code()));
    }
    if let Some(s) = f.status {
        parts.push(format!("status={}", s.code()));
    }
    if f.inactive_only {
        parts.push("inactive=only".into());
    } else if f.include_inactive {
        parts.push("inactive=1".into());
    }
    if page > 1 {
        parts.push(format!("page={page}"));
    }
    if parts.is_empty() {
        "/hr/employees".into()
    } else {
        format!("/hr/employees?{}", parts.join("&"))
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            b' ' => "+".into(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Whether any filter beyond the search text and unit is set (the panel opens).
fn narrowed(f: &EmployeeFilter) -> bool {
    f.position_id.is_some()
        || f.job_level.is_some()
        || f.status.is_some()
        || f.include_inactive
        || f.inactive_only
        || f.direct_only
}

/// The filter fields inside the list's search form.
#[component]
pub fn FilterPanel(f: EmployeeFilter, positions: Vec<(i32, String)>) -> impl IntoView {
    let i = use_i18n();
    let chosen = f.position_id;
    let activity = if f.inactive_only {
        "only"
    } else if f.include_inactive {
        "1"
    } else {
        ""
    };
    view! {
        <details class="filters" open=narrowed(&f)>
            <summary>{i.t(K::EmployeesMoreFilters)}</summary>
            <div class="filter-grid">
                <label>{i.t(K::EmployeesFilterPosition)}
                    <select id="position" name="position">
                        <option value="">{i.t(K::EmployeesAllPositions)}</option>
                        {positions.into_iter().map(|(id, name)| view! {
                            <option value=id.to_string() selected=chosen == Some(id)>{name}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label>{i.t(K::EmployeesFilterLevel)}
                    <CodedFilter name="level" selected=f.job_level all=K::EmployeesAllLevels />
                </label>
                <label>{i.t(K::EmployeesFilterStatus)}
                    <CodedFilter name="status" selected=f.status all=K::EmployeesAllStatuses />
                </label>
                <label>{i.t(K::EmployeesFilterActive)}
                    <select id="inactive" name="inactive">
                        <option value="" selected=activity.is_empty()>{i.t(K::EmployeesActiveOnly)}</option>
                        <option value="1" selected=activity == "1">{i.t(K::EmployeesIncludeInactive)}</option>
                        <option value="only" selected=activity == "only">{i.t(K::EmployeesInactiveOnly)}</option>
                    </select>
                </label>
                {f.unit_id.map(|_| view! {
                    <label class="check">
                        <input type="checkbox" name="direct" value="1" checked=f.direct_only />
                        {i.t(K::EmployeesDirectOnly)}
                    </label>
                })}
            </div>
        </details>
    }
}
