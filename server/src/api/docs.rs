//! `/api/v1`: the API described for people, written from the same OpenAPI document
//! clients read (so the two never disagree): each endpoint with what it answers,
//! its parameters and an example address.

use super::ApiDoc;
use app::server::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use utoipa::openapi::path::Operation;
use utoipa::OpenApi;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn operation(path: &str, op: &Operation) -> String {
    let mut out = format!(
        "<section class=\"card\"><h2><code>GET {}</code></h2>",
        esc(path)
    );
    if let Some(d) = op.description.as_deref().or(op.summary.as_deref()) {
        out.push_str(&format!("<p>{}</p>", esc(d)));
    }
    if let Some(params) = &op.parameters {
        out.push_str("<dl class=\"facts facts-stacked\">");
        for p in params {
            let d = p.description.as_deref().unwrap_or_default();
            out.push_str(&format!(
                "<div><dt><code>{}</code></dt><dd>{}</dd></div>",
                esc(&p.name),
                esc(d)
            ));
        }
        out.push_str("</dl>");
    }
    out.push_str("<ul>");
    for (status, r) in &op.responses.responses {
        let d = match r {
            utoipa::openapi::RefOr::T(r) => r.description.clone(),
            utoipa::openapi::RefOr::Ref(_) => String::new(),
        };
        out.push_str(&format!(
            "<li><strong>{}</strong> {}</li>",
            esc(status),
            esc(&d)
        ));
    }
    out.push_str("</ul></section>");
    out
}

pub async fn page(State(st): State<AppState>) -> Response {
    let doc = ApiDoc::openapi();
    let css = format!("/pkg/{}.css", st.leptos_options.output_name);
    let mut body = String::new();
    for (path, item) in &doc.paths.paths {
        if let Some(op) = item.get.as_ref() {
            body.push_str(&operation(path, op));
        }
    }
    let intro = esc(doc.info.description.as_deref().unwrap_or_default());
    let html = format!(
        "<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>API data terbuka · Cakap</title><link rel=\"stylesheet\" href=\"{css}\"></head>\
         <body><main id=\"main\" class=\"main\"><section class=\"page\">\
         <div class=\"page-head\"><div><h1>API data terbuka Cakap</h1>\
         <p class=\"subtitle\">{intro}</p></div></div>\
         <p>Dokumen OpenAPI 3: <a href=\"/api/v1/openapi.json\">/api/v1/openapi.json</a>. \
         Semua jawaban membawa ETag dan Cache-Control; tabel juga tersedia sebagai CSV \
         dengan <code>?format=csv</code>; daftar berhalaman dengan <code>?page=</code> dan \
         <code>?per_page=</code>; boleh dibaca dari asal mana pun (CORS); setiap alamat \
         dibatasi {limit} permintaan per menit. Kembali ke <a href=\"/publik\">hasil terbuka</a>.</p>\
         {body}</section></main></body></html>",
        limit = st.config.api_per_minute
    );
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}
