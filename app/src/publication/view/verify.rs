//! `/publik/verifikasi`: check a published snapshot by its number (GET form, no
//! script needed) or by uploading its file (a plain multipart post answered by the
//! server with a redirect back here: `?berkas=<hash>&masalah=<codes>[&id=<n>]`).
//! A file's result is re-read from the stored snapshot when it is one of ours.

use crate::i18n::{use_i18n, I18n, K};
use crate::publication::api::verify_snapshot;
use crate::publication::model::{Problem, Verification};
use crate::ui::page::loaded;
use crate::ui::widgets::{Card, Page};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Where the upload form posts (the server answers it; not a server function).
pub const VERIFY_UPLOAD: &str = "/publik/verifikasi/berkas";
/// This page, where the upload's answer leads back to.
pub const VERIFY_PAGE: &str = "/publik/verifikasi";

#[component]
pub fn VerifyPage() -> impl IntoView {
    let i = use_i18n();
    let query = use_query_map();
    let id =
        Memo::new(move |_| query.with(|q| q.get("id").and_then(|s| s.trim().parse::<i32>().ok())));
    let file = Memo::new(move |_| {
        query.with(|q| {
            q.get("berkas").map(|h| {
                let problems: Vec<Problem> = q
                    .get("masalah")
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(Problem::from_code)
                    .collect();
                (h, problems)
            })
        })
    });
    let data = Resource::new(
        move || id.get(),
        |id| async move {
            match id {
                Some(id) => verify_snapshot(id).await.map(Some),
                None => Ok(None),
            }
        },
    );
    view! {
        <Page title=K::PubVerifyTitle subtitle=K::PubVerifySubtitle narrow=true>
            <Card title=K::PubVerifyById>
                <form method="get" action=VERIFY_PAGE class="form form-compact inline-fields">
                    <label for="snapshot-id">{i.t(K::PubSnapshotNumber)}</label>
                    <input id="snapshot-id" name="id" type="number" min="1" inputmode="numeric" required value=move || id.get().map(|n| n.to_string()) />
                    <button type="submit" class="button">{i.t(K::PubVerifyButton)}</button>
                </form>
            </Card>
            <Card title=K::PubVerifyByFile help=K::PubVerifyByFileHelp>
                <form method="post" action=VERIFY_UPLOAD enctype="multipart/form-data" class="form form-compact">
                    <label for="snapshot-file">{i.t(K::PubSnapshotFile)}</label>
                    <input id="snapshot-file" name="file" type="file" accept=".json,application/json" required />
                    <button type="submit" class="button">{i.t(K::PubVerifyButton)}</button>
                </form>
            </Card>
            {move || file.get().map(|(hash, problems)| view! { <FileResult hash problems /> })}
            {loaded(data, move |v| v.map(|v| view! { <Outcome v /> }))}
        </Page>
    }
}

fn problem_list(i: I18n, problems: &[Problem]) -> impl IntoView {
    view! { <ul>{problems.iter().map(|p| view! { <li>{i.t(p.label())}</li> }).collect_view()}</ul> }
}

/// What checking an uploaded file found.
#[component]
fn FileResult(hash: String, problems: Vec<Problem>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <section class="card" data-testid="file-result" aria-live="polite">
            <h2>{i.t(K::PubFileChecked)}</h2>
            <p>{i.t(K::PubHash)}": "<code>{hash}</code></p>
            {if problems.is_empty() {
                view! { <p class="verdict-ok">{i.t(K::PubFileOk)}</p> }.into_any()
            } else {
                view! { <p class="verdict-bad">{i.t(K::PubVerdictBad)}</p>{problem_list(i, &problems)} }.into_any()
            }}
        </section>
    }
}

/// What checking a stored snapshot and its chain found.
#[component]
fn Outcome(v: Verification) -> impl IntoView {
    let i = use_i18n();
    let ok = v.problems.is_empty();
    let what = i.f(
        K::PubVerifiedWhat,
        &[
            ("id", v.id.map(|n| n.to_string()).unwrap_or_default()),
            ("agency", v.agency.clone().unwrap_or_default()),
            (
                "sequence",
                v.sequence.map(|n| n.to_string()).unwrap_or_default(),
            ),
            ("chain", v.chain_checked.to_string()),
        ],
    );
    view! {
        <section class="card" data-testid="verdict" aria-live="polite">
            <h2>{what}</h2>
            {if ok {
                view! { <p class="verdict-ok">{i.t(K::PubVerdictOk)}</p> }.into_any()
            } else {
                view! { <p class="verdict-bad">{i.t(K::PubVerdictBad)}</p>{problem_list(i, &v.problems)} }.into_any()
            }}
            <dl class="proof">
                <dt>{i.t(K::PubHash)}</dt><dd><code>{v.hash.clone()}</code></dd>
                <dt>{i.t(K::PubPublicKey)}</dt><dd><code>{v.public_key.clone()}</code></dd>
            </dl>
        </section>
    }
}
