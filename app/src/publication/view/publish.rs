//! `/hr/publikasi` (HR): the agency's closed campaigns, each published once as a
//! signed snapshot and corrected, if need be, by a new version with a reason.

use crate::i18n::{use_i18n, K};
use crate::publication::api::{publishable_campaigns, Publish};
use crate::publication::model::Publishable;
use crate::ui::page::loaded;
use crate::ui::widgets::{action_error, msg_for, Card, Field, Page, SubmitButton, Table};
use leptos::prelude::*;

#[component]
pub fn PublishPage() -> impl IntoView {
    let act = ServerAction::<Publish>::new();
    let data = Resource::new(move || act.version().get(), |_| publishable_campaigns());
    let errors = action_error(act);
    let saved = Signal::derive(move || act.value().with(|v| matches!(v, Some(Ok(_)))));
    view! {
        <Page title=K::PubHrTitle subtitle=K::PubHrSubtitle errors=vec![errors] saved>
            {loaded(data, move |list| {
                if list.is_empty() {
                    let i = use_i18n();
                    return view! { <p class="empty">{i.t(K::PubHrNone)}</p> }.into_any();
                }
                list.into_iter().map(|p| view! { <Period p act /> }).collect_view().into_any()
            })}
        </Page>
    }
}

#[component]
fn Period(p: Publishable, act: ServerAction<Publish>) -> impl IntoView {
    let i = use_i18n();
    let label = move |k: K| i.t(k);
    let errors = action_error(act);
    let published = !p.versions.is_empty();
    let code = p.agency_code.clone();
    let reason_id = format!("reason-{}", p.campaign_id);
    view! {
        <Card title=K::PubHrCampaign testid="publishable">
            <p><strong>{p.name.clone()}</strong><span class="muted small">" · "{i.t(K::PubClosedOn)}" "{i.date(&p.closed_on)}</span></p>
            {published.then(|| view! {
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
            <ActionForm action=act attr:class="form form-compact">
                <input type="hidden" name="campaign" value=p.campaign_id.to_string() />
                {published.then(|| view! {
                    <Field label=i.t(K::PubReasonLabel) name=reason_id.clone() error=msg_for(errors, "reason") hint=i.t(K::PubReasonHint)>
                        <textarea id=reason_id.clone() name="reason" rows="3" minlength="10" maxlength="500" required></textarea>
                    </Field>
                })}
                <label class="check">
                    <input type="checkbox" name="confirm" required />
                    " "{i.t(K::PubConfirm)}
                </label>
                <span class="field-error">{move || msg_for(errors, "confirm").get()}</span>
                <SubmitButton pending=act.pending() label=if published { K::PubCorrect } else { K::PubPublish } />
            </ActionForm>
        </Card>
    }
}
