//! One campaign (`/hr/campaigns/:id`): its settings, completion per unit, who has
//! not answered, and its start, deadline and closing.

use crate::assessment::api::*;
use crate::assessment::model::{CampaignDetail, CampaignStatus, Missing, Source, UnitCompletion};
use crate::error::AppError;
use crate::i18n::{use_i18n, K};
use crate::jobs::model::JobState;
use crate::jobs::view::JobProgress;
use crate::ui::page::{loaded, record_key};
use crate::ui::widgets::{
    action_error, first_error, msg_for, Card, Notice, Page, PageHead, SubmitButton, Table,
};
use leptos::prelude::*;

/// The actions of the page, shared by its parts.
#[derive(Clone, Copy)]
struct Acts {
    start: ServerAction<StartCampaign>,
    extend: ServerAction<ExtendCampaign>,
    close: ServerAction<CloseCampaign>,
    remind: ServerAction<RemindRaters>,
}

#[component]
pub fn CampaignPage() -> impl IntoView {
    let i = use_i18n();
    let acts = Acts {
        start: ServerAction::new(),
        extend: ServerAction::new(),
        close: ServerAction::new(),
        remind: ServerAction::new(),
    };
    let Acts {
        start,
        extend,
        close,
        remind,
    } = acts;
    // A job that ends reloads the page (the campaign is then ready, or closed).
    let finished = RwSignal::new(0usize);
    let reload = move || {
        start.version().get()
            + extend.version().get()
            + close.version().get()
            + remind.version().get()
            + finished.get()
    };
    let data = Resource::new(record_key(reload), |(id, _)| get_campaign(id));
    let errors = first_error(vec![
        action_error(start),
        action_error(extend),
        action_error(close),
        action_error(remind),
    ]);
    view! {
        <Page back=("/hr/campaigns", K::CampBack) errors=vec![errors]>
            {move || matches!(close.value().get(), Some(Ok(_))).then(|| view! { <Notice text=i.t(K::CampClosedNotice).to_string() /> })}
            {move || match remind.value().get() {
                Some(Ok(n)) => Some(view! { <Notice text=i.f(K::RemindDone, &[("n", n.to_string())]) /> }),
                _ => None,
            }}
            {loaded(data, move |c| view! { <CampaignView c acts errors finished /> })}
        </Page>
    }
}

#[component]
fn CampaignView(
    c: CampaignDetail,
    acts: Acts,
    errors: Signal<Option<AppError>>,
    finished: RwSignal<usize>,
) -> impl IntoView {
    let i = use_i18n();
    let id = c.row.id;
    let status = c.row.status;
    let scope = if c.units.is_empty() {
        i.t(K::CampWholeAgency).to_string()
    } else {
        c.units.join(", ")
    };
    let weights = Source::ALL
        .iter()
        .zip(c.weights)
        .map(|(s, w)| format!("{} {w} %", i.t(s.label())))
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <PageHead title=c.row.name.clone() subtitle=format!("{} – {}", i.date(&c.row.starts_on), i.date(&c.row.ends_on)) />
        <div class="stats">
            <div class="stat"><span class="stat-n">{i.t(status.label())}</span>{i.t(K::CampState)}</div>
            <div class="stat"><span class="stat-n">{i.n(c.row.ratees)}</span>{i.t(K::CampRatees)}</div>
            <div class="stat"><span class="stat-n">{format!("{}/{}", i.n(c.row.submitted), i.n(c.row.forms))}</span>{i.t(K::CampFormsIn)}</div>
        </div>
        <dl class="facts">
            <div><dt>{i.t(K::CampUnits)}</dt><dd>{scope}</dd></div>
            <div><dt>{i.t(K::CampWeights)}</dt><dd>{weights}</dd></div>
            <div><dt>{i.t(K::CampK)}</dt><dd>{c.k}</dd></div>
            <div><dt>{i.t(K::CampMaxPeers)}</dt><dd>{c.max_peers}</dd></div>
        </dl>
        {(c.skipped > 0).then(|| view! { <div class="alert alert-warn">{i.f(K::CampSkipped, &[("n", c.skipped.to_string())])}</div> })}
        {c.job.filter(|j| j.state != JobState::Done).map(|job| {
            let on_finish = Callback::new(move |()| finished.update(|n| *n += 1));
            view! { <JobProgress job on_finish /> }
        })}
        <Actions id status acts errors reminded=c.reminded_at.clone() />
        <Completion completion=c.completion missing=c.missing totals=(c.units_total, c.missing_total) closed=status.ended() />
    }
}

