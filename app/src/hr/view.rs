//! The HR overview (headcount per unit and per job level, as charts and as tables)
//! and the system administrator's page.

use crate::hr::api::get_admin_overview;
use crate::i18n::{use_i18n, K};
use crate::people::api::get_hr_overview;
use crate::people::model::HrOverview;
use crate::people::view::positions::level_label;
use crate::ui::widgets::{ErrorBox, Loading, PageHead};
use leptos::prelude::*;

#[component]
pub fn HrOverviewPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_hr_overview());
    view! {
        <section class="page">
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(o) => view! { <Overview o /> }.into_any(),
                        Err(e) => view! { <ErrorBox err=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Overview(o: HrOverview) -> impl IntoView {
    let i = use_i18n();
    view! {
        <PageHead title=i.t(K::HrTitle).to_string() subtitle=o.agency_name.clone() />
        <div class="stats">
            <a class="stat" href="/hr/employees"><span class="stat-n">{o.employees}</span><span>{i.t(K::HrEmployees)}</span></a>
            <a class="stat" href="/hr/units"><span class="stat-n">{o.units}</span><span>{i.t(K::HrUnits)}</span></a>
            <a class="stat" href="/hr/positions"><span class="stat-n">{o.positions}</span><span>{i.t(K::HrPositions)}</span></a>
        </div>
        <div class="grid-2">
            <figure class="card chart">
                <div class="chart-svg" inner_html=o.by_unit_svg.clone()></div>
                <figcaption>
                    <details>
                        <summary>{i.t(K::ShowTable)}</summary>
                        <table class="table">
                            <tbody>
                                {o.by_unit.iter().map(|r| view! { <tr><td>{r.label.clone()}</td><td class="num">{r.count}</td></tr> }).collect_view()}
                            </tbody>
                        </table>
                    </details>
                </figcaption>
            </figure>
            <figure class="card chart">
                <div class="chart-svg" inner_html=o.by_level_svg.clone()></div>
                <figcaption>
                    <details>
                        <summary>{i.t(K::ShowTable)}</summary>
                        <table class="table">
                            <tbody>
                                {o.by_level.iter().map(|r| view! { <tr><td>{level_label(&r.label)}</td><td class="num">{r.count}</td></tr> }).collect_view()}
                            </tbody>
                        </table>
                    </details>
                </figcaption>
            </figure>
        </div>
    }
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let i = use_i18n();
    let data = Resource::new(|| (), |_| get_admin_overview());
    view! {
        <section class="page">
            <PageHead title=i.t(K::AdminTitle).to_string() />
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match data.await {
                        Ok(o) => {
                            let audit = match &o.audit_broken {
                                None => view! { <div class="alert alert-ok" data-testid="audit-status">{i.f(K::AdminAuditOk, &[("rows", o.audit_rows.to_string()), ("chains", o.audit_chains.to_string())])}</div> }.into_any(),
                                Some(b) => view! { <div class="alert alert-error" data-testid="audit-status">{i.f(K::AdminAuditBroken, &[("where", b.clone())])}</div> }.into_any(),
                            };
                            view! {
                                <h2>{i.t(K::AdminAudit)}</h2>
                                {audit}
                                <h2>{i.t(K::AdminAgencies)}</h2>
                                <div class="table-wrap">
                                    <table class="table">
                                        <thead><tr><th>{i.t(K::AdminAgency)}</th><th class="num">{i.t(K::HrUnits)}</th><th class="num">{i.t(K::HrEmployees)}</th></tr></thead>
                                        <tbody>
                                            {o.agencies.into_iter().map(|a| view! {
                                                <tr><td>{a.name}<br /><code class="small">{a.code}</code></td><td class="num">{a.units}</td><td class="num">{a.employees}</td></tr>
                                            }).collect_view()}
                                        </tbody>
                                    </table>
                                </div>
                            }
                            .into_any()
                        }
                        Err(e) => view! { <ErrorBox err=e /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
