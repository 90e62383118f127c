//! The gap dashboard (`/dashboard`, or `/dashboard/:id` for a supervisor, leader or
//! HR): the radar of required against measured levels, the gap table sorted by
//! shortfall, JPM and its band, strengths and what to develop, progress across
//! campaigns, and the feedback received (peers and subordinates without names).

use crate::assessment::api::{get_dashboard, my_team};
use crate::assessment::model::DashboardPage;
use crate::assessment::model::{
    DashItem, Dashboard, DropReason, DroppedSource, Feedback, TeamMember,
};
use crate::error::AppError;
use crate::i18n::{use_i18n, K};
use crate::ui::page::{loaded, route_id};
use crate::ui::widgets::{Card, Page, PageHead, Table};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let id = route_id();
    let query = use_query_map();
    let key = move || {
        (
            id.get(),
            query
                .read()
                .get("campaign")
                .and_then(|s| s.parse::<i32>().ok()),
        )
    };
    let data = Resource::new(key, |(e, c)| get_dashboard(e, c));
    // One's own dashboard also lists the team whose dashboards one may open. A
    // visitor has no team: the dashboard above already says to log in, once.
    let team = Resource::new(
        move || key().0.is_none(),
        |own| async move {
            match own {
                true => match my_team().await {
                    Err(AppError::Unauthenticated) => Ok(vec![]),
                    other => other,
                },
                false => Ok(vec![]),
            }
        },
    );
    view! {
        <Page>
            {loaded(data, |page| view! { <DashboardView page /> })}
            <crate::training::view::progress::TrainingProgress employee=id />
            {loaded(team, |list| (!list.is_empty()).then(|| view! { <Team list /> }))}
        </Page>
    }
}

#[component]
fn Team(list: Vec<TeamMember>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <Card title=K::DashTeam help=K::DashTeamHelp testid="team">
            <Table stack=true head=vec![(K::EmployeeName, ""), (K::EmployeePosition, ""), (K::DashJpm, "num")]>
                {list.into_iter().map(|m| view! {
                    <tr>
                        <td><a href=format!("/dashboard/{}", m.employee_id)>{m.name.clone()}</a></td>
                        <td data-label=i.t(K::EmployeePosition)>{m.position.clone()}</td>
                        <td class="num key" data-label=i.t(K::DashJpm)>{i.pct(m.jpm)}</td>
                    </tr>
                }).collect_view()}
            </Table>
            <p class="small"><a href="/calibration">{i.t(K::DashCalibrationLink)}</a></p>
        </Card>
    }
}

