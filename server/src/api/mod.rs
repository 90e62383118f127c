//! The open-data API (`/api/v1/…`): published data only, as JSON and, where it is a
//! table, CSV; described by an OpenAPI 3 document generated from these handlers
//! (`/api/v1/openapi.json`) and a page people can read (`/api/v1`). Every answer has
//! an ETag and a Cache-Control; any origin may GET it; each address may ask a limited
//! number of times a minute.

mod answer;
mod chain;
mod docs;
mod handlers;
mod limit;
mod model;
mod params;

use app::server::AppState;
use axum::http::{header, HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Cakap open data",
        version = "1",
        description = "Published results of Indonesian civil-service agencies: signed snapshots, unit figures and rankings (never a group of fewer than 5 people), citizen satisfaction (IKM) and ratified competency standards. Read-only; no login."
    ),
    paths(
        handlers::agencies,
        handlers::snapshots,
        handlers::snapshot,
        handlers::units,
        handlers::rankings,
        handlers::ikm,
        handlers::standards
    ),
    components(schemas(model::Format, model::By)),
    tags(
        (name = "agencies", description = "Agencies that publish"),
        (name = "snapshots", description = "Signed, hash-chained snapshots anyone can verify"),
        (name = "figures", description = "Figures of one snapshot (the latest unless `snapshot` is given)"),
        (name = "standards", description = "Ratified competency standards")
    )
)]
pub struct ApiDoc;

/// The OpenAPI document.
async fn openapi(headers: axum::http::HeaderMap) -> Response {
    match ApiDoc::openapi().to_json() {
        Ok(doc) => answer::send(&headers, "application/json", doc, answer::Keep::Minutes),
        Err(_) => answer::not_found(),
    }
}

/// Lets pages of any origin read the API (GET only; nothing here needs a cookie).
async fn cors(req: axum::extract::Request, next: axum::middleware::Next) -> Response {
    if req.method() == Method::OPTIONS {
        let mut res = axum::http::StatusCode::NO_CONTENT.into_response();
        allow_any(&mut res);
        res.headers_mut().insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, OPTIONS"),
        );
        res.headers_mut().insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("If-None-Match"),
        );
        return res;
    }
    let mut res = next.run(req).await;
    allow_any(&mut res);
    res
}

fn allow_any(res: &mut Response) {
    let h = res.headers_mut();
    h.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    h.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("ETag, Retry-After"),
    );
}

pub fn router(state: AppState) -> Router<AppState> {
    let limiter = limit::Limiter::new(state.config.api_per_minute);
    Router::new()
        .route("/api/v1", get(docs::page))
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/agencies", get(handlers::agencies))
        .route(
            "/api/v1/agencies/{code}/snapshots",
            get(handlers::snapshots),
        )
        .route("/api/v1/agencies/{code}/units", get(handlers::units))
        .route("/api/v1/agencies/{code}/rankings", get(handlers::rankings))
        .route("/api/v1/agencies/{code}/ikm", get(handlers::ikm))
        .route("/api/v1/snapshots/{id}", get(handlers::snapshot))
        .route("/api/v1/standards", get(handlers::standards))
        .layer(axum::middleware::from_fn_with_state(
            (state, limiter),
            limit::layer,
        ))
        .layer(axum::middleware::from_fn(cors))
}
