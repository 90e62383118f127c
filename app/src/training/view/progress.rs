//! The training part of a dashboard: the JP bar, "what to learn next" (the plan
//! with its progress), and the trainings taken between the last two campaigns
//! beside how the gap of each competency they build changed.

use super::mine::JpBar;
use crate::i18n::{use_i18n, K};
use crate::training::api::get_progress;
use crate::training::model::{Between, EnrolStatus, Progress};
use crate::ui::page::loaded;
use crate::ui::widgets::{Card, Table};
use leptos::prelude::*;

/// Shown under a dashboard; nothing for a visitor or an account without an
/// employee record (the dashboard above already says what to do).
#[component]
pub fn TrainingProgress(#[prop(into)] employee: Signal<Option<i32>>) -> impl IntoView {
    let data = Resource::new(
        move || employee.get(),
        |e| async move {
            match get_progress(e).await {
                Err(
                    crate::error::AppError::Unauthenticated
                    | crate::error::AppError::NotFound
                    | crate::error::AppError::Forbidden,
                ) => Ok(None),
                other => other.map(Some),
            }
        },
    );
    view! {
        {loaded(data, move |p| p.map(|p| view! { <ProgressView p own=employee.get_untracked().is_none() /> }))}
    }
}

#[component]
fn ProgressView(p: Progress, own: bool) -> impl IntoView {
    let i = use_i18n();
    let planned: Vec<_> = p
        .plan
        .iter()
        .filter(|x| x.competency.is_some() && x.status != EnrolStatus::Cancelled)
        .collect();
    let done = planned
        .iter()
        .filter(|x| x.status == EnrolStatus::Passed)
        .count();
    let progress = i.f(
        K::TrPlanProgress,
        &[
            ("done", done.to_string()),
            ("all", planned.len().to_string()),
        ],
    );
    view! {
        <Card title=K::TrNextTitle testid="learn-next">
            <JpBar jp=p.jp />
            <p>{progress}</p>
            <ul class="plan-items">
                {p.plan.iter().filter(|x| x.status != EnrolStatus::Cancelled).take(5).map(|x| view! {
                    <li>
                        {x.programme.clone()}" "<span class=format!("tag tag-{}", x.status.code())>{i.t(x.status.label())}</span>
                        {x.competency.clone().map(|c| view! { <span class="muted small">" · "{c}</span> })}
                    </li>
                }).collect_view()}
            </ul>
            {own.then(|| view! { <p><a href="/training/mine">{i.t(K::TrMineLink)}</a></p> })}
        </Card>
        {p.campaigns.clone().map(|c| view! { <BetweenCard campaigns=c between=p.between.clone() /> })}
    }
}

#[component]
fn BetweenCard(campaigns: (String, String), between: Vec<Between>) -> impl IntoView {
    let i = use_i18n();
    let label = move |k: K| i.t(k);
    let signed = move |v: f64| {
        if v > 0.0 {
            format!("+{}", i.dec(Some(v)))
        } else {
            i.dec(Some(v))
        }
    };
    let (a, b) = campaigns;
    let p = Progress {
        between,
        ..Default::default()
    };
    view! {
            <Card title=K::TrBetweenTitle testid="between">
                <p class="small muted">{i.f(K::TrBetweenHelp, &[("before", a), ("after", b)])}</p>
                {if p.between.is_empty() {
                    view! { <p class="empty">{i.t(K::TrBetweenNone)}</p> }.into_any()
                } else {
                    view! {
                        <Table stack=true head=vec![(K::StdCompetency, ""), (K::TrTrainings, ""), (K::TrGapBefore, "num"), (K::TrGapAfter, "num"), (K::TrGapChange, "num")]>
                            {p.between.iter().map(|b| view! {
                                <tr>
                                    <td>{b.code.clone()}" "{b.name.clone()}</td>
                                    <td class="wide" data-label=label(K::TrTrainings)>{b.trainings.join(", ")}</td>
                                    <td class="num" data-label=label(K::TrGapBefore)>{signed(b.gap_before)}</td>
                                    <td class="num" data-label=label(K::TrGapAfter)>{signed(b.gap_after)}</td>
                                    <td class="num key" data-label=label(K::TrGapChange)>{signed(b.gap_after - b.gap_before)}</td>
                                </tr>
                            }).collect_view()}
                        </Table>
                    }.into_any()
                }}
            </Card>

    }
}