#[component]
fn DashboardView(page: DashboardPage) -> impl IntoView {
    let i = use_i18n();
    let d = page.dashboard;
    let subtitle = [d.position.clone(), d.unit.clone()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let base = format!("/dashboard/{}", d.employee_id);
    let Some((current, campaign)) = d.campaign.clone() else {
        return view! {
            <PageHead title=d.name.clone() subtitle />
            <p class="empty">{i.t(K::DashNoResults)}</p>
        }
        .into_any();
    };
    let band = d.band.map(|b| (b.code(), i.t(b.label())));
    view! {
        <PageHead title=d.name.clone() subtitle />
        <nav class="chip-row" aria-label=i.t(K::DashCampaigns)>
            {d.campaigns.iter().rev().map(|(id, name)| {
                if *id == current {
                    view! { <span class="chip chip-on">{name.clone()}</span> }.into_any()
                } else {
                    view! { <a class="chip" href=format!("{base}?campaign={id}")>{name.clone()}</a> }.into_any()
                }
            }).collect_view()}
        </nav>
        <div class="stats">
            <div class="stat" data-testid="jpm">
                <span class="stat-n">{i.pct(d.jpm)}</span>
                {i.t(K::DashJpm)}
                {band.map(|(code, label)| view! { <span class=format!("tag band-{code}")>{label}</span> })}
            </div>
            <div class="stat"><span class="stat-n">{d.to_develop.len()}</span>{i.t(K::DashToDevelopCount)}</div>
            <div class="stat"><span class="stat-n">{d.standard_version.map(|v| format!("v{v}")).unwrap_or_default()}</span>{i.t(K::DashStandard)}</div>
        </div>
        <p class="muted small">{i.f(K::DashFrom, &[("campaign", campaign)])}</p>
        <div class="grid-2">
            <figure class="card chart">
                <div class="chart-svg" data-testid="radar" inner_html=page.radar_svg></div>
                <figcaption class="small muted">{i.t(K::DashRadarCaption)}</figcaption>
            </figure>
            <Standing d=d.clone() />
        </div>
        <GapTable items=d.items.clone() />
        <Progress d=d.clone() svg=page.progress_svg />
        <FeedbackList list=d.feedback.clone() />
    }
    .into_any()
}

/// Each competency against its required level: to develop, strengths, meets.
#[component]
fn Standing(d: Dashboard) -> impl IntoView {
    let i = use_i18n();
    view! {
        <Card title=K::DashToDevelop>
            {names(d.to_develop, K::DashNothingToDevelop)}
            <h2>{i.t(K::DashStrengths)}</h2>
            {names(d.strengths, K::DashNoStrengths)}
            <h2>{i.t(K::DashMeets)}</h2>
            {names(d.meets, K::DashNoMeets)}
            <p class="small muted">{i.t(K::DashStrengthsHelp)}</p>
        </Card>
    }
}

fn names(list: Vec<String>, empty: K) -> AnyView {
    let i = use_i18n();
    if list.is_empty() {
        return view! { <p class="muted">{i.t(empty)}</p> }.into_any();
    }
    view! { <ul>{list.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul> }.into_any()
}

/// The sources left out of the measurement, each said once (they are usually the
/// same for every competency).
fn dropped_notes(items: &[DashItem]) -> Vec<String> {
    let i = use_i18n();
    let mut notes: Vec<String> = Vec::new();
    for DroppedSource(s, why, n) in items.iter().flat_map(|it| it.dropped.iter()) {
        let source = ("source", i.t(s.label()).to_string());
        let note = match why {
            DropReason::BelowK => i.f(K::DashDroppedBelowK, &[source, ("k", n.to_string())]),
            DropReason::NoAnswers => i.f(K::DashDroppedNone, &[source]),
        };
        if !notes.contains(&note) {
            notes.push(note);
        }
    }
    notes
}

#[component]
fn GapTable(items: Vec<DashItem>) -> impl IntoView {
    let i = use_i18n();
    let notes = dropped_notes(&items);
    view! {
        <Card title=K::DashGapTitle>
            {(!notes.is_empty()).then(|| view! {
                <div class="alert alert-warn small" data-testid="dropped">
                    <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                </div>
            })}
            <Table stack=true head=vec![(K::StdCompetency, ""), (K::DashRequiredShort, "num"), (K::DashMeasured, "num"), (K::DashGapShort, "num"), (K::DashSelf, "num hide-sm"), (K::DashOthers, "num hide-sm")] testid="gap-table">
                {items.into_iter().map(|it| {
                    let short = it.gap.is_some_and(|g| g > 0.0);
                    let label = |k| i.t(k);
                    view! {
                        <tr class:short=short>
                            <td><span class="code">{it.code.clone()}</span>" "{it.name.clone()}</td>
                            <td class="num" data-label=label(K::DashRequiredShort)>{it.required}</td>
                            <td class="num" data-label=label(K::DashMeasured)>{i.dec(it.measured)}</td>
                            <td class="num key" data-label=label(K::DashGapShort)><strong>{i.dec(it.gap.map(|g| g.max(0.0)))}</strong></td>
                            <td class="num hide-sm" data-label=label(K::DashSelf)>{i.dec(it.self_level)}</td>
                            <td class="num hide-sm" data-label=label(K::DashOthers)>{i.dec(it.others)}</td>
                        </tr>
                    }
                }).collect_view()}
            </Table>
            <p class="small muted">{i.t(K::DashGapHelp)}</p>
        </Card>
    }
}

#[component]
fn Progress(d: Dashboard, svg: String) -> impl IntoView {
    let i = use_i18n();
    (d.history.len() > 1).then(|| view! {
        <h2>{i.t(K::DashProgress)}</h2>
        <div class="grid-2">
            <figure class="card chart">
                <div class="chart-svg" data-testid="progress" inner_html=svg></div>
            </figure>
            <div class="card">
                <Table stack=true head=vec![(K::CampName, ""), (K::DashJpm, "num"), (K::DashShortfall, "num")]>
                    {d.history.into_iter().map(|(name, jpm, short)| view! {
                        <tr>
                            <td>{name}</td>
                            <td class="num key" data-label=i.t(K::DashJpm)>{i.pct(jpm)}</td>
                            <td class="num" data-label=i.t(K::DashShortfall)>{i.dec(Some(short))}</td>
                        </tr>
                    }).collect_view()}
                </Table>
            </div>
        </div>
    })
}

#[component]
fn FeedbackList(list: Vec<Feedback>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <Card title=K::DashFeedback help=K::DashFeedbackHelp testid="feedback">
            {list.is_empty().then(|| view! { <p class="muted">{i.t(K::DashNoFeedback)}</p> })}
            <ul class="comments">
                {list.into_iter().map(|f| {
                    let who = match &f.author {
                        Some(name) => format!("{} · {}", i.t(f.source.label()), name),
                        None => i.f(K::DashAnonymous, &[("source", i.t(f.source.label()).to_string())]),
                    };
                    view! {
                        <li>
                            <p class="small muted">{format!("{who} · {}", f.competency)}</p>
                            <p>{f.body}</p>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Card>
    }
}
