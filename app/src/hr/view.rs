//! The HR overview (headcount per unit and per job level, as charts and as tables)
//! and the system administrator's page.

use crate::auth::view::TemporaryPasswordNotice;
use crate::hr::api::{get_admin_overview, ResetAccount};
use crate::hr::model::{AccountRow, AdminOverview};
use crate::i18n::{use_i18n, K};
use crate::people::api::get_hr_overview;
use crate::people::model::HrOverviewPage as Overview;
use crate::ui::page::loaded;
use crate::ui::widgets::{action_error, error_box, Page, PageHead, SubmitButton, Table};
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
            <a class="stat" href="/hr/publikasi"><span class="stat-n small-n">{i.t(K::NavPublication)}</span><span>{i.t(K::PubHrLink)}</span></a>
            <a class="stat" href="/hr/skm"><span class="stat-n small-n">{i.t(K::NavSkm)}</span><span>{i.t(K::SkmHrLink)}</span></a>
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
        <Accounts rows=o.accounts />
    }
}

/// Accounts with elevated roles, each with a button that issues a temporary password.
#[component]
fn Accounts(rows: Vec<AccountRow>) -> impl IntoView {
    let i = use_i18n();
    let reset = ServerAction::<ResetAccount>::new();
    let errors = action_error(reset);
    let issued = move || match reset.value().get() {
        Some(Ok(t)) => Some(view! { <TemporaryPasswordNotice t /> }),
        _ => None,
    };
    let head = vec![
        (K::AdminAccount, ""),
        (K::AdminRoles, ""),
        (K::AdminLastLogin, "hide-sm"),
        (K::IssueTemporaryPassword, ""),
    ];
    view! {
        <h2>{i.t(K::AdminAccounts)}</h2>
        <p class="muted">{i.t(K::AdminAccountsHelp)}</p>
        {issued}
        {error_box(errors)}
        <Table head>
            {rows.into_iter().map(|a| {
                let roles = a.roles.iter().map(|r| i.t(r.label())).collect::<Vec<_>>().join(", ");
                let agency = a.agency.unwrap_or_default();
                view! {
                    <tr>
                        <td>{a.display_name}<br /><code class="small">{a.username}</code><br /><span class="muted small">{agency}</span></td>
                        <td>{roles}</td>
                        <td class="hide-sm">{a.last_login.unwrap_or_else(|| i.t(K::AdminNever).to_string())}</td>
                        <td>
                            <ActionForm action=reset attr:class="inline-form">
                                <input type="hidden" name="user_id" value=a.user_id.to_string() />
                                <SubmitButton pending=reset.pending() label=K::IssueTemporaryPassword class="button-small button-quiet" />
                            </ActionForm>
                        </td>
                    </tr>
                }
            }).collect_view()}
        </Table>
    }
}
