//! `/hr/skm` (HR): the citizen satisfaction index of each service unit for a year
//! (NRR per element, IKM, IKM × 25, band, respondents against the sample the
//! population needs), the responses held for review with count / exclude, and the
//! service units with their form and poster.

use crate::i18n::{use_i18n, I18n, K};
use crate::survey::api::{survey_overview, ReviewResponse};
use crate::survey::model::{ResponseState, ReviewedResponse, SkmOverview, UnitIkm, ELEMENT_KEYS};
use crate::survey::view::units::ServiceUnitsCard;
use crate::ui::page::loaded;
use crate::ui::widgets::{action_error, error_box, msg_for, Card, Page, SubmitButton, Table};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SkmHrPage() -> impl IntoView {
    let query = use_query_map();
    let year =
        Memo::new(move |_| query.with(|q| q.get("tahun").and_then(|y| y.parse::<i32>().ok())));
    // Each held response has its own forms (its errors stay under it); any decision
    // reloads the page's figures.
    let decided = RwSignal::new(0u32);
    let data = Resource::new(
        move || (year.get(), decided.get()),
        |(y, _)| survey_overview(y),
    );
    view! {
        <Page title=K::SkmHrTitle subtitle=K::SkmHrSubtitle>
            {loaded(data, move |o| view! { <Overview o decided /> })}
            <ServiceUnitsCard />
        </Page>
    }
}

#[component]
fn Overview(o: SkmOverview, decided: RwSignal<u32>) -> impl IntoView {
    let i = use_i18n();
    let year = o.year;
    view! {
        <form method="get" action="/hr/skm" class="filters-inline">
            <label>{i.t(K::SkmYear)}
                <select name="tahun">
                    {o.years.iter().map(|y| view! { <option value=y.to_string() selected=*y == year>{*y}</option> }).collect_view()}
                </select>
            </label>
            <button type="submit" class="button button-small">{i.t(K::SkmShow)}</button>
        </form>
        <Card title=K::SkmIndexTitle help=K::SkmIndexHelp testid="skm-index">
            {o.chart.clone().map(|svg| view! { <div class="chart-svg chart-half" inner_html=svg></div> })}
            {index_table(i, o.units.clone())}
            {o.units.iter().filter(|u| u.nrr.is_some()).map(|u| elements(i, u)).collect_view()}
        </Card>
        <Card title=K::SkmHeldTitle help=K::SkmHeldHelp testid="skm-held">
            {if o.held.is_empty() {
                view! { <p class="empty">{i.t(K::SkmHeldNone)}</p> }.into_any()
            } else {
                o.held.into_iter().map(|r| view! { <Held r decided /> }).collect_view().into_any()
            }}
        </Card>
    }
}

/// Respondents against the sample the population needs, as a sentence.
fn sample(i: I18n, u: &UnitIkm) -> String {
    match u.sample_needed {
        Some(need) if u.respondents >= need => i.f(K::SkmSampleEnough, &[("need", i.n(need))]),
        Some(need) => i.f(K::SkmSampleShort, &[("need", i.n(need))]),
        None => i.t(K::SkmSampleUnknown).to_string(),
    }
}

fn index_table(i: I18n, units: Vec<UnitIkm>) -> impl IntoView {
    let label = move |k: K| i.t(k);
    view! {
        <Table stack=true head=vec![(K::SkmServiceUnit, ""), (K::SkmRespondents, "num"), (K::SkmIkm, "num"), (K::SkmConverted, "num"), (K::SkmGrade, ""), (K::SkmHeldShort, "num")]>
            {units.into_iter().map(|u| view! {
                <tr>
                    <td class="key" data-label=label(K::SkmServiceUnit)>{u.name.clone()}<br /><span class="muted small">{u.unit_name.clone()}" · "{sample(i, &u)}</span></td>
                    <td class="num" data-label=label(K::SkmRespondents)>{i.n(u.respondents)}</td>
                    <td class="num" data-label=label(K::SkmIkm)>{i.fixed(u.ikm, 3)}</td>
                    <td class="num key" data-label=label(K::SkmConverted)>{i.fixed(u.converted, 2)}</td>
                    <td data-label=label(K::SkmGrade)>{u.grade.map(|g| format!("{} · {}", g.code(), i.t(g.label())))}</td>
                    <td class="num" data-label=label(K::SkmHeldShort)>{i.n(u.held)}</td>
                </tr>
            }).collect_view()}
        </Table>
    }
}

