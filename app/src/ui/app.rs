//! The HTML shell and the router: every page of the application and its path.

use crate::auth::api::current_user;
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::i18n::provide_i18n;
use crate::ui::layout::Layout;
use crate::ui::lazy;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use leptos_router::Lazy;
use leptos_router::SsrMode;

/// The logged-in user (None for a visitor), loaded once per page and shared.
#[derive(Clone, Copy)]
pub struct Me(pub Resource<Result<Option<Actor>, AppError>>);

pub fn use_me() -> Resource<Result<Option<Actor>, AppError>> {
    expect_context::<Me>().0
}

/// What only HR is offered (HR's controls; the services decide what HR may really
/// do). Decided once the reader is known, so the server's page already has it or not.
#[component]
pub fn HrOnly(children: ChildrenFn) -> impl IntoView {
    let me = use_me();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    let hr = me.await.ok().flatten().is_some_and(|a| a.hr_agency().is_some());
                    hr.then(|| children())
                })
            }}
        </Suspense>
    }
}

/// The document around the application. On the server it also sets the Content
/// Security Policy: scripts only from this origin, plus the inline hydration
/// scripts that carry this response's nonce.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let lang = crate::i18n::detect_lang();
    #[cfg(feature = "ssr")]
    set_csp();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0f5e57" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                // The files' names carry their hash when the build made them
                // (`output_name`, see scripts/lib.sh); HydrationScripts names the JS
                // and WASM the same way.
                <link rel="stylesheet" id="leptos" href=format!("/pkg/{}.css", options.output_name) />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[cfg(feature = "ssr")]
fn set_csp() {
    if let (Some(nonce), Some(res)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) {
        let policy = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
             object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        );
        if let Ok(v) = http::HeaderValue::from_str(&policy) {
            res.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
        }
    }
}

/// Tells tests (and curious users) that the WASM has taken over the page: called by
/// each page (`ui/lazy.rs`, the not-found page), so the mark comes after the page's
/// own chunk has loaded and its controls work, not when the shell around it has.
pub fn mark_hydrated() {
    Effect::new(move |_| {
        if let Some(body) = document().body() {
            let _ = body.set_attribute("data-hydrated", "true");
        }
    });
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_i18n();
    let me = Resource::new_blocking(|| (), |_| current_user());
    provide_context(Me(me));
    view! {
        <Title formatter=move |t: String| {
            if t.is_empty() { "Cakap".to_string() } else { format!("{t} · Cakap") }
        } />
        // Every page renders in one pass (SsrMode::Async): its data loads in a few
        // milliseconds, and one write per response costs far less CPU than streaming
        // it in chunks (measured in bench/: +40 % requests/s on a bare page).
        <Router>
            <Layout>
                <AppRoutes />
            </Layout>
        </Router>
    }
}

