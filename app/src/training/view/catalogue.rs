//! The catalogue (`/training`): every programme with what it builds, its JP, mode,
//! dates and seats; an employee asks for a seat from here (their supervisor then
//! decides); HR adds programmes, imports a file and opens one to manage its people.

use crate::i18n::{use_i18n, K};
use crate::training::api::{get_catalogue, RequestSeat};
use crate::training::model::{Builds, ProgrammeRow};
use crate::ui::page::loaded;
use crate::ui::widgets::{action_error, Page, SubmitButton, Table};
use leptos::prelude::*;

#[component]
pub fn CataloguePage() -> impl IntoView {
    let i = use_i18n();
    let request = ServerAction::<RequestSeat>::new();
    let data = Resource::new(move || request.version().get(), |_| get_catalogue());
    view! {
        <Page title=K::TrTitle subtitle=K::TrSubtitle errors=vec![action_error(request)]>
            // The links sit inside what the data drew: read outside it, the
            // resource is not there yet when the page hydrates.
            {loaded(data, move |c| view! {
                <nav class="chip-row">
                    <a class="chip" href="/training/mine">{i.t(K::TrMineLink)}</a>
                    {c.manage.then(|| view! {
                        <a class="chip" href="/training/new">{i.t(K::TrNew)}</a>
                        <a class="chip" href="/training/import">{i.t(K::TrImport)}</a>
                        <a class="chip" href="/training/pace">{i.t(K::PaceTitle)}</a>
                        <a class="chip" href="/training/effect">{i.t(K::EffectTitle)}</a>
                    })}
                </nav>
                {if c.programmes.is_empty() {
                    view! { <p class="empty">{i.t(K::TrNone)}</p> }.into_any()
                } else {
                    view! { <Programmes rows=c.programmes manage=c.manage ask=c.ask request /> }.into_any()
                }}
            })}
        </Page>
    }
}

/// "M.1 → 3, T.1 → 2": what a programme builds.
pub fn builds_text(b: &[Builds]) -> String {
    b.iter()
        .map(|b| format!("{} {} → {}", b.code, b.name, b.level))
        .collect::<Vec<_>>()
        .join(" · ")
}

#[component]
fn Programmes(
    rows: Vec<ProgrammeRow>,
    manage: bool,
    ask: bool,
    request: ServerAction<RequestSeat>,
) -> impl IntoView {
    let i = use_i18n();
    let label = move |k: K| i.t(k);
    view! {
        <Table stack=true testid="catalogue" head=vec![(K::TrProgramme, ""), (K::TrBuilds, ""), (K::TrJp, "num"), (K::TrDates, ""), (K::TrSeats, "num"), (K::TrYou, "")]>
            {rows.into_iter().map(|p| {
                let seats = format!("{} / {}", p.taken, p.capacity);
                let full = p.taken >= i64::from(p.capacity);
                view! {
                    <tr>
                        <td>
                            <a href=format!("/training/programmes/{}", p.id)>{p.name.clone()}</a>
                            <span class="muted small">" · "{i.t(p.mode.label())}" · "{p.provider.clone()}</span>
                            {p.for_assessors.then(|| view! { " "<span class="tag">{i.t(K::TrForAssessors)}</span> })}
                            {(manage && !p.active).then(|| view! { " "<span class="tag">{i.t(K::Inactive)}</span> })}
                        </td>
                        <td class="wide" data-label=label(K::TrBuilds)>{builds_text(&p.builds)}</td>
                        <td class="num key" data-label=label(K::TrJp)>{p.jp}</td>
                        <td data-label=label(K::TrDates)>{format!("{} – {}", i.date(&p.starts_on), i.date(&p.ends_on))}</td>
                        <td class="num" data-label=label(K::TrSeats)>{seats}</td>
                        <td data-label=label(K::TrYou)>{match p.mine {
                            Some(s) if !matches!(s, crate::training::model::EnrolStatus::Cancelled | crate::training::model::EnrolStatus::Returned) =>
                                view! { <span class=format!("tag tag-{}", s.code())>{i.t(s.label())}</span> }.into_any(),
                            _ if !p.open => view! { <span class="muted">{i.t(K::TrClosed)}</span> }.into_any(),
                            _ if full => view! { <span class="muted">{i.t(K::TrFull)}</span> }.into_any(),
                            _ if !ask => view! { <span class="muted">"–"</span> }.into_any(),
                            _ => view! {
                                <ActionForm action=request attr:class="inline-form">
                                    <input type="hidden" name="programme" value=p.id.to_string() />
                                    <SubmitButton pending=request.pending() label=K::TrAsk class="button-small" />
                                </ActionForm>
                            }.into_any(),
                        }}</td>
                    </tr>
                }
            }).collect_view()}
        </Table>
        <p class="small muted">{i.t(K::TrAskHelp)}</p>
    }
}