/// One unit's NRR per element, under a disclosure.
fn elements(i: I18n, u: &UnitIkm) -> impl IntoView {
    let nrr = u.nrr.unwrap_or_default();
    let label = move |k: K| i.t(k);
    view! {
        <details class="skm-elements">
            <summary>{i.f(K::SkmElementsOf, &[("unit", u.name.clone())])}</summary>
            <Table stack=true head=vec![(K::SkmElement, ""), (K::SkmNrr, "num"), (K::SkmWeighted, "num")]>
                {ELEMENT_KEYS.iter().zip(nrr).enumerate().map(|(n, ((name, _, _), v))| view! {
                    <tr>
                        <td data-label=label(K::SkmElement)>{format!("U{} ", n + 1)}{i.t(*name)}</td>
                        <td class="num" data-label=label(K::SkmNrr)>{i.fixed(Some(v), 2)}</td>
                        <td class="num" data-label=label(K::SkmWeighted)>{i.fixed(Some(v / 9.0), 3)}</td>
                    </tr>
                }).collect_view()}
            </Table>
            <p class="muted small">{i.t(K::SkmHowComputed)}</p>
        </details>
    }
}

#[component]
fn Held(r: ReviewedResponse, decided: RwSignal<u32>) -> impl IntoView {
    let i = use_i18n();
    let act = ServerAction::<ReviewResponse>::new();
    Effect::new(move |_| {
        if matches!(act.value().get(), Some(Ok(_))) {
            decided.update(|n| *n += 1);
        }
    });
    let errors = action_error(act);
    let answers = r
        .answers
        .iter()
        .map(|a| a.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let why = r
        .flag
        .map(|f| i.t(f.label()).to_string())
        .unwrap_or_default();
    let secs = r
        .fill_secs
        .map(|s| i.f(K::SkmFilledIn, &[("s", s.to_string())]))
        .unwrap_or_default();
    let reason_id = format!("reason-{}", r.id);
    view! {
        <section class="held" data-testid="held-response">
            <p><strong>{r.unit_name.clone()}</strong>" · "{i.date_time(&r.submitted_at)}" · "
                <span class="tag">{i.t(r.state.label())}</span></p>
            <p class="small">{why}" "{secs}</p>
            <p class="small">{i.t(K::SkmAnswers)}": "<code>{answers}</code></p>
            {r.suggestion.clone().map(|s| view! { <blockquote class="small">{s}</blockquote> })}
            {r.reason.clone().map(|s| view! { <p class="muted small">{i.t(K::SkmReason)}": "{s}</p> })}
            {error_box(errors)}
            {(r.state == ResponseState::Held).then(|| view! {
                <div class="inline-forms">
                    <ActionForm action=act attr:class="inline-form">
                        <input type="hidden" name="id" value=r.id.to_string() />
                        <input type="hidden" name="count" value="true" />
                        <SubmitButton pending=act.pending() label=K::SkmCount />
                    </ActionForm>
                    <ActionForm action=act attr:class="inline-form">
                        <input type="hidden" name="id" value=r.id.to_string() />
                        <input type="hidden" name="count" value="false" />
                        <label for=reason_id.clone() class="sr-only">{i.t(K::SkmReason)}</label>
                        <input id=reason_id name="reason" placeholder=i.t(K::SkmReasonHint) minlength="10" maxlength="500" required />
                        <SubmitButton pending=act.pending() label=K::SkmExclude />
                    </ActionForm>
                </div>
                <p class="field-error">{move || msg_for(errors, "reason").get()}</p>
            })}
        </section>
    }
}
