//! A job's progress bar (on the page that started it, polling once a second until
//! the job ends) and HR's list of the agency's recent jobs (`/hr/jobs`).

use crate::i18n::{use_i18n, K};
use crate::jobs::api::{get_job, list_jobs, RetryJob};
use crate::jobs::model::{JobState, JobView};
use crate::ui::page::loaded;
use crate::ui::widgets::{Page, SubmitButton, Table};
use leptos::prelude::*;

/// How often a running job's bar asks for news.
const POLL_MS: u64 = 1000;

/// A job's bar, kept current until the job ends; `on_finish` runs when it does (the
/// page reloads what the job changed).
#[component]
pub fn JobProgress(
    job: JobView,
    #[prop(optional, into)] on_finish: Option<Callback<()>>,
) -> impl IntoView {
    let current = RwSignal::new(job);
    Effect::new(move |_| {
        let (id, ended) = current.with_untracked(|j| (j.id, j.state.finished()));
        if ended {
            return;
        }
        let timer: StoredValue<Option<IntervalHandle>> = StoredValue::new(None);
        let poll = move || {
            leptos::task::spawn_local(async move {
                let Ok(j) = get_job(id).await else { return };
                let ended = j.state.finished();
                current.set(j);
                if ended {
                    if let Some(h) = timer.get_value() {
                        h.clear();
                    }
                    timer.set_value(None);
                    if let Some(cb) = on_finish {
                        cb.run(());
                    }
                }
            });
        };
        if let Ok(h) = set_interval_with_handle(poll, std::time::Duration::from_millis(POLL_MS)) {
            timer.set_value(Some(h));
            on_cleanup(move || {
                if let Some(h) = timer.get_value() {
                    h.clear();
                }
            });
        }
    });
    view! { {move || view! { <JobBar job=current.get() /> }} }
}

/// One job as a bar: what it does, its state, how far, and why it stopped.
#[component]
fn JobBar(job: JobView) -> impl IntoView {
    let i = use_i18n();
    let value = job.percent();
    let percent = i.lang().percent(value.into(), 0);
    let counts = format!("{}/{}", i.n(job.done), i.n(job.total));
    let detail = match (job.state, job.phase) {
        (JobState::Running, Some(p)) => format!("{} · {counts}", i.t(p.label())),
        _ => counts,
    };
    let failed = job.state == JobState::Failed;
    view! {
        <div class="job card" role="status" aria-live="polite" data-testid="job" data-state=job.state.code()>
            <div class="job-head">
                <strong>{i.t(job.kind.label())}{job.subject.clone().map(|s| format!(": {s}"))}</strong>
                <span class=format!("tag job-{}", job.state.code())>{i.t(job.state.label())}</span>
            </div>
            <progress max="100" value=value.to_string() aria-label=i.t(K::JobProgress)>{percent.clone()}</progress>
            <p class="small muted">{format!("{percent} · {detail}")}</p>
            {job.error.map(|e| view! { <p class="alert alert-error">{e.text(i.lang())}</p> })}
            {failed.then(|| view! { <RetryButton id=job.id /> })}
        </div>
    }
}

#[component]
fn RetryButton(id: i32) -> impl IntoView {
    let retry = ServerAction::<RetryJob>::new();
    view! {
        <ActionForm action=retry attr:class="inline-form">
            <input type="hidden" name="id" value=id.to_string() />
            <SubmitButton pending=retry.pending() label=K::JobRetry />
        </ActionForm>
        {move || retry.value().get().map(|r| match r {
            Ok(()) => view! { <p class="small">{use_i18n().t(K::JobRetried)}</p> }.into_any(),
            Err(e) => view! { <p class="field-error">{e.message(use_i18n().lang())}</p> }.into_any(),
        })}
    }
}

/// HR's list of the agency's recent jobs, newest first.
#[component]
pub fn JobsPage() -> impl IntoView {
    let data = Resource::new(|| (), |_| list_jobs());
    view! {
        <Page title=K::JobsTitle subtitle=K::JobsHelp>
            {loaded(data, |jobs| view! { <JobsTable jobs /> })}
        </Page>
    }
}

#[component]
fn JobsTable(jobs: Vec<JobView>) -> impl IntoView {
    let i = use_i18n();
    if jobs.is_empty() {
        return view! { <p class="muted">{i.t(K::JobsNone)}</p> }.into_any();
    }
    let head = vec![
        (K::JobsColWhat, ""),
        (K::JobsColState, ""),
        (K::JobsColProgress, "num"),
        (K::JobsColBy, ""),
        (K::JobsColStarted, ""),
        (K::JobsColFinished, ""),
    ];
    let rows = jobs
        .into_iter()
        .map(|j| {
            let label = match &j.subject {
                Some(s) => format!("{}: {s}", i.t(j.kind.label())),
                None => i.t(j.kind.label()).to_string(),
            };
            let what = match j.subject_id {
                Some(c) => view! { <a href=format!("/hr/campaigns/{c}")>{label}</a> }.into_any(),
                None => label.into_any(),
            };
            view! {
                <tr>
                    <td>{what}</td>
                    <td><span class=format!("tag job-{}", j.state.code())>{i.t(j.state.label())}</span></td>
                    <td class="num">{format!("{} ({}/{})", i.lang().percent(j.percent().into(), 0), i.n(j.done), i.n(j.total))}</td>
                    <td>{j.started_by}</td>
                    <td>{i.date_time(&j.created_at)}</td>
                    <td>{j.finished_at.map(|t| i.date_time(&t)).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! { <Table head>{rows}</Table> }.into_any()
}
