//! The start page: for a visitor, what Cakap is and the way in; for a logged-in
//! user, the places their roles lead to.

use crate::auth::model::Actor;
use crate::i18n::{use_i18n, K};
use crate::ui::app::use_me;
use crate::ui::page::loaded;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let me = use_me();
    view! {
        <Title text="" />
        {loaded(me, |user| match user {
            Some(user) => view! { <Dashboard user /> }.into_any(),
            None => view! { <Welcome /> }.into_any(),
        })}
    }
}

#[component]
fn Welcome() -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="hero">
            <h1>{i.t(K::HomeWelcomeTitle)}</h1>
            <p class="lead">{i.t(K::HomeWelcomeLead)}</p>
            <p><a class="button button-large" href="/login">{i.t(K::NavLogin)}</a></p>
        </section>
        <section class="cards">
            <article class="card">
                <h2>{i.t(K::HomeForEmployeesTitle)}</h2>
                <p>{i.t(K::HomeForEmployeesText)}</p>
            </article>
            <article class="card">
                <h2>{i.t(K::HomeForLeadersTitle)}</h2>
                <p>{i.t(K::HomeForLeadersText)}</p>
            </article>
            <article class="card">
                <h2>{i.t(K::HomeForPublicTitle)}</h2>
                <p>{i.t(K::HomeForPublicText)}</p>
            </article>
        </section>
    }
}

#[component]
fn Dashboard(user: Actor) -> impl IntoView {
    let i = use_i18n();
    let hr = user.hr_agency().is_some();
    let leader = user.is_leader();
    let admin = user.is_sysadmin();
    let has_profile = user.employee_id.is_some();
    let agency = user.agency_name.clone().unwrap_or_default();
    view! {
        <section class="page">
            <h1>{i.f(K::HomeGreeting, &[("name", user.display_name.clone())])}</h1>
            <p class="subtitle">{agency}</p>
            <div class="cards">
                <Show when=move || has_profile>
                    <a class="card card-link" href="/profile">
                        <h2>{i.t(K::NavProfile)}</h2>
                        <p>{i.t(K::HomeProfileText)}</p>
                    </a>
                </Show>
                <Show when=move || leader>
                    <a class="card card-link" href="/profile#subordinates">
                        <h2>{i.t(K::HomeLeaderTitle)}</h2>
                        <p>{i.t(K::HomeLeaderText)}</p>
                    </a>
                </Show>
                <Show when=move || hr>
                    <a class="card card-link" href="/hr">
                        <h2>{i.t(K::NavHrOverview)}</h2>
                        <p>{i.t(K::HomeHrText)}</p>
                    </a>
                    <a class="card card-link" href="/hr/employees">
                        <h2>{i.t(K::NavEmployees)}</h2>
                        <p>{i.t(K::HomeEmployeesText)}</p>
                    </a>
                    <a class="card card-link" href="/hr/units">
                        <h2>{i.t(K::NavUnits)}</h2>
                        <p>{i.t(K::HomeUnitsText)}</p>
                    </a>
                </Show>
                <Show when=move || admin>
                    <a class="card card-link" href="/admin">
                        <h2>{i.t(K::NavAdmin)}</h2>
                        <p>{i.t(K::HomeAdminText)}</p>
                    </a>
                </Show>
            </div>
        </section>
    }
}
