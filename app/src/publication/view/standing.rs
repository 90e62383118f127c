//! `/standing` (any ASN, logged in): where I stand in my unit's distribution, the
//! unit's named ranking when the agency shows one, and my consents to be named,
//! given and revoked here.

use crate::i18n::{use_i18n, I18n, K};
use crate::publication::api::{my_standing, SetConsent};
use crate::publication::model::{
    ConsentKind, ConsentState, NamedRank, Spread, Standing, UnitPlace,
};
use crate::ui::page::loaded;
use crate::ui::widgets::{action_error, Card, Page, SubmitButton, Table};
use leptos::prelude::*;

#[component]
pub fn StandingPage() -> impl IntoView {
    let act = ServerAction::<SetConsent>::new();
    let data = Resource::new(move || act.version().get(), |_| my_standing());
    let errors = action_error(act);
    let saved = Signal::derive(move || act.value().with(|v| matches!(v, Some(Ok(_)))));
    view! {
        <Page title=K::StandTitle subtitle=K::StandSubtitle errors=vec![errors] saved>
            {loaded(data, move |s| view! { <StandingView s act /> })}
        </Page>
    }
}

#[component]
fn StandingView(s: Standing, act: ServerAction<SetConsent>) -> impl IntoView {
    let i = use_i18n();
    view! {
        <Card title=K::StandPlace testid="standing">
            {match s.place {
                Some(p) => view! { <Place p chart=s.chart /> }.into_any(),
                None => view! { <p class="empty">{i.t(K::StandNone)}</p> }.into_any(),
            }}
        </Card>
        <Card title=K::StandNamed testid="named-ranking">
            {named(i, s.named_on, s.named)}
        </Card>
        <Card title=K::StandConsents help=K::StandConsentsHelp testid="consents">
            {s.consents.into_iter().map(|c| view! { <Consent c act /> }).collect_view()}
        </Card>
    }
}

#[component]
fn Place(p: UnitPlace, chart: Option<String>) -> impl IntoView {
    let i = use_i18n();
    let intro = i.f(
        K::StandIntro,
        &[
            ("campaign", p.campaign.clone()),
            ("unit", p.unit.clone()),
            ("n", i.n(p.people as i64)),
        ],
    );
    view! {
        <p>{intro}</p>
        <p class="big-figure"><strong>{i.dec(Some(p.jpm))}</strong>" "<span class="muted">{i.t(K::StandMyJpm)}</span></p>
        {match p.spread {
            Some(s) => view! { <SpreadView s chart /> }.into_any(),
            None => view! { <p class="muted">{i.t(K::StandWithheld)}</p> }.into_any(),
        }}
    }
}

#[component]
fn SpreadView(s: Spread, chart: Option<String>) -> impl IntoView {
    let i = use_i18n();
    let line = i.f(
        K::StandBelowAbove,
        &[
            ("below", s.below.to_string()),
            ("equal", s.equal.to_string()),
            ("above", s.above.to_string()),
        ],
    );
    let label = move |k: K| i.t(k);
    view! {
        <p data-testid="standing-line">{line}</p>
        {chart.map(|svg| view! { <div class="chart-svg chart-half" inner_html=svg></div> })}
        <Table head=vec![(K::StandJpmRange, ""), (K::PubPeople, "num")]>
            {s.bins.iter().map(|b| view! {
                <tr class:mine=b.mine>
                    <td data-label=label(K::StandJpmRange)>{bin_label(b.from)}
                        {b.mine.then(|| view! { " "<span class="tag">{i.t(K::StandYou)}</span> })}</td>
                    <td class="num key" data-label=label(K::PubPeople)>{b.people}</td>
                </tr>
            }).collect_view()}
        </Table>
    }
}

/// A bar's range as people read it: "< 50", "50–59", …, "90–100".
pub fn bin_label(from: u32) -> String {
    match from {
        0 => "< 50".into(),
        90 => "90–100".into(),
        f => format!("{f}–{}", f + 9),
    }
}

fn named(i: I18n, on: bool, list: Vec<NamedRank>) -> AnyView {
    if !on {
        return view! { <p class="muted">{i.t(K::StandNamedOff)}</p> }.into_any();
    }
    let label = move |k: K| i.t(k);
    view! {
        <p class="muted small">{i.t(K::StandNamedNote)}</p>
        {if list.is_empty() {
            view! { <p class="empty">{i.t(K::StandNamedEmpty)}</p> }.into_any()
        } else {
            view! {
                <Table stack=true head=vec![(K::PubRank, "num"), (K::PubName, ""), (K::StandJpm, "num")]>
                    {list.into_iter().map(|r| view! {
                        <tr class:mine=r.me>
                            <td class="num" data-label=label(K::PubRank)>{r.rank}</td>
                            <td class="key" data-label=label(K::PubName)>{r.name}</td>
                            <td class="num" data-label=label(K::StandJpm)>{i.dec(Some(r.jpm))}</td>
                        </tr>
                    }).collect_view()}
                </Table>
            }.into_any()
        }}
    }
    .into_any()
}

/// What a kind of consent lets Cakap do.
fn explains(kind: ConsentKind) -> K {
    match kind {
        ConsentKind::Honour => K::StandHonourExplain,
        ConsentKind::UnitRanking => K::StandUnitExplain,
    }
}

#[component]
fn Consent(c: ConsentState, act: ServerAction<SetConsent>) -> impl IntoView {
    let i = use_i18n();
    let status = match (&c.since, c.given) {
        (Some(t), true) => i.f(K::StandGivenSince, &[("date", i.date_time(t))]),
        (Some(t), false) => i.f(K::StandRevokedSince, &[("date", i.date_time(t))]),
        (None, _) => i.t(K::StandNeverGiven).to_string(),
    };
    view! {
        <section class="consent" data-testid=format!("consent-{}", c.kind.code())>
            <h3>{i.t(c.kind.label())}</h3>
            <p>{i.t(explains(c.kind))}</p>
            <p class=if c.given { "verdict-ok" } else { "muted" }>{status}</p>
            <ActionForm action=act attr:class="inline-form">
                <input type="hidden" name="kind" value=c.kind.code() />
                <input type="hidden" name="given" value=(!c.given).to_string() />
                <SubmitButton pending=act.pending() label=if c.given { K::StandRevoke } else { K::StandGive } />
            </ActionForm>
        </section>
    }
}
