//! The employee CSV import page. The file is read in the browser, checked on the
//! server (nothing written), shown line by line with its errors; then imported in
//! parts of 1 000 lines with a progress bar. Lines the check refused are blanked out
//! before sending, so their numbers stay right and they are never written.

use crate::error::{AppError, FieldError};
use crate::i18n::{use_i18n, I18n, K};
#[cfg(feature = "hydrate")]
use crate::people::api::check_import;
use crate::people::api::import_employees;
use crate::people::model::ImportReport;
use crate::ui::widgets::{ErrorBox, Page, Table};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;

const CHUNK: usize = 1000;

// Reading and Checked are reached only in the browser (the file is read there).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Debug, PartialEq)]
enum Stage {
    Empty,
    Reading,
    Checked(ImportReport),
    Importing { done: usize, total: usize },
    Done { created: usize, updated: usize },
    Failed(AppError),
}

/// Splits a file into parts that each start with the header line, keeping every
/// data line's position; refused lines become blank.
pub fn parts(text: &str, refused: &HashSet<usize>) -> Vec<(usize, String)> {
    let mut lines = text.lines();
    let header = lines.next().unwrap_or("").to_string();
    let data: Vec<(usize, &str)> = lines.enumerate().map(|(i, l)| (i + 2, l)).collect();
    data.chunks(CHUNK)
        .map(|chunk| {
            let first = chunk.first().map(|c| c.0).unwrap_or(2);
            let mut body = header.clone();
            for (n, l) in chunk {
                body.push('\n');
                if !refused.contains(n) {
                    body.push_str(l);
                }
            }
            (first, body)
        })
        .collect()
}

#[cfg(feature = "hydrate")]
async fn read_file(input: &web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()?;
    text.as_string()
}

#[component]
pub fn ImportPage() -> impl IntoView {
    let i = use_i18n();
    let stage = RwSignal::new(Stage::Empty);
    let text = StoredValue::new(String::new());
    let chosen = RwSignal::new(None::<String>);
    let on_file = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(input) = _ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let file = input.files().and_then(|f| f.get(0));
            chosen.set(file.map(|f| f.name()));
            stage.set(Stage::Reading);
            spawn_local(async move {
                let Some(content) = read_file(&input).await else {
                    stage.set(Stage::Failed(AppError::field("file", K::ErrCsvUnreadable)));
                    return;
                };
                text.set_value(content.clone());
                stage.set(match check_import(content).await {
                    Ok(r) => Stage::Checked(r),
                    Err(e) => Stage::Failed(e),
                });
            });
        }
    };
    let run = importer(stage, text);
    view! {
        <Page title=K::ImportTitle subtitle=K::ImportSubtitle back=("/hr/employees", K::BackToEmployees)>
            <ColumnsHelp />
            <noscript><p class="alert alert-warn">{i.t(K::NoscriptNotice)}</p></noscript>
            // The browser's own file button speaks the browser's language ("Choose
            // File"): it stays for keyboards and screen readers, drawn as our button.
            <div class="field file-field">
                <input id="csv-file" class="sr-only" type="file" accept=".csv,text/csv" on:change=on_file
                    disabled=move || matches!(stage.get(), Stage::Reading | Stage::Importing { .. }) />
                <label for="csv-file" class="button">{i.t(K::ImportChoose)}</label>
                <span class="muted">{move || chosen.get().unwrap_or_else(|| i.t(K::ImportNoFile).to_string())}</span>
            </div>
            {move || view_stage(i, stage.get(), run)}
        </Page>
    }
}

/// Imports the file part by part, following the progress in `stage`.
fn importer(
    stage: RwSignal<Stage>,
    text: StoredValue<String>,
) -> impl Fn(bool, HashSet<usize>) + Copy + Send + Sync + 'static {
    move |only_valid: bool, refused: HashSet<usize>| {
        let all = parts(&text.get_value(), &refused);
        let total = all.len();
        stage.set(Stage::Importing { done: 0, total });
        spawn_local(async move {
            let (mut created, mut updated) = (0, 0);
            for (n, (first, body)) in all.into_iter().enumerate() {
                match import_employees(body, first, only_valid).await {
                    Ok(r) => {
                        created += r.to_create;
                        updated += r.to_update;
                        stage.set(Stage::Importing { done: n + 1, total });
                    }
                    Err(e) => {
                        stage.set(Stage::Failed(e));
                        return;
                    }
                }
            }
            stage.set(Stage::Done { created, updated });
        });
    }
}

