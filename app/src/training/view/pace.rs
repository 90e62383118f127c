//! Units' pace towards the 20 JP right (`/training/pace`): per unit (with
//! everything below it) the share of people on pace today; a unit's name opens the
//! units below and lists its own staff who are behind.

use crate::i18n::{use_i18n, K};
use crate::training::api::get_pace;
use crate::training::model::Pace;
use crate::ui::page::loaded;
use crate::ui::widgets::{Card, Page, Table};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn PacePage() -> impl IntoView {
    let query = use_query_map();
    let unit =
        Memo::new(move |_| query.with(|q| q.get("unit").and_then(|u| u.parse::<i32>().ok())));
    let data = Resource::new(move || unit.get(), get_pace);
    view! {
        <Page title=K::PaceTitle subtitle=K::PaceSubtitle>
            {loaded(data, |p| view! { <PaceView p /> })}
        </Page>
    }
}

#[component]
fn PaceView(p: Pace) -> impl IntoView {
    let i = use_i18n();
    let label = move |k: K| i.t(k);
    let last = p.trail.len() - 1;
    view! {
        <nav class="breadcrumb" aria-label=i.t(K::NeedsTrail)>
            {p.trail.iter().enumerate().map(|(n, (id, name))| {
                let text = if id.is_none() { i.t(K::PaceAll).to_string() } else { name.clone() };
                let href = id.map(|u| format!("/training/pace?unit={u}")).unwrap_or_else(|| "/training/pace".into());
                if n == last { view! { <span aria-current="page">{text}</span> }.into_any() }
                else { view! { <a href=href>{text}</a>" › " }.into_any() }
            }).collect_view()}
        </nav>
        <p class="muted small">{i.f(K::PaceRule, &[("year", p.year.to_string()), ("pace", i.dec(Some(p.pace)))])}</p>
        {(!p.rows.is_empty()).then(|| view! {
            <Table stack=true testid="pace-table" head=vec![(K::PaceUnit, ""), (K::PacePeople, "num"), (K::PaceOnPace, "num"), (K::PaceShare, "num")]>
                {p.rows.iter().map(|r| {
                    let share = (r.people > 0).then(|| r.on_pace as f64 * 100.0 / r.people as f64);
                    view! {
                        <tr>
                            <td><a href=format!("/training/pace?unit={}", r.unit_id)>{r.name.clone()}</a></td>
                            <td class="num" data-label=label(K::PacePeople)>{i.n(r.people)}</td>
                            <td class="num" data-label=label(K::PaceOnPace)>{i.n(r.on_pace)}</td>
                            <td class="num key" data-label=label(K::PaceShare)>{i.pct(share)}</td>
                        </tr>
                    }
                }).collect_view()}
            </Table>
        })}
        {(last > 0).then(|| view! {
            <Card title=K::PaceBehind help=K::PaceBehindHelp testid="behind">
                {if p.behind.is_empty() {
                    view! { <p class="empty">{i.t(K::PaceNobodyBehind)}</p> }.into_any()
                } else {
                    view! {
                        <Table stack=true head=vec![(K::EmployeeName, ""), (K::TrJp, "num")]>
                            {p.behind.iter().map(|b| view! {
                                <tr>
                                    <td><a href=format!("/dashboard/{}", b.employee_id)>{b.name.clone()}</a><span class="muted small">" · "{b.nip.clone()}</span></td>
                                    <td class="num key" data-label=label(K::TrJp)>{b.jp}</td>
                                </tr>
                            }).collect_view()}
                        </Table>
                    }.into_any()
                }}
            </Card>
        })}
    }
}
