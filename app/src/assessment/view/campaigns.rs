//! HR's campaign pages: the list and a new campaign (one campaign is `campaign`).

use crate::assessment::api::*;
use crate::assessment::model::{CampaignForm, CampaignRow};
use crate::error::AppError;
use crate::i18n::{use_i18n, I18n, K};
use crate::org::api::list_units;
use crate::ui::page::loaded;
use crate::ui::widgets::{action_error, go_to_created, msg_for, Field, Page, SubmitButton, Table};
use leptos::prelude::*;

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let i = use_i18n();
    let rows = Resource::new(|| (), |_| list_campaigns());
    view! {
        <Page title=K::CampTitle subtitle=K::CampSubtitle action=("/hr/campaigns/new", K::CampNew)>
            {loaded(rows, move |rows| if rows.is_empty() {
                view! { <p class="empty">{i.t(K::CampNone)}</p> }.into_any()
            } else {
                view! { <CampaignTable rows /> }.into_any()
            })}
            <p class="small"><a href="/hr/jobs">{i.t(K::JobsLink)}</a></p>
        </Page>
    }
}

/// The share of forms sent, as a whole percentage.
fn percent(i: I18n, done: i64, all: i64) -> String {
    if all == 0 {
        "–".into()
    } else {
        i.lang().percent((done * 100 / all) as f64, 0)
    }
}

#[component]
fn CampaignTable(rows: Vec<CampaignRow>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <Table head=vec![(K::CampName, ""), (K::CampState, ""), (K::CampPeriod, "hide-sm"), (K::CampRatees, "num"), (K::CampDone, "num")]>
            {rows.into_iter().map(|c| view! {
                <tr>
                    <td><a href=format!("/hr/campaigns/{}", c.id)>{c.name.clone()}</a></td>
                    <td><span class=format!("tag tag-{}", c.status.code())>{i.t(c.status.label())}</span></td>
                    <td class="hide-sm">{format!("{} – {}", i.date(&c.starts_on), i.date(&c.ends_on))}</td>
                    <td class="num">{c.ratees}</td>
                    <td class="num">{percent(i, c.submitted, c.forms)}</td>
                </tr>
            }).collect_view()}
        </Table>
    }
}

#[component]
pub fn CampaignNewPage() -> impl IntoView {
    let i = use_i18n();
    let create = ServerAction::<CreateCampaign>::new();
    let errors = action_error(create);
    go_to_created(create, crate::assessment::api::campaign_page);
    let start = CampaignForm::suggested("", "", "", vec![]);
    view! {
        <Page title=K::CampNew subtitle=K::CampNewHelp back=("/hr/campaigns", K::CampBack) narrow=true errors=vec![errors]>
            <ActionForm action=create attr:class="form" attr:novalidate=true>
                <Field label=i.t(K::CampName) name="name" error=msg_for(errors, "name")>
                    <input id="name" name="form[name]" maxlength="150" required />
                </Field>
                <div class="field-row">
                    <Field label=i.t(K::CampStarts) name="starts_on" error=msg_for(errors, "starts_on")>
                        <input id="starts_on" name="form[starts_on]" type="date" required />
                    </Field>
                    <Field label=i.t(K::CampEnds) name="ends_on" error=msg_for(errors, "ends_on")>
                        <input id="ends_on" name="form[ends_on]" type="date" required />
                    </Field>
                </div>
                <WeightFields start=start.clone() errors />
                <div class="field-row">
                    <Field label=i.t(K::CampK) name="k" error=msg_for(errors, "k") hint=i.t(K::CampKHint)>
                        <input id="k" name="form[k]" type="number" min="3" value=start.k.clone() inputmode="numeric" />
                    </Field>
                    <Field label=i.t(K::CampMaxPeers) name="max_peers" error=msg_for(errors, "max_peers")>
                        <input id="max_peers" name="form[max_peers]" type="number" min="0" max="20" value=start.max_peers.clone() inputmode="numeric" />
                    </Field>
                </div>
                <ScopeFields errors />
                <SubmitButton pending=create.pending() label=K::CampCreate />
            </ActionForm>
        </Page>
    }
}

/// The weight of each source in percent (they add up to 100).
#[component]
fn WeightFields(start: CampaignForm, errors: Signal<Option<AppError>>) -> impl IntoView {
    let i = use_i18n();
    let weight = move |name: &'static str, label: K, value: String| {
        view! {
            <Field label=i.t(label) name=name error=msg_for(errors, name)>
                <input id=name name=format!("form[{name}]") type="number" min="0" max="100" value=value inputmode="numeric" />
            </Field>
        }
    };
    view! {
        <fieldset>
            <legend>{i.t(K::CampWeights)}</legend>
            <p class="field-hint">{i.t(K::CampWeightsHint)}</p>
            <div class="field-row">
                {weight("w_self", K::SourceSelf, start.w_self)}
                {weight("w_supervisor", K::SourceSupervisor, start.w_supervisor)}
                {weight("w_peer", K::SourcePeer, start.w_peer)}
                {weight("w_subordinate", K::SourceSubordinate, start.w_subordinate)}
            </div>
        </fieldset>
    }
}

/// The units a campaign covers (each with everything below it); none: the agency.
#[component]
fn ScopeFields(errors: Signal<Option<AppError>>) -> impl IntoView {
    let i = use_i18n();
    let units = Resource::new(|| (), |_| list_units());
    // Every unit of the tree can be chosen (a puskesmas or a school below a dinas
    // too); the filter hides the others without unticking them.
    let filter = RwSignal::new(String::new());
    view! {
        <fieldset>
            <legend>{i.t(K::CampUnits)}</legend>
            <p class="field-hint">{i.t(K::CampUnitsHint)}</p>
            <p class="field-error">{move || msg_for(errors, "unit_ids").get()}</p>
            <label class="sr-only" for="scope-filter">{i.t(K::UnitsFilter)}</label>
            <input id="scope-filter" type="search" class="filter" placeholder=i.t(K::UnitsFilter)
                on:input=move |ev| filter.set(event_target_value(&ev)) prop:value=filter />
            <div class="scope-list" data-testid="scope-list">
                {loaded(units, move |list| {
                    list.into_iter().filter(|u| u.active).enumerate().map(|(n, u)| {
                        let row = u.clone();
                        view! {
                            <label class=format!("check depth-{}", u.depth)
                                hidden=move || filter.with(|f| !crate::org::view::matches(&row, f))>
                                <input type="checkbox" name=format!("form[unit_ids][{n}]") value=u.id.to_string() />
                                " "{u.name.clone()}
                            </label>
                        }
                    }).collect_view()
                })}
            </div>
        </fieldset>
    }
}
