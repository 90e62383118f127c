//! "My training" (`/training/mine`): the JP of this year against the 20 JP right,
//! the development plan (each gap of the latest campaign with the programmes that
//! build it, nearest the required level first; choosing one asks the supervisor),
//! the person's enrolments with their supervisor's notes, and, for a supervisor,
//! the requests waiting for them.

use crate::i18n::{use_i18n, K};
use crate::training::api::{get_my_training, DecideRequest, RequestSeat, WithdrawEnrolment};
use crate::training::model::{EnrolStatus, JpYear, MyTraining, PlanGap, PlanItem, Request};
use crate::ui::page::loaded;
use crate::ui::widgets::{action_error, first_error, Card, SubmitButton};
use leptos::prelude::*;

#[derive(Clone, Copy)]
struct Acts {
    request: ServerAction<RequestSeat>,
    withdraw: ServerAction<WithdrawEnrolment>,
    decide: ServerAction<DecideRequest>,
}

#[component]
pub fn MyTrainingPage() -> impl IntoView {
    let acts = Acts {
        request: ServerAction::new(),
        withdraw: ServerAction::new(),
        decide: ServerAction::new(),
    };
    let data = Resource::new(
        move || {
            acts.request.version().get()
                + acts.withdraw.version().get()
                + acts.decide.version().get()
        },
        |_| get_my_training(),
    );
    let errors = first_error(vec![
        action_error(acts.request),
        action_error(acts.withdraw),
        action_error(acts.decide),
    ]);
    view! {
        <crate::ui::widgets::Page title=K::TrMineTitle subtitle=K::TrMineSubtitle errors=vec![errors] class="training-page">
            {loaded(data, move |m| view! { <Mine m acts /> })}
        </crate::ui::widgets::Page>
    }
}

#[component]
fn Mine(m: MyTraining, acts: Acts) -> impl IntoView {
    let i = use_i18n();
    view! {
        {(!m.requests.is_empty()).then(|| view! { <Requests list=m.requests.clone() acts /> })}
        <Card title=K::TrJpTitle testid="jp-card">
            <JpBar jp=m.jp />
        </Card>
        <Card title=K::TrPlanTitle help=K::TrPlanHelp testid="plan">
            {if m.gaps.is_empty() {
                view! { <p class="empty">{i.t(K::TrPlanNoGaps)}</p> }.into_any()
            } else {
                view! { <ul class="plan-gaps">{m.gaps.into_iter().map(|g| view! { <Gap g acts /> }).collect_view()}</ul> }.into_any()
            }}
        </Card>
        <Card title=K::TrMyEnrolments testid="my-enrolments">
            {if m.plan.is_empty() {
                view! { <p class="empty">{i.t(K::TrMyNone)}</p> }.into_any()
            } else {
                view! { <ul class="plan-items">{m.plan.into_iter().map(|p| view! { <Item p acts /> }).collect_view()}</ul> }.into_any()
            }}
            <p><a href="/training">{i.t(K::TrCatalogueLink)}</a></p>
        </Card>
    }
}

/// The JP of the year as a bar against 20, with the pace of today.
#[component]
pub fn JpBar(jp: JpYear) -> impl IntoView {
    let i = use_i18n();
    let right = crate::training::rules::JP_RIGHT;
    let on_pace = f64::from(jp.jp) + 1e-9 >= jp.pace;
    let text = i.f(
        K::TrJpOf,
        &[
            ("jp", jp.jp.to_string()),
            ("right", right.to_string()),
            ("year", jp.year.to_string()),
        ],
    );
    let pace = i.f(K::TrJpPace, &[("pace", i.dec(Some(jp.pace)))]);
    view! {
        <div class="jp-bar" data-testid="jp-bar" data-jp=jp.jp.to_string()>
            <p class="jp-figure"><strong>{text.clone()}</strong></p>
            <meter min="0" max=right.to_string() low=jp.pace.to_string() optimum=right.to_string()
                value=jp.jp.min(right).to_string() aria-label=text>{jp.jp}</meter>
            <p class=if on_pace { "small ok" } else { "small warn" }>
                {pace}" · "{i.t(if on_pace { K::TrOnPace } else { K::TrBehind })}
            </p>
        </div>
    }
}

