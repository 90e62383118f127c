//! The axum router: Leptos pages and server functions (with the per-request
//! context), the plain HTTP endpoints, static files, and the security layer.

use crate::{certificates, compress, handlers, public_pages, security, snapshots};
use app::publication::view::verify::VERIFY_UPLOAD;
use app::server::request::RequestCache;
use app::server::AppState;
use app::{shell, App};
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr};
use tower_http::services::ServeDir;

/// Uploaded CSV files can be large (100 000 lines is about 10 MB).
const BODY_LIMIT: usize = 24 * 1024 * 1024;

pub fn build_router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let ctx_state = state.clone();
    let context = move || {
        provide_context(ctx_state.clone());
        provide_context(RequestCache::default());
    };
    let options = state.leptos_options.clone();
    // Leptos pages and server functions, behind the guard against stalled renders.
    let pages: Router = Router::new()
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .with_state(state.clone());
    // The built JS, WASM and CSS: the brotli or gzip copy made at build time when the
    // browser takes it (`publish_assets` in scripts/lib.sh).
    let pkg = format!(
        "{}/{}",
        state.leptos_options.site_root, state.leptos_options.site_pkg_dir
    );
    let assets = ServeDir::new(pkg).precompressed_br().precompressed_gzip();
    // The public results pages, kept for visitors (`public_pages`).
    let kept = public_pages::pages(&state.config);
    Router::new()
        .route("/health", get(handlers::health))
        .route("/lang", post(handlers::switch_language))
        .route("/hr/employees.csv", get(handlers::export_employees))
        .route("/needs/akpk.csv", get(handlers::export_needs_people))
        .route("/needs/units.csv", get(handlers::export_needs_units))
        .route("/training/certificate", post(certificates::upload))
        .route("/training/certificate/{id}", get(certificates::download))
        .route("/publik/berkas/{id}", get(snapshots::download))
        .route(VERIFY_UPLOAD, post(snapshots::check_upload))
        .merge(crate::api::router(state.clone()))
        .nest_service("/pkg", assets)
        .fallback(move |req: axum::extract::Request| {
            public_pages::serve(kept.clone(), pages.clone(), req)
        })
        // Pages and answers compressed as they go out (the assets above already are).
        .layer(axum::middleware::from_fn(compress::layer))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::guard,
        ))
        .with_state(state)
}

/// Opens the database and brings its schema up to date. On PostgreSQL several server
/// processes may start at once; an advisory lock lets one of them migrate while the
/// others wait, then find nothing left to do.
pub async fn connect_and_migrate(url: &str) -> Result<DatabaseConnection, DbErr> {
    if url.starts_with("postgres") {
        let mut opt = sea_orm::ConnectOptions::new(url.to_string());
        opt.max_connections(1).sqlx_logging(false);
        let one = sea_orm::Database::connect(opt).await?;
        one.execute_unprepared("SELECT pg_advisory_lock(20261123)")
            .await?;
        let migrated = Migrator::up(&one, None).await;
        one.execute_unprepared("SELECT pg_advisory_unlock(20261123)")
            .await?;
        one.close().await?;
        migrated?;
        return app::server::db::connect(url).await;
    }
    let db = app::server::db::connect(url).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}
