//! The rater's page (`/assess`): the forms to fill, and for supervisors, the peers
//! of each subordinate in campaigns that have not started yet.

use crate::assessment::api::{my_todo, peer_plans, AddNamedPeer, AddPeer, RemovePeer};
use crate::assessment::model::{PeerPlan, RaterStatus, Source, TodoItem};
use crate::i18n::{use_i18n, K};
use crate::ui::page::loaded;
use crate::ui::widgets::{action_error, error_box, first_error, msg_for, Page, SubmitButton};
use leptos::prelude::*;

#[component]
pub fn AssessPage() -> impl IntoView {
    let i = use_i18n();
    let add = ServerAction::<AddPeer>::new();
    let remove = ServerAction::<RemovePeer>::new();
    let named = ServerAction::<AddNamedPeer>::new();
    let todo = Resource::new(|| (), |_| my_todo());
    let plans = Resource::new(
        move || add.version().get() + remove.version().get() + named.version().get(),
        |_| peer_plans(),
    );
    let errors = first_error(vec![
        action_error(add),
        action_error(remove),
        action_error(named),
    ]);
    // A refused peer (oneself, the supervisor, another unit, already rating,
    // unknown) is a field error; the error box shows only the other kinds.
    let refused = Signal::derive(move || {
        ["rater_id", "nip", "reason"]
            .into_iter()
            .find_map(|f| msg_for(errors, f).get())
    });
    view! {
        <Page title=K::AssessTitle subtitle=K::AssessSubtitle>
            {loaded(todo, move |items| if items.is_empty() {
                view! { <p class="empty">{i.t(K::AssessNothing)}</p> }.into_any()
            } else {
                view! { <Todo items /> }.into_any()
            })}
            {error_box(errors)}
            {move || refused.get().map(|m| view! { <div class="alert alert-error" role="alert">{m}</div> })}
            {loaded(plans, move |p| (!p.is_empty()).then(|| view! {
                <h2>{i.t(K::PeersTitle)}</h2>
                <p class="muted">{i.t(K::PeersHelp)}</p>
                {p.into_iter().map(|plan| view! { <Plan plan add remove named /> }).collect_view()}
            }))}
        </Page>
    }
}

#[component]
fn Todo(items: Vec<TodoItem>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <ul class="todo">
            {items.into_iter().map(|t| {
                let state = match (t.status, t.open) {
                    (RaterStatus::Submitted, _) => i.t(K::AssessSubmitted),
                    (_, false) => i.t(K::AssessClosed),
                    (RaterStatus::Draft, _) => i.t(K::AssessDraft),
                    (RaterStatus::Pending, _) => i.t(K::AssessPending),
                };
                view! {
                    <li class="card todo-item" class:done=t.status == RaterStatus::Submitted>
                        <a href=format!("/assess/{}", t.rater_row)>
                            <strong>{if t.source == Source::SelfRating { i.t(K::AssessYourself).to_string() } else { t.ratee.clone() }}</strong>
                        </a>
                        <span class="small muted">{format!("{} · {}", t.position, i.t(t.source.label()))}</span>
                        <span class="small">{format!("{} · {}", t.campaign, i.f(K::AssessDeadline, &[("date", i.date(&t.ends_on))]))}</span>
                        <span class=format!("tag tag-{}", t.status.code())>{state}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

#[component]
fn Plan(
    plan: PeerPlan,
    add: ServerAction<AddPeer>,
    remove: ServerAction<RemovePeer>,
    named: ServerAction<AddNamedPeer>,
) -> impl IntoView {
    let i = use_i18n();
    let (cid, rid) = (plan.campaign_id, plan.ratee_id);
    let hidden = move || {
        view! {
            <input type="hidden" name="choice[campaign_id]" value=cid.to_string() />
            <input type="hidden" name="choice[ratee_id]" value=rid.to_string() />
        }
    };
    view! {
        <article class="card">
            <h3>{plan.ratee.clone()}</h3>
            <p class="small muted">{plan.campaign.clone()}</p>
            <ul class="people-list">
                {plan.peers.into_iter().map(|(id, name)| view! {
                    <li>
                        {name.clone()}" "
                        <ActionForm action=remove attr:class="inline-form">
                            {hidden()}
                            <input type="hidden" name="choice[rater_id]" value=id.to_string() />
                            <button type="submit" class="button button-small button-quiet"
                                aria-label=format!("{} {}", i.t(K::StdRemove), name)>{i.t(K::StdRemove)}</button>
                        </ActionForm>
                    </li>
                }).collect_view()}
            </ul>
            {(!plan.candidates.is_empty()).then(|| view! {
                <ActionForm action=add attr:class="inline-form">
                    {hidden()}
                    <label class="sr-only" for=format!("add-{cid}-{rid}")>{i.t(K::PeersAdd)}</label>
                    <select id=format!("add-{cid}-{rid}") name="choice[rater_id]">
                        {plan.candidates.into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                    </select>
                    <SubmitButton pending=add.pending() label=K::PeersAdd class="button-small" />
                </ActionForm>
            })}
            <details class="named-peer">
                <summary>{i.t(K::PeersNamed)}</summary>
                <p class="small muted">{i.t(K::PeersNamedHelp)}</p>
                <ActionForm action=named attr:class="form form-compact">
                    <input type="hidden" name="named[campaign_id]" value=cid.to_string() />
                    <input type="hidden" name="named[ratee_id]" value=rid.to_string() />
                    <label for=format!("nip-{cid}-{rid}")>{i.t(K::PeersNip)}</label>
                    <input id=format!("nip-{cid}-{rid}") name="named[nip]" inputmode="numeric" required />
                    <label for=format!("reason-{cid}-{rid}")>{i.t(K::PeersReason)}</label>
                    <input id=format!("reason-{cid}-{rid}") name="named[reason]" required minlength="10" maxlength="200" />
                    <SubmitButton pending=named.pending() label=K::PeersAdd class="button-small" />
                </ActionForm>
            </details>
        </article>
    }
}
