//! Lists of standards: HR's (every position, with what is in force and what is being
//! drafted), the member's (their own position first) and the public one.

use crate::competency::api::{
    get_comment_days, list_standards, my_standards, public_standards, SetCommentDays, StartStandard,
};
use crate::competency::model::{
    MemberStandards, PublishedStandard, StandardStatus, StandardSummary,
};
use crate::i18n::{use_i18n, K};
use crate::ui::page::loaded;
use crate::ui::widgets::{
    action_error, go_to_created, msg_for, saved_flag, Field, Page, SubmitButton, Table,
};
use leptos::prelude::*;

#[component]
pub fn HrStandardsPage() -> impl IntoView {
    let start = ServerAction::<StartStandard>::new();
    let rows = Resource::new(|| (), |_| list_standards());
    go_to_created(start, crate::competency::api::standard_page);
    let errors = action_error(start);
    let set_days = ServerAction::<SetCommentDays>::new();
    let days = Resource::new(move || set_days.version().get(), |_| get_comment_days());
    let saved = Signal::derive(saved_flag(set_days.value()));
    view! {
        <Page title=K::StdHrTitle subtitle=K::StdHrSubtitle action=("/competencies", K::DictTitle)
            saved errors=vec![errors, action_error(set_days)]>
            {loaded(rows, move |rows| view! { <HrTable rows start /> })}
            {loaded(days, move |d| view! { <CommentDays days=d set=set_days /> })}
        </Page>
    }
}

/// The agency's minimum comment period, which ratifying waits for.
#[component]
fn CommentDays(days: i16, set: ServerAction<SetCommentDays>) -> impl IntoView {
    let i = use_i18n();
    let errors = action_error(set);
    view! {
        <ActionForm action=set attr:class="form form-compact card">
            <Field label=i.t(K::StdCommentDays) name="days" error=msg_for(errors, "days")>
                <input id="days" name="days" type="number" min="1" max="60" value=days.to_string() required />
            </Field>
            <p class="small muted">{i.t(K::StdCommentDaysHelp)}</p>
            <SubmitButton pending=set.pending() label=K::Save />
        </ActionForm>
    }
}

#[component]
fn HrTable(rows: Vec<StandardSummary>, start: ServerAction<StartStandard>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <Table head=vec![(K::PositionName, ""), (K::PositionLevel, "hide-sm"), (K::PositionHolders, "num hide-sm"), (K::StdInForce, ""), (K::StdWorking, "")]>
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
        </Table>
    }
}

#[component]
fn Published(rows: Vec<PublishedStandard>, agency: bool) -> impl IntoView {
    let i = use_i18n();
    if rows.is_empty() {
        return view! { <p class="empty">{i.t(K::StdNoneRatified)}</p> }.into_any();
    }
    let head = [
        (K::PositionName, ""),
        (K::PositionLevel, "hide-sm"),
        (K::StdVersion, ""),
    ];
    view! {
        <Table head=agency.then_some((K::AdminAgency, "")).into_iter().chain(head).collect()>
            {rows.into_iter().map(|r| view! {
                <tr>
                    {agency.then(|| view! { <td>{r.agency_name.clone()}</td> })}
                    <td><a href=format!("/standards/{}", r.id)>{r.position_name.clone()}</a></td>
                    <td class="hide-sm">{i.t(r.job_level.label())}</td>
                    <td>{format!("v{} · {}", r.version, i.date(&r.ratified_at))}</td>
                </tr>
            }).collect_view()}
        </Table>
    }
    .into_any()
}

#[component]
pub fn MyStandardsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| my_standards());
    view! {
        <Page title=K::StdMineTitle subtitle=K::StdMineSubtitle>
            {loaded(data, |mine| view! { <Invited mine /> })}
        </Page>
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
    let data = Resource::new(|| (), |_| public_standards());
    view! {
        <Page title=K::StdPublicTitle subtitle=K::StdPublicSubtitle>
            {loaded(data, |rows| view! { <Published rows agency=true /> })}
        </Page>
    }
}
