//! Every page as a lazy route. In the browser the pages' code is cut into four
//! chunks of WASM, one per kind of reader: what a visitor opens (home, login, the
//! public standards), the standards and the dictionary, an employee's own pages
//! (dashboard, forms, profile), and HR's and the administrator's pages. A page's
//! chunk is fetched when it is first opened (on a first visit, while the main WASM
//! loads: the server's page names it in `<link rel=preload>`), so a citizen opening
//! the home page, the login or the list of public standards downloads none of HR's
//! or the assessors' code (one standard's page shares its chunk with HR's editor of
//! it). Four cuts, not one per page: every cut multiplies the small chunks of code
//! pages share, and each is one more request on a slow network (one per page made
//! 520 files, 64 requests for the login page alone). On the server nothing changes: a page renders at once. The
//! build cuts the WASM here (`scripts/wasm-split`, run by `build_release`).

use leptos::prelude::*;
use leptos_router::LazyRoute;

/// Declares a section: `$section` draws any of its `$page`s, and is one chunk in the
/// browser; each `$route` is the lazy route of one page, waiting for its section's
/// chunk before the page hydrates or is drawn.
macro_rules! section {
    ($section:ident, $pages:ident, $preload:ident: $($route:ident => $page:path),+ $(,)?) => {
        /// The pages of one chunk.
        #[derive(Clone, Copy)]
        #[allow(clippy::enum_variant_names)]
        pub enum $section { $($route),+ }

        // `#[lazy]` also writes `$preload` (browser only), which fetches the chunk.
        #[leptos::lazy]
        fn $pages(page: $section) -> AnyView {
            let view = match page { $($section::$route => $page().into_any()),+ };
            crate::ui::app::mark_hydrated();
            view
        }

        $(
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> AnyView {
                    $pages($section::$route).await
                }

                async fn preload() {
                    #[cfg(target_arch = "wasm32")]
                    $preload().await;
                }
            }
        )+
    };
}

section! {
    Visitor, visitor_pages, __preload_visitor_pages:
    Home => crate::ui::home::HomePage,
    Login => crate::auth::view::LoginPage,
    PublicStandards => crate::competency::view::lists::PublicStandardsPage,
    PublicList => crate::publication::view::agencies::PublicListPage,
    AgencyResults => crate::publication::view::results::AgencyResultsPage,
    VerifySnapshot => crate::publication::view::verify::VerifyPage,
    Survey => crate::survey::view::form::SurveyPage,
    SurveyPoster => crate::survey::view::poster::PosterPage,
}

section! {
    Standards, standard_pages, __preload_standard_pages:
    Standard => crate::competency::view::standard::StandardPage,
    MyStandards => crate::competency::view::lists::MyStandardsPage,
    HrStandards => crate::competency::view::lists::HrStandardsPage,
    Dictionary => crate::competency::view::dictionary::DictionaryPage,
}

section! {
    Employee, employee_pages, __preload_employee_pages:
    Dashboard => crate::assessment::view::dashboard::DashboardPage,
    Needs => crate::training::view::needs::NeedsPage,
    Calibration => crate::calibration::view::CalibrationPage,
    Assess => crate::assessment::view::todo::AssessPage,
    AssessForm => crate::assessment::view::form::FormPage,
    Profile => crate::people::view::profile::ProfilePage,
    ChangePassword => crate::auth::view::ChangePasswordPage,
    Standing => crate::publication::view::standing::StandingPage,
}

section! {
    Training, training_pages, __preload_training_pages:
    Catalogue => crate::training::view::catalogue::CataloguePage,
    ProgrammeNew => crate::training::view::programme::ProgrammeNewPage,
    Programme => crate::training::view::programme::ProgrammePage,
    CatalogueImport => crate::training::view::import::CatalogueImportPage,
    MyTraining => crate::training::view::mine::MyTrainingPage,
    Pace => crate::training::view::pace::PacePage,
    Effect => crate::training::view::effect::EffectPage,
}

section! {
    Hr, hr_pages, __preload_hr_pages:
    HrOverview => crate::hr::view::HrOverviewPage,
    Units => crate::org::view::UnitsPage,
    UnitNew => crate::org::view::UnitNewPage,
    UnitEdit => crate::org::view::UnitEditPage,
    Positions => crate::people::view::positions::PositionsPage,
    PositionNew => crate::people::view::positions::PositionNewPage,
    PositionEdit => crate::people::view::positions::PositionEditPage,
    Employees => crate::people::view::employees::EmployeesPage,
    EmployeeNew => crate::people::view::employee_form::EmployeeNewPage,
    EmployeeImport => crate::people::view::import::ImportPage,
    EmployeeEdit => crate::people::view::employee_edit::EmployeeEditPage,
    Campaigns => crate::assessment::view::campaigns::CampaignsPage,
    CampaignNew => crate::assessment::view::campaigns::CampaignNewPage,
    Campaign => crate::assessment::view::campaign::CampaignPage,
    Jobs => crate::jobs::view::JobsPage,
    Publish => crate::publication::view::publish::PublishPage,
    SkmHr => crate::survey::view::hr::SkmHrPage,
    Admin => crate::hr::view::AdminPage,
}