/// Every page of the application, by path; each a lazy route (`ui/lazy.rs`).
#[component]
fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=move || view! { <crate::ui::widgets::NotFound /> }>
            <Route ssr=SsrMode::Async path=path!("/") view={Lazy::<lazy::Home>::new()} />
            <Route ssr=SsrMode::Async path=path!("/login") view={Lazy::<lazy::Login>::new()} />
            <Route ssr=SsrMode::Async path=path!("/account/password") view={Lazy::<lazy::ChangePassword>::new()} />
            <Route ssr=SsrMode::Async path=path!("/profile") view={Lazy::<lazy::Profile>::new()} />
            <Route ssr=SsrMode::Async path=path!("/people/:id") view={Lazy::<lazy::Profile>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr") view={Lazy::<lazy::HrOverview>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/units") view={Lazy::<lazy::Units>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/units/new") view={Lazy::<lazy::UnitNew>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/units/:id") view={Lazy::<lazy::UnitEdit>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/positions") view={Lazy::<lazy::Positions>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/positions/new") view={Lazy::<lazy::PositionNew>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/positions/:id") view={Lazy::<lazy::PositionEdit>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/employees") view={Lazy::<lazy::Employees>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/employees/new") view={Lazy::<lazy::EmployeeNew>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/employees/import") view={Lazy::<lazy::EmployeeImport>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/employees/:id") view={Lazy::<lazy::EmployeeEdit>::new()} />
            <Route ssr=SsrMode::Async path=path!("/dashboard") view={Lazy::<lazy::Dashboard>::new()} />
            <Route ssr=SsrMode::Async path=path!("/dashboard/:id") view={Lazy::<lazy::Dashboard>::new()} />
            <Route ssr=SsrMode::Async path=path!("/needs") view={Lazy::<lazy::Needs>::new()} />
            <Route ssr=SsrMode::Async path=path!("/calibration") view={Lazy::<lazy::Calibration>::new()} />
            <Route ssr=SsrMode::Async path=path!("/training") view={Lazy::<lazy::Catalogue>::new()} />
            <Route ssr=SsrMode::Async path=path!("/training/new") view={Lazy::<lazy::ProgrammeNew>::new()} />
            <Route ssr=SsrMode::Async path=path!("/training/import") view={Lazy::<lazy::CatalogueImport>::new()} />
            <Route ssr=SsrMode::Async path=path!("/training/programmes/:id") view={Lazy::<lazy::Programme>::new()} />
            <Route ssr=SsrMode::Async path=path!("/training/mine") view={Lazy::<lazy::MyTraining>::new()} />
            <Route ssr=SsrMode::Async path=path!("/training/pace") view={Lazy::<lazy::Pace>::new()} />
            <Route ssr=SsrMode::Async path=path!("/training/effect") view={Lazy::<lazy::Effect>::new()} />
            <Route ssr=SsrMode::Async path=path!("/assess") view={Lazy::<lazy::Assess>::new()} />
            <Route ssr=SsrMode::Async path=path!("/assess/:id") view={Lazy::<lazy::AssessForm>::new()} />
            <Route ssr=SsrMode::Async path=path!("/competencies") view={Lazy::<lazy::Dictionary>::new()} />
            <Route ssr=SsrMode::Async path=path!("/standards") view={Lazy::<lazy::MyStandards>::new()} />
            <Route ssr=SsrMode::Async path=path!("/standards/:id") view={Lazy::<lazy::Standard>::new()} />
            <Route ssr=SsrMode::Async path=path!("/public/standards") view={Lazy::<lazy::PublicStandards>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/standards") view={Lazy::<lazy::HrStandards>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/campaigns") view={Lazy::<lazy::Campaigns>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/campaigns/new") view={Lazy::<lazy::CampaignNew>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/campaigns/:id") view={Lazy::<lazy::Campaign>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/jobs") view={Lazy::<lazy::Jobs>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/publikasi") view={Lazy::<lazy::Publish>::new()} />
            <Route ssr=SsrMode::Async path=path!("/hr/skm") view={Lazy::<lazy::SkmHr>::new()} />
            <Route ssr=SsrMode::Async path=path!("/standing") view={Lazy::<lazy::Standing>::new()} />
            <Route ssr=SsrMode::Async path=path!("/skm/:code") view={Lazy::<lazy::Survey>::new()} />
            <Route ssr=SsrMode::Async path=path!("/skm/:code/poster") view={Lazy::<lazy::SurveyPoster>::new()} />
            <Route ssr=SsrMode::Async path=path!("/publik") view={Lazy::<lazy::PublicList>::new()} />
            <Route ssr=SsrMode::Async path=path!("/publik/verifikasi") view={Lazy::<lazy::VerifySnapshot>::new()} />
            <Route ssr=SsrMode::Async path=path!("/publik/:code") view={Lazy::<lazy::AgencyResults>::new()} />
            <Route ssr=SsrMode::Async path=path!("/admin") view={Lazy::<lazy::Admin>::new()} />
        </Routes>
    }
}
