//! The HR employee list: search by name or NIP, filter by unit (from a unit's page),
//! include former employees, page by 50.

use super::employee_filters::{filter_from_query, href, FilterPanel};
use crate::error::AppError;
use crate::i18n::{use_i18n, I18n, K};
use crate::people::api::list_employees;
use crate::people::model::{EmployeeFilter, EmployeePage, EmployeeRow};
use crate::ui::app::HrOnly;
use crate::ui::page::loaded;
use crate::ui::widgets::Page;
use codee::{Decoder, Encoder};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

#[component]
pub fn EmployeesPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let filter = Memo::new(move |_| filter_from_query(&query.read()));
    let page =
        Resource::<_, RowlessCodec>::new_with_options(move || filter.get(), list_employees, false);
    view! {
        <Page title=K::EmployeesTitle action=("/hr/employees/new", K::EmployeesNew)>
            // HR's tools only: others get "not allowed" below and nothing to search.
            <HrOnly>
                <div class="toolbar">
                    <form method="get" action="/hr/employees" class="search-form" role="search">
                        <label class="sr-only" for="q">{i.t(K::EmployeesSearch)}</label>
                        <input id="q" type="search" name="q" placeholder=i.t(K::EmployeesSearch)
                            value=move || filter.get().q prop:value=move || filter.get().q />
                        {move || filter.get().unit_id.map(|u| view! { <input type="hidden" name="unit" value=u.to_string() /> })}
                        <button type="submit" class="button button-small">{i.t(K::Search)}</button>
                        <Suspense fallback=|| ()>
                            {move || Suspend::new(async move {
                                let positions = page.await.map(|p| p.positions.clone()).unwrap_or_default();
                                view! { <FilterPanel f=filter.get_untracked() positions /> }
                            })}
                        </Suspense>
                    </form>
                    <div class="toolbar-links">
                        <a href="/hr/employees/import">{i.t(K::ImportTitle)}</a>
                        <a href="/hr/employees.csv" download="pegawai.csv">{i.t(K::EmployeesExport)}</a>
                    </div>
                </div>
            </HrOnly>
            {loaded(page, move |p| view! { <EmployeeTable page=p filter=filter.get_untracked() /> })}
        </Page>
    }
}

/// Hydration codec of the list's resource. The rows reach the browser inside the
/// rendered HTML, and hydration leaves an `inner_html` element as the server wrote
/// it, so the page's hydration data carries the page without its rows: half the
/// page's bytes less to serialise and escape. Navigating in the browser fetches
/// rows through the server function, which always sends them.
pub struct RowlessCodec;

type PageResult = Result<Arc<EmployeePage>, AppError>;

impl Encoder<PageResult> for RowlessCodec {
    type Error = serde_json::Error;
    type Encoded = String;

    fn encode(val: &PageResult) -> Result<String, Self::Error> {
        match val {
            Ok(p) => {
                let meta = EmployeePage {
                    positions: p.positions.clone(),
                    rows: Vec::new(),
                    count: p.count,
                    unit_name: p.unit_name.clone(),
                    page: p.page,
                    page_size: p.page_size,
                    has_next: p.has_next,
                };
                serde_json::to_string(&Ok::<_, AppError>(meta))
            }
            Err(e) => serde_json::to_string(&Err::<EmployeePage, _>(e)),
        }
    }
}

impl Decoder<PageResult> for RowlessCodec {
    type Error = serde_json::Error;
    type Encoded = str;

    fn decode(val: &str) -> Result<PageResult, Self::Error> {
        serde_json::from_str(val)
    }
}

