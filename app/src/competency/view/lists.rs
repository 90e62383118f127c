//! Lists of standards: HR's (every position, with what is in force and what is being
//! drafted), the member's (their own position first) and the public one.

use crate::competency::api::{list_standards, my_standards, public_standards, StartStandard};
use crate::competency::model::{
    MemberStandards, PublishedStandard, StandardStatus, StandardSummary,
};
use crate::i18n::{use_i18n, K};
use crate::ui::page::loaded;
use crate::ui::widgets::{action_error, error_box, PageHead};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn HrStandardsPage() -> impl IntoView {
    let i = use_i18n();
    let start = ServerAction::<StartStandard>::new();
    let rows = Resource::new(|| (), |_| list_standards());
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = start.value().get() {
            navigate(&format!("/standards/{id}"), Default::default());
        }
    });
    let errors = action_error(start.value());
    view! {
        <section class="page">
            <PageHead
                title=i.t(K::StdHrTitle).to_string()
                subtitle=i.t(K::StdHrSubtitle).to_string()
                action=("/competencies".to_string(), i.t(K::DictTitle))
            />
            {error_box(errors)}
            {loaded(rows, move |rows| view! { <HrTable rows start /> })}
        </section>
    }
}

#[component]
fn HrTable(rows: Vec<StandardSummary>, start: ServerAction<StartStandard>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        <th>{i.t(K::PositionName)}</th>
                        <th class="hide-sm">{i.t(K::PositionLevel)}</th>
                        <th class="num hide-sm">{i.t(K::PositionHolders)}</th>
                        <th>{i.t(K::StdInForce)}</th>
                        <th>{i.t(K::StdWorking)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| {
                        let in_force = r.ratified.map(|(id, v)| view! { <a href=format!("/standards/{id}")>{format!("v{v}")}</a> }.into_any())
                            .unwrap_or_else(|| view! { <span class="muted">{i.t(K::StdNone)}</span> }.into_any());
                        let working = match r.working {
                            Some((id, v, st)) => view! { <a href=format!("/standards/{id}")>{format!("v{v} · {}", i.t(st.label()))}</a> }.into_any(),
                            None => view! {
                                <ActionForm action=start attr:class="inline-form">
                                    <input type="hidden" name="position_id" value=r.position_id.to_string() />
                                    <button type="submit" class="button button-small button-quiet">
                                        {if r.ratified.is_some() { i.t(K::StdNewVersion) } else { i.t(K::StdDraftNew) }}
                                    </button>
                                </ActionForm>
                            }.into_any(),
                        };
                        view! {
                            <tr>
                                <td>{r.position_name.clone()}</td>
                                <td class="hide-sm">{i.t(r.job_level.label())}</td>
                                <td class="num hide-sm">{r.holders}</td>
                                <td>{in_force}</td>
                                <td>{working}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn Published(rows: Vec<PublishedStandard>, agency: bool) -> impl IntoView {
    let i = use_i18n();
    if rows.is_empty() {
        return view! { <p class="empty">{i.t(K::StdNoneRatified)}</p> }.into_any();
    }
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead>
                    <tr>
                        {agency.then(|| view! { <th>{i.t(K::AdminAgency)}</th> })}
                        <th>{i.t(K::PositionName)}</th>
                        <th class="hide-sm">{i.t(K::PositionLevel)}</th>
                        <th>{i.t(K::StdVersion)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>
                            {agency.then(|| view! { <td>{r.agency_name.clone()}</td> })}
                            <td><a href=format!("/standards/{}", r.id)>{r.position_name.clone()}</a></td>
                            <td class="hide-sm">{i.t(r.job_level.label())}</td>
                            <td>{format!("v{} · {}", r.version, r.ratified_at)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
pub fn MyStandardsPage() -> impl IntoView {
    let i = use_i18n();
    let data = Resource::new(|| (), |_| my_standards());
    view! {
        <section class="page">
            <PageHead title=i.t(K::StdMineTitle).to_string() subtitle=i.t(K::StdMineSubtitle).to_string() />
            {loaded(data, |mine| view! { <Invited mine /> })}
        </section>
    }
}

#[component]
fn Invited(mine: MemberStandards) -> impl IntoView {
    let i = use_i18n();
    view! {
        <div class="cards">
            {mine.invited.into_iter().map(|s| view! {
                <a class="card card-link" href=format!("/standards/{}", s.id)>
                    <h2>{s.position_name.clone()}</h2>
                    <p>{if s.own { i.t(K::StdMyPosition) } else { i.t(K::StdInYourUnits) }}</p>
                    <p>{format!("v{} · {}", s.version, i.t(s.status.label()))}</p>
                    {(s.status == StandardStatus::Open).then(|| view! { <p class="tag tag-open">{i.t(K::StdInvite)}</p> })}
                </a>
            }).collect_view()}
        </div>
        <h2>{i.t(K::StdAgencyRatified)}</h2>
        <Published rows=mine.published agency=false />
    }
}

#[component]
pub fn PublicStandardsPage() -> impl IntoView {
    let i = use_i18n();
    let data = Resource::new(|| (), |_| public_standards());
    view! {
        <section class="page">
            <PageHead title=i.t(K::StdPublicTitle).to_string() subtitle=i.t(K::StdPublicSubtitle).to_string() />
            {loaded(data, |rows| view! { <Published rows agency=true /> })}
        </section>
    }
}