/// What HR can do next: start a draft, move the deadline, close a running campaign.
#[component]
fn Actions(
    id: i32,
    status: CampaignStatus,
    acts: Acts,
    errors: Signal<Option<AppError>>,
    reminded: Option<String>,
) -> impl IntoView {
    let i = use_i18n();
    let Acts {
        start,
        extend,
        close,
        remind,
    } = acts;
    view! {
        <div class="actions">
            {(status == CampaignStatus::Preparing).then(|| view! { <p class="muted">{i.t(K::CampPreparingHelp)}</p> })}
            {(status == CampaignStatus::Draft).then(|| view! {
                <p class="muted">{i.t(K::CampDraftHelp)}</p>
                <ActionForm action=start attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string() />
                    <SubmitButton pending=start.pending() label=K::CampStart />
                </ActionForm>
            })}
            {(!status.ended()).then(|| view! {
                <ActionForm action=extend attr:class="inline-form form-compact">
                    <input type="hidden" name="id" value=id.to_string() />
                    <label for="ends_on">{i.t(K::CampEnds)}</label>" "
                    <input id="ends_on" name="ends_on" type="date" />
                    <SubmitButton pending=extend.pending() label=K::CampExtend class="button-quiet" />
                    <span class="field-error">{move || msg_for(errors, "ends_on").get()}</span>
                </ActionForm>
            })}
            {(status == CampaignStatus::Running).then(|| view! {
                <ActionForm action=remind attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string() />
                    <SubmitButton pending=remind.pending() label=K::RemindButton class="button-quiet" />
                </ActionForm>
                <p class="muted small">
                    {i.t(K::RemindHelp)}" "
                    {reminded.clone().map(|at| i.f(K::RemindLast, &[("at", i.date_time(&at))]))}
                </p>
            })}
            {(status == CampaignStatus::Running).then(|| view! {
                <ActionForm action=close attr:class="form form-compact card">
                    <input type="hidden" name="id" value=id.to_string() />
                    <label class="check">
                        <input type="checkbox" name="confirm" required />
                        " "{i.t(K::CampCloseConfirm)}
                    </label>
                    <span class="field-error">{move || msg_for(errors, "confirm").get()}</span>
                    <SubmitButton pending=close.pending() label=K::CampClose class="button-danger" />
                </ActionForm>
                <p class="muted small">{i.t(K::CampCloseHelp)}</p>
            })}
        </div>
    }
}

/// Forms sent per unit, and who still owes forms (once closed: who never sent them;
/// their forms are no longer open).
#[component]
fn Completion(
    completion: Vec<UnitCompletion>,
    missing: Vec<Missing>,
    /// How many units and people there are in all (the lists show the first few).
    totals: (i64, i64),
    closed: bool,
) -> impl IntoView {
    let i = use_i18n();
    let units_note = (totals.0 > completion.len() as i64).then(|| {
        let n = [
            ("n", i.n(completion.len() as i64)),
            ("total", i.n(totals.0)),
        ];
        view! { <p class="small muted">{i.f(K::CampUnitsShown, &n)}</p> }
    });
    let more = totals.1 - missing.len() as i64;
    let missing_note = (more > 0).then(|| {
        view! { <p class="small muted">{i.f(K::CampMissingMore, &[("n", i.n(more))])}</p> }
    });
    let (title, per_person) = if closed {
        (K::CampNeverSent, K::CampUnsentForms)
    } else {
        (K::CampMissing, K::CampOpenForms)
    };
    view! {
        <div class="grid-2">
            <Card title=K::CampCompletion>
                <Table head=vec![(K::EmployeeUnit, ""), (K::CampDone, "num"), (K::CampProgress, "")]>
                    {completion.into_iter().map(|u| view! {
                        <tr>
                            <td>{u.unit.clone()}</td>
                            <td class="num">{format!("{}/{}", i.n(u.submitted), i.n(u.forms))}</td>
                            <td><progress max=u.forms.to_string() value=u.submitted.to_string()></progress></td>
                        </tr>
                    }).collect_view()}
                </Table>
                {units_note}
            </Card>
            <Card title=title>
                {missing.is_empty().then(|| view! { <p class="muted">{i.t(K::CampNoneMissing)}</p> })}
                <ul class="people-list">
                    {missing.into_iter().map(|m| view! {
                        <li><strong>{m.name.clone()}</strong><span class="nip">{m.nip.clone()}</span>
                            <span class="small muted">{i.f(per_person, &[("n", m.open_forms.to_string()), ("unit", m.unit.clone())])}</span></li>
                    }).collect_view()}
                </ul>
                {missing_note}
            </Card>
        </div>
    }
}
