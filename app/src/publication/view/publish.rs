//! `/hr/publikasi` (HR): the agency's closed campaigns, each published once as a
//! signed snapshot and corrected, if need be, by a new version with a reason; and
//! the switch for named unit rankings inside the agency.

use crate::i18n::{use_i18n, K};
use crate::publication::api::{named_ranking, publishable_campaigns, Publish, SetNamedRanking};
use crate::publication::model::Publishable;
use crate::ui::page::loaded;
use crate::ui::widgets::{
    action_error, error_box, msg_for, Card, Field, Page, SubmitButton, Table,
};
use leptos::prelude::*;

#[component]
pub fn PublishPage() -> impl IntoView {
    // Each period has its own form (its errors stay under it); any success reloads.
    let published = RwSignal::new(0u32);
    let data = Resource::new(move || published.get(), |_| publishable_campaigns());
    view! {
        <Page title=K::PubHrTitle subtitle=K::PubHrSubtitle>
            {loaded(data, move |list| {
                if list.is_empty() {
                    let i = use_i18n();
                    return view! { <p class="empty">{i.t(K::PubHrNone)}</p> }.into_any();
                }
                list.into_iter().map(|p| view! { <Period p published /> }).collect_view().into_any()
            })}
            <NamedSwitch />
        </Page>
    }
}

#[component]
fn Period(p: Publishable, published: RwSignal<u32>) -> impl IntoView {
    let i = use_i18n();
    let act = ServerAction::<Publish>::new();
    Effect::new(move |_| {
        if matches!(act.value().get(), Some(Ok(_))) {
            published.update(|n| *n += 1);
        }
    });
    let label = move |k: K| i.t(k);
    let errors = action_error(act);
    let is_published = !p.versions.is_empty();
    let code = p.agency_code.clone();
    let reason_id = format!("reason-{}", p.campaign_id);
    view! {
        <Card title=K::PubHrCampaign testid="publishable">
            <p><strong>{p.name.clone()}</strong><span class="muted small">" · "{i.t(K::PubClosedOn)}" "{i.date(&p.closed_on)}</span></p>
            {is_published.then(|| view! {
                <Table stack=true head=vec![(K::PubVersion, "num"), (K::PubPublishedAt, ""), (K::PubReason, "")]>
                    {p.versions.iter().map(|v| view! {
                        <tr>
                            <td class="num key" data-label=label(K::PubVersion)><a href=format!("/publik/{code}?snapshot={}", v.id)>{v.version}</a></td>
                            <td data-label=label(K::PubPublishedAt)>{i.date_time(&v.published_at)}</td>
                            <td data-label=label(K::PubReason)>{v.reason.clone().unwrap_or_else(|| "–".into())}</td>
                        </tr>
                    }).collect_view()}
                </Table>
            })}
            {error_box(errors)}
            <ActionForm action=act attr:class="form form-compact">
                <input type="hidden" name="campaign" value=p.campaign_id.to_string() />
                {is_published.then(|| view! {
                    <Field label=i.t(K::PubReasonLabel) name=reason_id.clone() error=msg_for(errors, "reason") hint=i.t(K::PubReasonHint)>
                        <textarea id=reason_id.clone() name="reason" rows="3" minlength="10" maxlength="500" required></textarea>
                    </Field>
                })}
                <label class="check">
                    <input type="checkbox" name="confirm" required />
                    " "{i.t(K::PubConfirm)}
                </label>
                <span class="field-error">{move || msg_for(errors, "confirm").get()}</span>
                <SubmitButton pending=act.pending() label=if is_published { K::PubCorrect } else { K::PubPublish } />
            </ActionForm>
        </Card>
    }
}

/// HR's switch for named unit rankings inside the agency (never public).
#[component]
fn NamedSwitch() -> impl IntoView {
    let i = use_i18n();
    let act = ServerAction::<SetNamedRanking>::new();
    let on = Resource::new(move || act.version().get(), |_| named_ranking());
    view! {
        <Card title=K::PubNamedTitle help=K::PubNamedHelp testid="named-switch">
            {loaded(on, move |on| view! {
                <p>{if on { i.t(K::PubNamedIsOn) } else { i.t(K::PubNamedIsOff) }}</p>
                <ActionForm action=act attr:class="inline-form">
                    <input type="hidden" name="on" value=(!on).to_string() />
                    <SubmitButton pending=act.pending() label=if on { K::PubNamedTurnOff } else { K::PubNamedTurnOn } />
                </ActionForm>
            })}
        </Card>
    }
}
