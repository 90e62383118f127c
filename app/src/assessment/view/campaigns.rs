//! HR's campaign pages: the list, a new campaign, and one campaign with its
//! completion per unit, who has not answered, and its start, deadline and closing.

use crate::assessment::api::*;
use crate::assessment::model::{CampaignDetail, CampaignRow, CampaignStatus, Source};
use crate::i18n::{use_i18n, K};
use crate::org::api::list_units;
use crate::ui::page::{loaded, route_id};
use crate::ui::widgets::{action_error, error_box, msg_for, Field, Notice, PageHead};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn CampaignsPage() -> impl IntoView {
    let i = use_i18n();
    let rows = Resource::new(|| (), |_| list_campaigns());
    view! {
        <section class="page">
            <PageHead
                title=i.t(K::CampTitle).to_string()
                subtitle=i.t(K::CampSubtitle).to_string()
                action=("/hr/campaigns/new".to_string(), i.t(K::CampNew))
            />
            {loaded(rows, move |rows| if rows.is_empty() {
                view! { <p class="empty">{i.t(K::CampNone)}</p> }.into_any()
            } else {
                view! { <CampaignTable rows /> }.into_any()
            })}
        </section>
    }
}

fn percent(done: i64, all: i64) -> String {
    if all == 0 {
        "–".into()
    } else {
        format!("{} %", done * 100 / all)
    }
}

