//! The profile page: one's own (`/profile`) or, for their supervisor, unit leader or
//! HR, someone else's (`/people/:id`).

use crate::i18n::{use_i18n, K};
use crate::people::api::get_profile;
use crate::people::model::{PersonRef, Profile};
use crate::ui::page::{loaded, route_id};
use crate::ui::widgets::{Page, PageHead};
use leptos::prelude::*;

#[component]
pub fn ProfilePage() -> impl IntoView {
    let id = route_id();
    let profile = Resource::new(move || id.get(), get_profile);
    view! {
        <Page>
            {loaded(profile, move |p| view! { <ProfileView p own=id.get().is_none() /> })}
        </Page>
    }
}

#[component]
fn ProfileView(p: Profile, own: bool) -> impl IntoView {
    let i = use_i18n();
    let sex = i.t(p.sex.label());
    let unit = p.unit_path.last().cloned().unwrap_or_else(|| "–".into());
    let path = p.unit_path.join(" › ");
    let position = p.position_name.clone().unwrap_or_else(|| "–".into());
    let level = p.job_level.map_or("–", |l| i.t(l.label()));
    view! {
        <PageHead title=p.name.clone() subtitle=p.agency_name.clone() />
        <p class="actions">
            <a class="button button-quiet" href=format!("/dashboard/{}", p.employee_id)>{i.t(K::DashOpen)}</a>
            {own.then(|| view! { " "<a class="button button-quiet" href="/standing">{i.t(K::StandLink)}</a> })}
        </p>
        {(!p.active).then(|| view! { <div class="alert alert-warn">{i.t(K::EmployeeIsInactive)}</div> })}
        <div class="grid-2">
            <article class="card">
                <h2>{i.t(K::ProfilePosition)}</h2>
                <dl class="facts facts-stacked">
                    <div><dt>{i.t(K::EmployeePosition)}</dt><dd data-testid="profile-position">{position}
                        {p.is_head.then(|| view! { <span class="tag">{i.t(K::HeadTag)}</span> })}</dd></div>
                    <div><dt>{i.t(K::PositionLevel)}</dt><dd>{level}</dd></div>
                    <div><dt>{i.t(K::EmployeeUnit)}</dt><dd data-testid="profile-unit">{unit}</dd></div>
                    <div><dt>{i.t(K::UnitPath)}</dt><dd class="small">{path}</dd></div>
                    <div><dt>{i.t(K::Since)}</dt><dd>{p.since.clone().unwrap_or_else(|| "–".into())}</dd></div>
                </dl>
            </article>
            <article class="card">
                <h2>{i.t(K::ProfileIdentity)}</h2>
                <dl class="facts facts-stacked">
                    <div><dt>{i.t(K::EmployeeNip)}</dt><dd class="nip">{p.nip.clone()}</dd></div>
                    <div><dt>{i.t(K::EmployeeSex)}</dt><dd>{sex}</dd></div>
                    <div><dt>{i.t(K::EmployeeStatus)}</dt><dd>{p.status.code()}</dd></div>
                </dl>
            </article>
        </div>
        <article class="card">
            <h2>{i.t(K::SupervisorTitle)}</h2>
            {match p.supervisor.clone() {
                Some(s) => {
                    let note = if s.set_by_hr { i.t(K::SupervisorByHr) } else { i.t(K::SupervisorDerived) };
                    view! {
                        <p data-testid="profile-supervisor"><strong>{s.person.name.clone()}</strong>
                            <br /><span class="muted">{s.person.position_name.clone().unwrap_or_default()}</span></p>
                        <p class="muted small">{note}</p>
                    }
                    .into_any()
                }
                None => view! { <p data-testid="profile-supervisor">{i.t(K::SupervisorNone)}</p> }.into_any(),
            }}
        </article>
        <Subordinates list=p.subordinates.clone() />
    }
}

#[component]
fn Subordinates(list: Vec<PersonRef>) -> impl IntoView {
    let i = use_i18n();
    if list.is_empty() {
        return ().into_any();
    }
    view! {
        <article class="card" id="subordinates">
            <h2>{i.f(K::ProfileSubordinates, &[("n", list.len().to_string())])}</h2>
            <ul class="people-list">
                {list
                    .into_iter()
                    .map(|s| view! {
                        <li>
                            <a href=format!("/people/{}", s.id)>{s.name}</a>
                            <span class="muted small">{s.position_name.unwrap_or_default()}</span>
                        </li>
                    })
                    .collect_view()}
            </ul>
        </article>
    }
    .into_any()
}
