//! The training-needs page (`/needs`): for the reader's units (HR: the agency), a
//! heatmap of units × competencies coloured by the share of people below their
//! required level, each cell with that share and the mean levels lacking; a unit's
//! name opens the units below it, and an opened unit lists its own people. Filters
//! (campaign, job level, competency group) are a plain GET form, so every view is a
//! link and works before the page's script has loaded; the AKPK exports and printing
//! carry the same filters.

use super::tables::{People, Ranking};
use crate::i18n::{use_i18n, I18n, K};
use crate::training::api::{get_needs, needs_query_string, parse_needs_query};
use crate::training::model::{Need, Needs, NeedsPage, NeedsQuery, NeedsRow};
use crate::ui::page::loaded;
use crate::ui::widgets::{CodedFilter, Page};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NeedsPage() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| {
        let map = query.read();
        parse_needs_query(|k| map.get(k))
    });
    let data = Resource::new(
        move || q.get(),
        |q| get_needs(q.campaign, q.unit, q.level, q.group),
    );
    view! {
        <Page title=K::NeedsTitle subtitle=K::NeedsSubtitle class="needs-page">
            {loaded(data, |page| view! { <NeedsView page /> })}
        </Page>
    }
}

#[component]
fn NeedsView(page: NeedsPage) -> impl IntoView {
    let i = use_i18n();
    let d = page.needs;
    let Some((_, campaign)) = d.campaign.clone() else {
        return view! { <p class="empty">{i.t(K::NeedsNoCampaign)}</p> }.into_any();
    };
    let q = d.query.clone();
    let opened = d.trail.len() > 1;
    view! {
        <Filters d=d.clone() />
        <Trail d=d.clone() />
        <p class="muted small">{i.f(K::DashFrom, &[("campaign", campaign)])}</p>
        <div class="stats">
            <div class="stat"><span class="stat-n">{i.n(d.rows.iter().map(|r| r.people).sum())}</span>{i.t(K::NeedsPeople)}</div>
            <div class="stat"><span class="stat-n">{i.pct(d.total.share())}</span>{i.t(K::NeedsShareBelow)}</div>
            <div class="stat"><span class="stat-n">{i.dec(Some(d.total.shortfall))}</span>{i.t(K::NeedsShortfall)}</div>
        </div>
        <Heatmap d=d.clone() />
        <Ranking columns=d.columns.clone() svg=page.ranking_svg />
        {opened.then(|| view! { <People list=d.people.clone() more=d.people_more /> })}
        <Exports q />
    }
    .into_any()
}

