//! Importing the catalogue (`/training/import`): the file's text in a box (a file
//! chosen is read into it by the page's script; pasting works without it), checked
//! on the server line by line; with any error nothing is written.

use crate::i18n::{use_i18n, K};
use crate::training::api::ImportCatalogue;
use crate::ui::widgets::{action_error, Page, SubmitButton, Table};
use leptos::prelude::*;

#[component]
pub fn CatalogueImportPage() -> impl IntoView {
    let i = use_i18n();
    let import = ServerAction::<ImportCatalogue>::new();
    let text = RwSignal::new(String::new());
    let on_file = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(file) = _ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|i| i.files())
                .and_then(|f| f.get(0))
            else {
                return;
            };
            leptos::task::spawn_local(async move {
                if let Ok(t) = wasm_bindgen_futures::JsFuture::from(file.text()).await {
                    text.set(t.as_string().unwrap_or_default());
                }
            });
        }
    };
    view! {
        <Page title=K::TrImport subtitle=K::TrImportHelp back=("/training", K::TrBack) narrow=true errors=vec![action_error(import)]>
            <pre class="code small" tabindex="0" aria-label=i.t(K::TrImportExample)>"kode;nama;jp;moda;penyelenggara;mulai;selesai;kapasitas;kompetensi;untuk_penilai\n"
                "PL-01;Pelayanan Prima;24;klasikal;BPSDM Provinsi;2027-02-01;2027-02-04;30;M.7=3;tidak"</pre>
            <ActionForm action=import attr:class="form">
                <div class="field">
                    <label for="catalogue-file">{i.t(K::ImportChoose)}</label>
                    <input id="catalogue-file" type="file" accept=".csv,text/csv" on:change=on_file />
                </div>
                <div class="field">
                    <label for="csv">{i.t(K::TrImportText)}</label>
                    <textarea id="csv" name="csv" rows="8" prop:value=text on:input=move |ev| text.set(event_target_value(&ev))></textarea>
                </div>
                <SubmitButton pending=import.pending() label=K::TrImportRun />
            </ActionForm>
            {move || import.value().get().and_then(|r| r.ok()).map(|r| if r.errors.is_empty() {
                view! { <p class="alert alert-ok" role="status">{i.f(K::TrImportDone, &[("created", r.created.to_string()), ("updated", r.updated.to_string())])}</p> }.into_any()
            } else {
                view! {
                    <p class="alert alert-error">{i.t(K::TrImportRefused)}</p>
                    <Table head=vec![(K::ImportLine, "num"), (K::ImportColumn, ""), (K::ImportProblem, "")]>
                        {r.errors.into_iter().map(|e| view! {
                            <tr><td class="num">{e.line.unwrap_or(0)}</td><td>{e.field.clone()}</td><td>{e.msg.text(i.lang())}</td></tr>
                        }).collect_view()}
                    </Table>
                }.into_any()
            })}
        </Page>
    }
}
