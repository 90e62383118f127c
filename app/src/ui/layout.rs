//! The page frame: header with the brand, the navigation for the user's roles, the
//! language switch and logout; the main area; a footer. Without JavaScript the menu
//! still opens on a phone (a checkbox toggles it) and both forms still work.

use crate::auth::api::Logout;
use crate::auth::model::Actor;
use crate::i18n::{use_i18n, Lang, K};
use crate::ui::app::use_me;
use crate::ui::widgets::login_href;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let i = use_i18n();
    let me = use_me();
    // Read here, inside the router, while the page renders; the navigation is drawn
    // later, when the user is known (see `NavLink`).
    let path = use_location().pathname;
    view! {
        <a class="skip" href="#main">{i.t(K::NavSkip)}</a>
        <header class="topbar">
            <div class="topbar-inner">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"C"</span>
                    <span class="brand-name">"Cakap"</span>
                </a>
                <input type="checkbox" id="nav-toggle" class="nav-toggle" aria-label=i.t(K::NavMenu) />
                <label for="nav-toggle" class="nav-toggle-label">{i.t(K::NavMenu)}</label>
                <div class="nav-panel">
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            let user = me.await.ok().flatten();
                            view! {
                                <Nav user=user.clone() path />
                                <UserBox user />
                            }
                        })}
                    </Transition>
                    <LangSwitch />
                </div>
            </div>
        </header>
        <main id="main" class="main">
            <crate::auth::view::ResetBanner />
            {children()}
        </main>
        <footer class="footer">
            <p>{i.t(K::FooterText)}</p>
        </footer>
    }
}

#[component]
fn Nav(user: Option<Actor>, path: Memo<String>) -> impl IntoView {
    let i = use_i18n();
    let Some(user) = user else {
        return view! {
            <nav class="nav" aria-label=i.t(K::NavLabel)>
                <NavLink href="/" path exact=true>{i.t(K::NavHome)}</NavLink>
                <NavLink href="/public/standards" path>{i.t(K::NavStandards)}</NavLink>
                <NavLink href="/publik" path>{i.t(K::NavPublik)}</NavLink>
            </nav>
        }
        .into_any();
    };
    // HR's units and positions are reached from the HR overview, which keeps the bar
    // on one line on a laptop.
    let hr = user.hr_agency().is_some();
    let admin = user.is_sysadmin();
    let has_profile = user.employee_id.is_some();
    let needs = hr || user.is_leader();
    view! {
        <nav class="nav" aria-label=i.t(K::NavLabel)>
            <NavLink href="/" path exact=true>{i.t(K::NavHome)}</NavLink>
            <Show when=move || has_profile>
                <NavLink href="/dashboard" path>{i.t(K::NavDashboard)}</NavLink>
                <NavLink href="/assess" path>{i.t(K::NavAssess)}</NavLink>
                <NavLink href="/profile" path>{i.t(K::NavProfile)}</NavLink>
            </Show>
            <Show when=move || needs>
                <NavLink href="/needs" path>{i.t(K::NavNeeds)}</NavLink>
            </Show>
            <Show when=move || has_profile || hr>
                <NavLink href="/training" path>{i.t(K::NavTraining)}</NavLink>
            </Show>
            <Show when=move || !hr>
                <NavLink href="/standards" path>{i.t(K::NavStandards)}</NavLink>
            </Show>
            <Show when=move || hr>
                <NavLink href="/hr" path exact=true>{i.t(K::NavHrOverview)}</NavLink>
                <NavLink href="/hr/employees" path>{i.t(K::NavEmployees)}</NavLink>
                <NavLink href="/hr/standards" path>{i.t(K::NavHrStandards)}</NavLink>
                <NavLink href="/hr/campaigns" path>{i.t(K::NavCampaigns)}</NavLink>
            </Show>
            <Show when=move || admin>
                <NavLink href="/admin" path>{i.t(K::NavAdmin)}</NavLink>
            </Show>
        </nav>
    }
    .into_any()
}

/// A link of the main navigation, marked current while the page is at or under it.
/// Not the router's `<A>`: that looks the router up when it is drawn, and the
/// navigation is drawn after the user is known, when a render abandoned meanwhile (a
/// client gone, or `server::stall`'s retry) no longer has the router to find.
#[component]
fn NavLink(
    href: &'static str,
    path: Memo<String>,
    #[prop(optional)] exact: bool,
    children: Children,
) -> impl IntoView {
    let current = move || {
        path.with(|p| p == href || (!exact && href != "/" && p.starts_with(&format!("{href}/"))))
    };
    view! { <a href=href aria-current=move || current().then_some("page")>{children()}</a> }
}

#[component]
fn UserBox(user: Option<Actor>) -> impl IntoView {
    let i = use_i18n();
    let logout = ServerAction::<Logout>::new();
    // After logout the whole page reloads: every cached piece of the old session goes.
    Effect::new(move |_| {
        if let Some(Ok(())) = logout.value().get() {
            let _ = window().location().assign("/");
        }
    });
    match user {
        None => view! {
            <a class="button button-small" href=login_href()>{i.t(K::NavLogin)}</a>
        }
        .into_any(),
        Some(u) => view! {
            <div class="userbox">
                <a class="userbox-name" href="/account/password" title=i.t(K::PasswordTitle)>{u.display_name.clone()}</a>
                <ActionForm action=logout attr:class="inline-form">
                    <button type="submit" class="button button-small button-quiet">
                        {i.t(K::NavLogout)}
                    </button>
                </ActionForm>
            </div>
        }
        .into_any(),
    }
}

/// Switches language through a form post to `/lang`, which sets the cookie and
/// comes back to the same page.
#[component]
fn LangSwitch() -> impl IntoView {
    let i = use_i18n();
    let location = use_location();
    let next = move || format!("{}{}", location.pathname.get(), location.search.get());
    let other = match i.lang() {
        Lang::Id => Lang::En,
        Lang::En => Lang::Id,
    };
    let label = match other {
        Lang::En => "English",
        Lang::Id => "Bahasa Indonesia",
    };
    view! {
        <form method="post" action="/lang" class="inline-form lang-switch">
            <input type="hidden" name="lang" value=other.code() />
            <input type="hidden" name="next" value=next />
            <button type="submit" class="button button-small button-quiet" lang=other.code()
                title=i.t(K::NavLanguage)>
                {label}
            </button>
        </form>
    }
}