/// The filters: a GET form to this page, keeping the opened unit.
#[component]
fn Filters(d: Needs) -> impl IntoView {
    let i = use_i18n();
    let q = d.query.clone();
    let chosen = d.campaign.as_ref().map(|c| c.0);
    view! {
        <form method="get" action="/needs" class="filters-inline" data-testid="needs-filters">
            {q.unit.map(|u| view! { <input type="hidden" name="unit" value=u.to_string() /> })}
            <label>{i.t(K::DashCampaigns)}
                <select id="campaign" name="campaign">
                    {d.campaigns.iter().map(|(id, name)| view! {
                        <option value=id.to_string() selected=chosen == Some(*id)>{name.clone()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>{i.t(K::EmployeesFilterLevel)}
                <CodedFilter name="level" selected=q.level all=K::EmployeesAllLevels />
            </label>
            <label>{i.t(K::NeedsGroup)}
                <CodedFilter name="group" selected=q.group all=K::NeedsAllGroups />
            </label>
            <button type="submit" class="button button-small">{i.t(K::NeedsApply)}</button>
        </form>
    }
}

/// Where the reader is: their whole scope, then each unit opened on the way down.
#[component]
fn Trail(d: Needs) -> impl IntoView {
    let i = use_i18n();
    let last = d.trail.len().saturating_sub(1);
    let top = if d.agency_wide {
        K::NeedsWholeAgency
    } else {
        K::NeedsMyUnits
    };
    let steps = d.trail.iter().enumerate().map(|(n, (unit, name))| {
        let label = if unit.is_none() {
            i.t(top).to_string()
        } else {
            name.clone()
        };
        let href = format!(
            "/needs{}",
            needs_query_string(&NeedsQuery {
                unit: *unit,
                ..d.query.clone()
            })
        );
        if n == last {
            view! { <li aria-current="page">{label}</li> }.into_any()
        } else {
            view! { <li><a href=href>{label}</a></li> }.into_any()
        }
    });
    view! { <nav aria-label=i.t(K::NeedsTrail)><ol class="trail">{steps.collect_view()}</ol></nav> }
}

/// The heatmap: a table (every figure readable, every unit a link), its cells
/// coloured in five bands of the share below their level.
#[component]
fn Heatmap(d: Needs) -> impl IntoView {
    let i = use_i18n();
    if d.rows.is_empty() {
        return view! { <p class="empty">{i.t(K::NeedsNoRows)}</p> }.into_any();
    }
    let heads = d.columns.iter().map(|c| {
        view! { <th class="num" scope="col"><abbr title=c.name.clone()>{c.code.clone()}</abbr></th> }
    });
    let rows = d.rows.iter().map(|r| row(i, &d.query, r));
    view! {
        <section class="card" data-testid="heatmap">
            <h2>{i.t(K::NeedsHeatmap)}</h2>
            <p class="small muted">{i.t(K::NeedsHeatmapHelp)}</p>
            <div class="table-wrap" tabindex="0">
                <table class="heatmap">
                    <thead><tr><th scope="col">{i.t(K::EmployeeUnit)}</th>{heads.collect_view()}</tr></thead>
                    <tbody>{rows.collect_view()}</tbody>
                </table>
            </div>
            <ol class="heat-legend" aria-label=i.t(K::NeedsLegend)>
                {[K::NeedsHeat0, K::NeedsHeat1, K::NeedsHeat2, K::NeedsHeat3, K::NeedsHeat4].into_iter().enumerate().map(|(n, k)| view! {
                    <li><span class=format!("swatch heat-{n}")></span>{i.t(k)}</li>
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

fn row(i: I18n, q: &NeedsQuery, r: &NeedsRow) -> impl IntoView {
    let name = match r.unit {
        Some(_) => r.name.clone(),
        None => i.t(K::NeedsOwnStaff).to_string(),
    };
    let head = match r.unit {
        Some(u) => {
            let href = format!(
                "/needs{}",
                needs_query_string(&NeedsQuery {
                    unit: Some(u),
                    ..q.clone()
                })
            );
            view! { <a href=href>{name}</a> }.into_any()
        }
        None => view! { <a href="#people">{name}</a> }.into_any(),
    };
    let cells = r.cells.iter().map(move |n| cell(i, n));
    view! {
        <tr>
            <th scope="row">{head}<span class="small muted">{" · "}{i.f(K::NeedsPeopleCount, &[("n", i.n(r.people))])}</span></th>
            {cells.collect_view()}
        </tr>
    }
}

fn cell(i: I18n, n: &Need) -> impl IntoView {
    let Some(heat) = n.heat() else {
        return view! { <td class="num heat-none">"–"</td> }.into_any();
    };
    view! {
        <td class=format!("num heat-{heat}")>
            <strong>{i.pct(n.share())}</strong>
            <span class="small">
                {format!("{}/{}", i.n(n.below), i.n(n.people))}
                {n.mean_gap().map(|g| format!(" · {}", i.dec(Some(g))))}
            </span>
        </td>
    }
    .into_any()
}

fn print() {
    #[cfg(feature = "hydrate")]
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

/// The AKPK as files and on paper, with the page's filters.
#[component]
fn Exports(q: NeedsQuery) -> impl IntoView {
    let i = use_i18n();
    let qs = needs_query_string(&q);
    view! {
        <div class="toolbar-links no-print" data-testid="needs-exports">
            <a href=format!("/needs/akpk.csv{qs}") download="akpk.csv">{i.t(K::NeedsExportPeople)}</a>
            <a href=format!("/needs/units.csv{qs}") download="akpk-unit.csv">{i.t(K::NeedsExportUnits)}</a>
            <a href="/calibration">{i.t(K::NavCalibration)}</a>
            <a href="/training/pace">{i.t(K::PaceTitle)}</a>
            <a href="/training/effect">{i.t(K::EffectTitle)}</a>
            // A script handler (the page's policy forbids inline ones): printing needs
            // the page's script, the browser's own print works before it.
            <button type="button" class="button button-small" on:click=|_| print()>{i.t(K::NeedsPrint)}</button>
        </div>
    }
}
