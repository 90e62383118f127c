//! `/skm/:code/poster`: a service unit's poster to print and hang at the counter:
//! what to do, the QR code of the survey's address, and the address written out
//! for a phone that cannot scan. Printing leaves out the site's frame.

use crate::i18n::{use_i18n, K};
use crate::survey::api::survey_poster;
use crate::survey::model::Poster;
use crate::ui::page::loaded;
use crate::ui::widgets::Page;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn PosterPage() -> impl IntoView {
    let params = use_params_map();
    let code = Memo::new(move |_| params.with(|p| p.get("code").unwrap_or_default()));
    let data = Resource::new(move || code.get(), survey_poster);
    view! {
        <Page class="poster-page">
            {loaded(data, |p| view! { <PosterView p /> })}
        </Page>
    }
}

#[component]
fn PosterView(p: Poster) -> impl IntoView {
    let i = use_i18n();
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <leptos_meta::Title text=format!("{} · {}", i.t(K::SkmPoster), p.name) />
        <p class="no-print"><button type="button" class="button" on:click=print>{i.t(K::SkmPrint)}</button>
            " "<span class="muted small">{i.t(K::SkmPrintHint)}</span></p>
        <article class="poster" data-testid="poster">
            <p class="poster-agency">{p.agency.clone()}</p>
            <h1>{i.t(K::SkmPosterAsk)}</h1>
            <p class="poster-unit">{p.name.clone()}</p>
            <div class="poster-qr" role="img" aria-label=i.t(K::SkmPosterQr) inner_html=p.qr_svg.clone()></div>
            <p class="poster-steps">{i.t(K::SkmPosterSteps)}</p>
            <p class="poster-url"><a href=p.url.clone()>{p.url.clone()}</a></p>
            <p class="muted small">{i.t(K::SkmPosterNote)}</p>
        </article>
    }
}
