//! The HR overview (headcount per unit and per job level, as charts and as tables)
//! and the system administrator's page.

use crate::hr::api::get_admin_overview;
use crate::hr::model::AdminOverview;
use crate::i18n::{use_i18n, K};
use crate::people::api::get_hr_overview;
use crate::people::model::HrOverviewPage as Overview;
use crate::ui::page::loaded;
use crate::ui::widgets::{Page, PageHead, Table};
use leptos::prelude::*;

#[component]
pub fn HrOverviewPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_hr_overview());
    view! {
        <Page>
            {loaded(data, |o| view! { <OverviewView o /> })}
        </Page>
    }
}

/// A server-drawn chart with its figures as a table under it (for screen readers,
/// and for exact numbers).
#[component]
fn ChartFigure(svg: String, rows: Vec<(String, i64)>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <figure class="card chart">
            <div class="chart-svg" inner_html=svg></div>
            <figcaption>
                <details>
                    <summary>{i.t(K::ShowTable)}</summary>
                    <table class="table">
                        <tbody>
                            {rows.into_iter().map(|(label, n)| view! { <tr><td>{label}</td><td class="num">{n}</td></tr> }).collect_view()}
                        </tbody>
                    </table>
                </details>
            </figcaption>
        </figure>
    }
}

#[component]
fn OverviewView(o: Overview) -> impl IntoView {
    let i = use_i18n();
    let f = o.figures;
    let units = f
        .by_unit
        .iter()
        .map(|r| (r.label.clone(), r.count))
        .collect();
    let levels = f
        .by_level
        .iter()
        .map(|(level, n)| (i.t(level.label()).to_string(), *n))
        .collect();
    view! {
        <PageHead title=i.t(K::HrTitle).to_string() subtitle=f.agency_name.clone() />
        <div class="stats">
            <a class="stat" href="/hr/employees"><span class="stat-n">{f.employees}</span><span>{i.t(K::HrEmployees)}</span></a>
            <a class="stat" href="/hr/units"><span class="stat-n">{f.units}</span><span>{i.t(K::HrUnits)}</span></a>
            <a class="stat" href="/hr/positions"><span class="stat-n">{f.positions}</span><span>{i.t(K::HrPositions)}</span></a>
        </div>
        <div class="grid-2">
            <ChartFigure svg=o.by_unit_svg rows=units />
            <ChartFigure svg=o.by_level_svg rows=levels />
        </div>
    }
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_admin_overview());
    view! {
        <Page title=K::AdminTitle>
            {loaded(data, |o| view! { <Admin o /> })}
        </Page>
    }
}

#[component]
fn Admin(o: AdminOverview) -> impl IntoView {
    let i = use_i18n();
    let audit = match &o.audit_broken {
        None => {
            let counts = [("rows", o.audit_rows.to_string()), ("chains", o.audit_chains.to_string())];
            view! { <div class="alert alert-ok" data-testid="audit-status">{i.f(K::AdminAuditOk, &counts)}</div> }.into_any()
        }
        Some(b) => view! { <div class="alert alert-error" data-testid="audit-status">{i.f(K::AdminAuditBroken, &[("where", b.clone())])}</div> }.into_any(),
    };
    view! {
        <h2>{i.t(K::AdminAudit)}</h2>
        {audit}
        <h2>{i.t(K::AdminAgencies)}</h2>
        <Table head=vec![(K::AdminAgency, ""), (K::HrUnits, "num"), (K::HrEmployees, "num")]>
            {o.agencies.into_iter().map(|a| view! {
                <tr><td>{a.name}<br /><code class="small">{a.code}</code></td><td class="num">{a.units}</td><td class="num">{a.employees}</td></tr>
            }).collect_view()}
        </Table>
    }
}