/// The table rows as one HTML string. The list has nothing interactive inside, and
/// 50 rows render many times faster this way than as individual view nodes (the
/// employee list is the page the benchmark measures; see bench/).
pub fn rows_html(i: I18n, rows: &[EmployeeRow]) -> String {
    use crate::ui::html::push_escaped as esc;
    let mut h = String::with_capacity(rows.len() * 420);
    for e in rows {
        h.push_str(if e.active {
            "<tr><td>"
        } else {
            "<tr class=\"inactive\"><td>"
        });
        h.push_str("<a href=\"/hr/employees/");
        h.push_str(&e.id.to_string());
        h.push_str("\">");
        esc(&mut h, &e.name);
        h.push_str("</a>");
        if e.is_head {
            h.push_str("<span class=\"tag\">");
            esc(&mut h, i.t(K::HeadTag));
            h.push_str("</span>");
        }
        if !e.active {
            h.push_str("<span class=\"tag tag-off\">");
            esc(&mut h, i.t(K::Inactive));
            h.push_str("</span>");
        }
        h.push_str("<br><span class=\"nip\">");
        esc(&mut h, &e.nip);
        h.push_str("</span></td><td class=\"hide-sm\">");
        esc(&mut h, e.unit_name.as_deref().unwrap_or("–"));
        h.push_str("</td><td>");
        esc(&mut h, e.position_name.as_deref().unwrap_or("–"));
        h.push_str("<br><span class=\"muted small\">");
        esc(&mut h, e.job_level.map_or("", |l| i.t(l.label())));
        h.push_str("</span></td><td class=\"hide-md\">");
        esc(&mut h, e.status.code());
        h.push_str("</td></tr>");
    }
    h
}

#[component]
fn EmployeeTable(page: Arc<EmployeePage>, filter: EmployeeFilter) -> impl IntoView {
    let i = use_i18n();
    let first = (page.page - 1) * page.page_size + 1;
    let last = (first + page.count).saturating_sub(1);
    let unit_chip = page.unit_name.clone().map(|name| {
        let without = EmployeeFilter {
            unit_id: None,
            ..filter.clone()
        };
        view! {
            <p class="chip-row">
                <span class="chip">{i.f(K::EmployeesInUnit, &[("unit", name)])}
                    <a href=href(&without, 1) aria-label=i.t(K::RemoveFilter)>"×"</a>
                </span>
            </p>
        }
    });
    let empty = page.count == 0;
    view! {
        {unit_chip}
        <Show when=move || empty fallback=|| ()>
            <p class="empty">{i.t(K::EmployeesNone)}" "
                <a href="/hr/employees">{i.t(K::EmployeesClearFilters)}</a>
            </p>
        </Show>
        <Show when=move || !empty fallback=|| ()>
            <p class="muted small">{i.f(K::EmployeesRange, &[("from", first.to_string()), ("to", last.to_string())])}</p>
        </Show>
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th>{i.t(K::EmployeeName)}</th>
                        <th class="hide-sm">{i.t(K::EmployeeUnit)}</th>
                        <th>{i.t(K::EmployeePosition)}</th>
                        <th class="hide-md">{i.t(K::EmployeeStatus)}</th>
                    </tr>
                </thead>
                <tbody inner_html=rows_html(i, &page.rows)></tbody>
            </table>
        </div>
        <nav class="pager" aria-label=i.t(K::Pages)>
            {(page.page > 1).then(|| view! { <a class="button button-small button-quiet" href=href(&filter, page.page - 1)>{i.t(K::PrevPage)}</a> })}
            <span class="muted">{i.f(K::PageN, &[("n", page.page.to_string())])}</span>
            {page.has_next.then(|| view! { <a class="button button-small button-quiet" href=href(&filter, page.page + 1)>{i.t(K::NextPage)}</a> })}
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn rows_escape_names_and_mark_heads_and_inactive_people() {
        let row = EmployeeRow {
            id: 7,
            nip: "198503122010012004".into(),
            name: "Siti <b>Rahma</b>".into(),
            status: crate::people::input::EmploymentStatus::Pns,
            active: false,
            unit_name: None,
            position_name: Some("Kepala Seksi".into()),
            job_level: Some(crate::people::job_level::JobLevel::Pengawas),
            is_head: true,
        };
        let h = rows_html(I18n(Lang::Id), &[row]);
        assert!(h.starts_with("<tr class=\"inactive\"><td><a href=\"/hr/employees/7\">Siti &lt;b&gt;Rahma&lt;/b&gt;</a>"));
        assert!(
            h.contains("<span class=\"tag\">Kepala</span>") && h.contains("tag-off\">Nonaktif")
        );
        assert!(h.contains(">–</td>") && h.contains(">Pengawas</span>"));
    }
}
