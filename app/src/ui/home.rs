//! The start page: for a visitor, what Cakap is and the way in; for a logged-in
//! user, what matters now at a glance and the places their roles lead to.

use crate::assessment::view::reminders::ReminderNotices;
use crate::auth::model::Actor;
use crate::hr::api::get_glance;
use crate::hr::model::Glance;
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
            <AtAGlance />
            <div class="cards">{cards.collect_view()}</div>
        </Page>
    }
}

/// What matters now, at a glance: the reader's JPM and next gap, forms waiting; for a
/// leader or HR, their units' largest shortfalls; for HR, what is in progress.
#[component]
fn AtAGlance() -> impl IntoView {
    let data = Resource::new(|| (), |_| get_glance());
    view! { {loaded(data, |g| view! { <GlanceView g /> })} }
}

#[component]
fn GlanceView(g: Glance) -> impl IntoView {
    let i = use_i18n();
    let band = g
        .band
        .map(|b| view! { <span class=format!("tag band-{}", b.code())>{i.t(b.label())}</span> });
    let jpm = g.campaign.clone().map(|c| {
        view! {
            <a class="stat" href="/dashboard" data-testid="glance-jpm">
                <span class="stat-n">{i.pct(g.jpm)}</span>{i.t(K::DashJpm)}{band}
                <span class="small">{c}</span>
            </a>
        }
    });
    let next = g.next_gap.clone().map(|(name, req, measured)| view! {
        <a class="stat" href="/dashboard" data-testid="glance-gap">
            <span class="stat-n small-n">{name}</span>{i.t(K::HomeNextGap)}
            <span class="small">{i.f(K::HomeNextGapLevels, &[("required", req.to_string()), ("measured", i.dec(Some(measured)))])}</span>
        </a>
    });
    let hr = g.campaigns_in_progress > 0 || g.standards_open > 0;
    let jp = g.jp.map(|jp| view! {
        <a class="stat" href="/training/mine" data-testid="glance-jp">
            <span class="stat-n">{i.f(K::TrJpN, &[("jp", jp.jp.to_string())])}</span>
            {i.f(K::HomeJpOf, &[("right", crate::training::rules::JP_RIGHT.to_string()), ("year", jp.year.to_string())])}
        </a>
    });
    view! {
        <div class="stats">
            {jpm}
            {next}
            {jp}
            {(g.requests > 0).then(|| view! {
                <a class="stat" href="/training/mine" data-testid="glance-requests"><span class="stat-n">{i.n(g.requests as i64)}</span>{i.t(K::HomeRequests)}</a>
            })}
            {(g.to_record > 0).then(|| view! {
                <a class="stat" href="/training"><span class="stat-n">{i.n(g.to_record as i64)}</span>{i.t(K::HomeToRecord)}</a>
            })}
            {(g.open_forms > 0).then(|| view! {
                <a class="stat" href="/assess" data-testid="glance-forms"><span class="stat-n">{i.n(g.open_forms as i64)}</span>{i.t(K::HomeOpenForms)}</a>
            })}
            {hr.then(|| view! {
                <a class="stat" href="/hr/campaigns"><span class="stat-n">{i.n(g.campaigns_in_progress as i64)}</span>{i.t(K::HomeCampaignsInProgress)}</a>
                <a class="stat" href="/hr/standards"><span class="stat-n">{i.n(g.standards_open as i64)}</span>{i.t(K::HomeStandardsOpen)}</a>
            })}
        </div>
        {(!g.shortfalls.is_empty()).then(|| view! {
            <section class="card" data-testid="glance-shortfalls">
                <h2>{i.t(K::HomeShortfalls)}</h2>
                <ol>
                    {g.shortfalls.iter().map(|(name, n)| view! {
                        <li>{name.clone()}" · "{i.f(K::HomeShortfallLine, &[("below", i.n(n.below)), ("people", i.n(n.people)), ("levels", i.dec(Some(n.shortfall)))])}</li>
                    }).collect_view()}
                </ol>
                <p><a href="/needs">{i.t(K::HomeShortfallsLink)}</a></p>
            </section>
        })}
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