#[component]
fn Gap(g: PlanGap, acts: Acts) -> impl IntoView {
    let i = use_i18n();
    let levels = i.f(
        K::TrGapLevels,
        &[
            ("required", g.required.to_string()),
            ("measured", i.dec(Some(g.measured))),
        ],
    );
    let cid = g.competency_id;
    view! {
        <li>
            <p><strong>{g.code.clone()}" "{g.name.clone()}</strong>" · "<span class="muted">{levels}</span></p>
            {if g.suggestions.is_empty() {
                view! { <p class="small muted">{i.t(K::TrNoSuggestion)}</p> }.into_any()
            } else {
                view! {
                    <ul class="suggestions">
                        {g.suggestions.into_iter().map(|s| view! {
                            <li>
                                <a href=format!("/training/programmes/{}", s.programme_id)>{s.name.clone()}</a>
                                <span class="muted small">" · "{i.f(K::TrLevelN, &[("level", s.level.to_string())])}" · "
                                    {i.f(K::TrJpN, &[("jp", s.jp.to_string())])}" · "{i.t(s.mode.label())}" · "{i.date(&s.starts_on)}</span>
                                <ActionForm action=acts.request attr:class="inline-form">
                                    <input type="hidden" name="programme" value=s.programme_id.to_string() />
                                    <input type="hidden" name="competency" value=cid.to_string() />
                                    <SubmitButton pending=acts.request.pending() label=K::TrChoose class="button-small" />
                                </ActionForm>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </li>
    }
}

#[component]
fn Item(p: PlanItem, acts: Acts) -> impl IntoView {
    let i = use_i18n();
    let live = matches!(
        p.status,
        EnrolStatus::Requested | EnrolStatus::Returned | EnrolStatus::Enrolled
    );
    view! {
        <li data-testid="plan-item">
            <p>
                <a href=format!("/training/programmes/{}", p.programme_id)>{p.programme.clone()}</a>" "
                <span class=format!("tag tag-{}", p.status.code())>{i.t(p.status.label())}</span>
            </p>
            <p class="small muted">
                {p.competency.clone().map(|c| i.f(K::TrFor, &[("competency", c)]) + " · ")}
                {i.f(K::TrJpN, &[("jp", p.jp.to_string())])}" · "{i.date(&p.starts_on)}
                {p.completed_on.clone().map(|d| " · ".to_string() + &i.f(K::TrDoneOn, &[("date", i.date(&d))]))}
            </p>
            {p.note.clone().map(|n| view! { <p class="note">{i.t(K::TrNote)}": "{n}</p> })}
            {live.then(|| view! {
                <ActionForm action=acts.withdraw attr:class="inline-form">
                    <input type="hidden" name="enrolment" value=p.enrolment_id.to_string() />
                    <SubmitButton pending=acts.withdraw.pending() label=K::TrWithdraw class="button-small button-quiet" />
                </ActionForm>
            })}
        </li>
    }
}

#[component]
fn Requests(list: Vec<Request>, acts: Acts) -> impl IntoView {
    let i = use_i18n();
    view! {
        <Card title=K::TrRequests help=K::TrRequestsHelp testid="requests">
            <ul class="plan-items">
                {list.into_iter().map(|r| {
                    let id = r.enrolment_id;
                    view! {
                        <li data-testid="request">
                            <p><strong>{r.name.clone()}</strong><span class="muted small">" · "{r.nip.clone()}</span></p>
                            <p>{r.item.programme.clone()}
                                <span class="muted small">{r.item.competency.clone().map(|c| " · ".to_string() + &i.f(K::TrFor, &[("competency", c)]))}</span></p>
                            <div class="actions">
                                <ActionForm action=acts.decide attr:class="inline-form">
                                    <input type="hidden" name="enrolment" value=id.to_string() />
                                    <input type="hidden" name="approve" value="true" />
                                    <SubmitButton pending=acts.decide.pending() label=K::TrApprove class="button-small" />
                                </ActionForm>
                                <ActionForm action=acts.decide attr:class="inline-form return-form">
                                    <input type="hidden" name="enrolment" value=id.to_string() />
                                    <input type="hidden" name="approve" value="false" />
                                    <label class="sr-only" for=format!("note-{id}")>{i.t(K::TrNote)}</label>
                                    <input id=format!("note-{id}") name="note" placeholder=i.t(K::TrNotePlaceholder) maxlength="500" />
                                    <SubmitButton pending=acts.decide.pending() label=K::TrReturn class="button-small button-quiet" />
                                </ActionForm>
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </Card>
    }
}