/// The file's columns, with an example and the current list to start from.
#[component]
fn ColumnsHelp() -> impl IntoView {
    let i = use_i18n();
    view! {
        <details class="card">
            <summary>{i.t(K::ImportColumnsTitle)}</summary>
            <p>{i.t(K::ImportColumnsText)}</p>
            <pre class="code">"nip,nama,jenis_kelamin,status,kode_unit,kode_jabatan,kepala_unit,tanggal_mulai\n198503122010012004,Siti Rahmawati,P,PNS,PKM-KOTA,PERAWAT-TRP,tidak,2023-01-02"</pre>
            <p><a href="/hr/employees.csv" download="pegawai.csv">{i.t(K::ImportDownloadCurrent)}</a></p>
        </details>
    }
}

fn view_stage(
    i: I18n,
    stage: Stage,
    run: impl Fn(bool, HashSet<usize>) + Copy + 'static,
) -> AnyView {
    match stage {
        Stage::Empty => ().into_any(),
        Stage::Reading => view! { <p class="loading" aria-busy="true">{i.t(K::ImportChecking)}</p> }.into_any(),
        Stage::Failed(e) => view! { <ErrorBox err=e.clone() /> <ErrorTable errors=e.fields().to_vec() /> }.into_any(),
        Stage::Importing { done, total } => view! {
            <div class="progress-box" role="status">
                <p>{i.f(K::ImportProgress, &[("done", done.to_string()), ("total", total.to_string())])}</p>
                <progress max=total.to_string() value=done.to_string()></progress>
            </div>
        }
        .into_any(),
        Stage::Done { created, updated } => view! {
            <div class="alert alert-ok" role="status" data-testid="import-done">
                {i.f(K::ImportDone, &[("created", created.to_string()), ("updated", updated.to_string())])}
                " " <a href="/hr/employees">{i.t(K::NavEmployees)}</a>
            </div>
        }
        .into_any(),
        Stage::Checked(r) => {
            let refused: HashSet<usize> = r.errors.iter().filter_map(|e| e.line).collect();
            let has_errors = !r.errors.is_empty();
            let can_import = r.valid > 0;
            let refused2 = refused.clone();
            view! {
                <div class="card" data-testid="import-report">
                    <p>{i.f(K::ImportSummary, &[
                        ("total", r.total.to_string()), ("valid", r.valid.to_string()),
                        ("create", r.to_create.to_string()), ("update", r.to_update.to_string()),
                        ("same", r.unchanged.to_string()), ("errors", r.errors.len().to_string()),
                    ])}</p>
                    {has_errors.then(|| view! { <p class="alert alert-warn">{i.t(K::ImportHasErrors)}</p> })}
                    <ErrorTable errors=r.errors.clone() />
                    <div class="actions">
                        {(!has_errors && can_import).then(|| view! {
                            <button class="button" on:click=move |_| run(false, HashSet::new())>
                                {i.f(K::ImportAll, &[("n", r.valid.to_string())])}
                            </button>
                        })}
                        {(has_errors && can_import).then(|| view! {
                            <button class="button button-quiet" on:click=move |_| run(true, refused2.clone())>
                                {i.f(K::ImportOnlyValid, &[("n", r.valid.to_string())])}
                            </button>
                        })}
                    </div>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn ErrorTable(errors: Vec<FieldError>) -> impl IntoView {
    let i = use_i18n();
    if errors.is_empty() {
        return ().into_any();
    }
    view! {
        <Table head=vec![(K::ImportLine, "num"), (K::ImportColumn, ""), (K::ImportProblem, "")] testid="import-errors">
            {errors
                .into_iter()
                .map(|e| view! {
                    <tr>
                        <td class="num">{e.line.map(|l| l.to_string()).unwrap_or_default()}</td>
                        <td><code>{e.field.clone()}</code></td>
                        <td>{e.msg.text(i.lang())}</td>
                    </tr>
                })
                .collect_view()}
        </Table>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_repeat_the_header_and_blank_refused_lines() {
        let text = "h\na\nb\nc";
        let p = parts(text, &[3].into());
        assert_eq!(p, vec![(2, "h\na\n\nc".to_string())]);
    }
}