#[component]
fn CampaignTable(rows: Vec<CampaignRow>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th>{i.t(K::CampName)}</th>
                        <th>{i.t(K::CampState)}</th>
                        <th class="hide-sm">{i.t(K::CampPeriod)}</th>
                        <th class="num">{i.t(K::CampRatees)}</th>
                        <th class="num">{i.t(K::CampDone)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|c| view! {
                        <tr>
                            <td><a href=format!("/hr/campaigns/{}", c.id)>{c.name.clone()}</a></td>
                            <td><span class=format!("tag tag-{}", c.status.code())>{i.t(c.status.label())}</span></td>
                            <td class="hide-sm">{format!("{} – {}", c.starts_on, c.ends_on)}</td>
                            <td class="num">{c.ratees}</td>
                            <td class="num">{percent(c.submitted, c.forms)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
pub fn CampaignNewPage() -> impl IntoView {
    let i = use_i18n();
    let create = ServerAction::<CreateCampaign>::new();
    let errors = action_error(create.value());
    let units = Resource::new(|| (), |_| list_units());
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(&format!("/hr/campaigns/{id}"), Default::default());
        }
    });
    let weight = move |name: &'static str, label: K, value: &'static str| {
        view! {
            <Field label=i.t(label) name=name error=msg_for(errors, name)>
                <input id=name name=format!("form[{name}]") type="number" min="0" max="100" value=value inputmode="numeric" />
            </Field>
        }
    };
    view! {
        <section class="page narrow">
            <PageHead title=i.t(K::CampNew).to_string() subtitle=i.t(K::CampNewHelp).to_string() />
            <p><a href="/hr/campaigns">{i.t(K::CampBack)}</a></p>
            {error_box(errors)}
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
                <fieldset>
                    <legend>{i.t(K::CampWeights)}</legend>
                    <p class="field-hint">{i.t(K::CampWeightsHint)}</p>
                    <div class="field-row">
                        {weight("w_self", K::SourceSelf, "10")}
                        {weight("w_supervisor", K::SourceSupervisor, "50")}
                        {weight("w_peer", K::SourcePeer, "25")}
                        {weight("w_subordinate", K::SourceSubordinate, "15")}
                    </div>
                </fieldset>
                <div class="field-row">
                    <Field label=i.t(K::CampK) name="k" error=msg_for(errors, "k") hint=i.t(K::CampKHint)>
                        <input id="k" name="form[k]" type="number" min="3" value="3" inputmode="numeric" />
                    </Field>
                    <Field label=i.t(K::CampMaxPeers) name="max_peers" error=msg_for(errors, "max_peers")>
                        <input id="max_peers" name="form[max_peers]" type="number" min="0" max="20" value="4" inputmode="numeric" />
                    </Field>
                </div>
                <fieldset>
                    <legend>{i.t(K::CampUnits)}</legend>
                    <p class="field-hint">{i.t(K::CampUnitsHint)}</p>
                    <p class="field-error">{move || msg_for(errors, "unit_ids").get()}</p>
                    {loaded(units, |list| {
                        list.into_iter().filter(|u| u.active && u.depth <= 1).enumerate().map(|(n, u)| view! {
                            <label class=format!("check depth-{}", u.depth)>
                                <input type="checkbox" name=format!("form[unit_ids][{n}]") value=u.id.to_string() />
                                " "{u.name.clone()}
                            </label>
                        }).collect_view()
                    })}
                </fieldset>
                <button type="submit" class="button" disabled=move || create.pending().get()>{i.t(K::CampCreate)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
pub fn CampaignPage() -> impl IntoView {
    let i = use_i18n();
    let id = route_id();
    let start = ServerAction::<StartCampaign>::new();
    let extend = ServerAction::<ExtendCampaign>::new();
    let close = ServerAction::<CloseCampaign>::new();
    let data = Resource::new(
        move || {
            (
                id.get().unwrap_or(0),
                start.version().get() + extend.version().get() + close.version().get(),
            )
        },
        |(id, _)| get_campaign(id),
    );
    let errors = Signal::derive(move || {
        action_error(start.value())
            .get()
            .or(action_error(extend.value()).get())
            .or(action_error(close.value()).get())
    });
    view! {
        <section class="page">
            <p><a href="/hr/campaigns">{i.t(K::CampBack)}</a></p>
            {move || matches!(close.value().get(), Some(Ok(_))).then(|| view! { <Notice text=i.t(K::CampClosedNotice).to_string() /> })}
            {error_box(errors)}
            {loaded(data, move |c| view! { <CampaignView c start extend close errors /> })}
        </section>
    }
}

#[component]
fn CampaignView(
    c: CampaignDetail,
    start: ServerAction<StartCampaign>,
    extend: ServerAction<ExtendCampaign>,
    close: ServerAction<CloseCampaign>,
    errors: Signal<Option<crate::error::AppError>>,
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
        <PageHead title=c.row.name.clone() subtitle=format!("{} – {}", c.row.starts_on, c.row.ends_on) />
        <div class="stats">
            <div class="stat"><span class="stat-n">{i.t(status.label())}</span>{i.t(K::CampState)}</div>
            <div class="stat"><span class="stat-n">{c.row.ratees}</span>{i.t(K::CampRatees)}</div>
            <div class="stat"><span class="stat-n">{format!("{}/{}", c.row.submitted, c.row.forms)}</span>{i.t(K::CampFormsIn)}</div>
        </div>
        <dl class="facts">
            <div><dt>{i.t(K::CampUnits)}</dt><dd>{scope}</dd></div>
            <div><dt>{i.t(K::CampWeights)}</dt><dd>{weights}</dd></div>
            <div><dt>{i.t(K::CampK)}</dt><dd>{c.k}</dd></div>
            <div><dt>{i.t(K::CampMaxPeers)}</dt><dd>{c.max_peers}</dd></div>
        </dl>
        {(c.skipped > 0).then(|| view! { <div class="alert alert-warn">{i.f(K::CampSkipped, &[("n", c.skipped.to_string())])}</div> })}
        <div class="actions">
            {(status == CampaignStatus::Draft).then(|| view! {
                <p class="muted">{i.t(K::CampDraftHelp)}</p>
                <ActionForm action=start attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string() />
                    <button type="submit" class="button">{i.t(K::CampStart)}</button>
                </ActionForm>
            })}
            {(status != CampaignStatus::Closed).then(|| view! {
                <ActionForm action=extend attr:class="inline-form form-compact">
                    <input type="hidden" name="id" value=id.to_string() />
                    <label for="ends_on">{i.t(K::CampEnds)}</label>" "
                    <input id="ends_on" name="ends_on" type="date" />
                    <button type="submit" class="button button-quiet">{i.t(K::CampExtend)}</button>
                    <span class="field-error">{move || msg_for(errors, "ends_on").get()}</span>
                </ActionForm>
            })}
            {(status == CampaignStatus::Running).then(|| view! {
                <ActionForm action=close attr:class="inline-form">
                    <input type="hidden" name="id" value=id.to_string() />
                    <button type="submit" class="button button-danger" disabled=move || close.pending().get()>{i.t(K::CampClose)}</button>
                </ActionForm>
                <p class="muted small">{i.t(K::CampCloseHelp)}</p>
            })}
        </div>
        <div class="grid-2">
            <section class="card">
                <h2>{i.t(K::CampCompletion)}</h2>
                <div class="table-wrap">
                    <table class="table">
                        <thead><tr><th>{i.t(K::EmployeeUnit)}</th><th class="num">{i.t(K::CampDone)}</th><th>""</th></tr></thead>
                        <tbody>
                            {c.completion.into_iter().map(|u| view! {
                                <tr>
                                    <td>{u.unit.clone()}</td>
                                    <td class="num">{format!("{}/{}", u.submitted, u.forms)}</td>
                                    <td><progress max=u.forms.to_string() value=u.submitted.to_string()></progress></td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            </section>
            <section class="card">
                <h2>{i.t(K::CampMissing)}</h2>
                {c.missing.is_empty().then(|| view! { <p class="muted">{i.t(K::CampNoneMissing)}</p> })}
                <ul class="people-list">
                    {c.missing.into_iter().map(|m| view! {
                        <li><strong>{m.name.clone()}</strong><span class="nip">{m.nip.clone()}</span>
                            <span class="small muted">{i.f(K::CampOpenForms, &[("n", m.open_forms.to_string()), ("unit", m.unit.clone())])}</span></li>
                    }).collect_view()}
                </ul>
            </section>
        </div>
    }
}
