//! The start page: for a visitor, what Cakap is and the way in; for a logged-in
//! user, the places their roles lead to.

use crate::assessment::view::reminders::ReminderNotices;
use crate::auth::model::Actor;
use crate::i18n::{use_i18n, I18n, K};
use crate::ui::app::use_me;
use crate::ui::page::loaded;
use crate::ui::widgets::Page;
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
            // Each card leads where it promises: through the login for what is personal.
            {card(i, Some("/login?next=/dashboard"), K::HomeForEmployeesTitle, K::HomeForEmployeesText)}
            {card(i, Some("/login?next=/assess"), K::HomeForLeadersTitle, K::HomeForLeadersText)}
            {card(i, Some("/public/standards"), K::HomeForPublicTitle, K::HomeForPublicText)}
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
    // Where each kind of user goes next: (shown, link, title, what is there).
    let cards = [
        (
            has_profile,
            "/dashboard",
            K::NavDashboard,
            K::HomeDashboardText,
        ),
        (has_profile, "/assess", K::NavAssess, K::HomeAssessText),
        (has_profile, "/profile", K::NavProfile, K::HomeProfileText),
        (
            leader,
            "/profile#subordinates",
            K::HomeLeaderTitle,
            K::HomeLeaderText,
        ),
        (hr, "/hr", K::NavHrOverview, K::HomeHrText),
        (hr, "/hr/employees", K::NavEmployees, K::HomeEmployeesText),
        (hr, "/hr/units", K::NavUnits, K::HomeUnitsText),
        (admin, "/admin", K::NavAdmin, K::HomeAdminText),
    ];
    let cards = cards
        .into_iter()
        .filter(|c| c.0)
        .map(move |(_, href, title, text)| card(i, Some(href), title, text));
    view! {
        <Page>
            <h1>{i.f(K::HomeGreeting, &[("name", user.display_name.clone())])}</h1>
            <p class="subtitle">{agency}</p>
            {has_profile.then(|| view! { <ReminderNotices /> })}
            <div class="cards">{cards.collect_view()}</div>
        </Page>
    }
}

/// A card: a title and what it is about, and a link when it leads somewhere.
fn card(i: I18n, href: Option<&'static str>, title: K, text: K) -> AnyView {
    let inner = view! {
        <h2>{i.t(title)}</h2>
        <p>{i.t(text)}</p>
    };
    match href {
        Some(href) => view! { <a class="card card-link" href=href>{inner}</a> }.into_any(),
        None => view! { <article class="card">{inner}</article> }.into_any(),
    }
}
