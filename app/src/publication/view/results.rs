//! `/publik/:code`: an agency's published results, its latest snapshot (or the one
//! `?snapshot=` names): the agency's figures, the ranking of its units, the bands
//! and the trend as charts, every unit's figures, the honour list and how to check
//! the snapshot.

use super::figures::{figure, how, people};
use super::rankings::Rankings;
use super::satisfaction::Satisfaction;
use super::trust::{HonourList, Trust, Versions};
use crate::i18n::{use_i18n, K};
use crate::publication::api::published_snapshot;
use crate::publication::model::{Published, RankBy};
use crate::ui::page::loaded;
use crate::ui::widgets::{Card, Page, PageHead, Table};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn AgencyResultsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let key = Memo::new(move |_| {
        let code = params.with(|p| p.get("code").unwrap_or_default());
        let id = query.with(|q| q.get("snapshot").and_then(|s| s.parse::<i32>().ok()));
        (code, id)
    });
    let by = Memo::new(move |_| {
        query.with(|q| {
            q.get("urut")
                .and_then(|s| RankBy::from_code(&s))
                .unwrap_or(RankBy::Jpm)
        })
    });
    let data = Resource::new(move || key.get(), |(code, id)| published_snapshot(code, id));
    view! {
        <Page>
            {loaded(data, move |p| view! { <Results p by=by.get_untracked() /> })}
        </Page>
    }
}

#[component]
fn Results(p: Published, by: RankBy) -> impl IntoView {
    let i = use_i18n();
    let b = p.body.clone();
    let base = format!("/publik/{}?snapshot={}&", b.agency.code, p.id);
    let subtitle = i.f(
        K::PubResultsSubtitle,
        &[
            ("period", b.period.name.clone()),
            ("date", i.date_time(&b.published_at)),
            ("version", b.version.to_string()),
        ],
    );
    let latest = format!("/publik/{}", b.agency.code);
    let superseded = p.superseded_by.is_some();
    let (bands_chart, trend_chart) = (p.bands_chart.clone(), p.trend_chart.clone());
    view! {
        <PageHead title=b.agency.name.clone() subtitle />
        {superseded.then(|| view! {
            <div class="alert alert-warn" role="status" data-testid="superseded">{i.t(K::PubSuperseded)}" "<a href=latest.clone()>{i.t(K::PubSeeLatest)}</a></div>
        })}
        {b.reason.clone().map(|r| view! {
            <div class="alert alert-warn" role="status">{i.f(K::PubCorrectionNote, &[("version", b.version.to_string())])}" "<q>{r}</q></div>
        })}
        <Summary p=p.clone() />
        <Rankings body=b.clone() by base />
        <Satisfaction list=b.services.clone() />
        <Card title=K::PubChartsTitle>
            <div class="grid-2">
                {bands_chart.map(|svg| view! { <div class="chart-svg" inner_html=svg></div> })}
                {trend_chart.map(|svg| view! { <div class="chart-svg" inner_html=svg></div> })}
            </div>
            <p class="small muted">{i.f(K::PubBandsHow, &[("hi", i.dec(Some(b.rules.bands.0))), ("lo", i.dec(Some(b.rules.bands.1)))])}</p>
        </Card>
        <AllUnits p=p.clone() />
        <HonourList p=p.clone() />
        <Trust p=p.clone() />
        <Versions p />
        <Card title=K::PubCriteriaTitle help=K::PubCriteriaHelp>
            <a href="/public/standards">{i.t(K::PubCriteriaLink)}</a>
        </Card>
    }
}

/// The agency's own figures, each with how it was computed.
#[component]
fn Summary(p: Published) -> impl IntoView {
    let i = use_i18n();
    let b = p.body;
    let t = b.total.clone();
    let params = move |n: String| {
        vec![
            ("n", n),
            ("period", b.period.name.clone()),
            ("rules", b.rules.version.clone()),
            ("k", b.rules.min_group.to_string()),
        ]
    };
    let n = people(i, &t);
    let figures: Vec<RankBy> = RankBy::ALL
        .iter()
        .copied()
        .filter(|r| r.of(&t).is_some())
        .collect();
    view! {
        <Card title=K::PubSummaryTitle testid="summary">
            <dl class="figures">
                <div><dt>{i.t(K::PubPeopleAssessed)}</dt><dd class="key">{n.clone()}</dd></div>
                {figures.into_iter().map(|r| view! {
                    <div>
                        <dt>{i.t(r.label())}</dt>
                        <dd class="key">{figure(i, &t, r)}</dd>
                        <dd class="small muted">{i.f(how(r), &params(n.clone()).iter().map(|(k, v)| (*k, v.clone())).collect::<Vec<_>>())}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </Card>
    }
}

/// Every unit the page lists (`Published::listed`: a regency's thousands of schools
/// would make it megabytes), in tree order, with its figures or why they are withheld; the
/// whole tree is a link away, in the API's CSV.
#[component]
fn AllUnits(p: Published) -> impl IntoView {
    let i = use_i18n();
    let label = move |k: K| i.t(k);
    let below = p.unlisted;
    let rows: Vec<_> = p
        .body
        .tree()
        .into_iter()
        .map(|(d, u)| (d, u.clone()))
        .collect();
    let csv = format!(
        "/api/v1/agencies/{}/units?snapshot={}&format=csv",
        p.body.agency.code, p.id
    );
    view! {
        <Card title=K::PubAllUnitsTitle help=K::PubAllUnitsHelp testid="all-units">
            <Table stack=true head=vec![(K::PubUnit, ""), (K::PubPeople, "num"), (K::PubRankJpm, "num"), (K::PubRankMeeting, "num")]>
                {rows.into_iter().map(|(d, u)| view! {
                    <tr>
                        <td class=format!("depth-{}", d.min(4))>{u.name.clone()}</td>
                        <td class="num" data-label=label(K::PubPeople)>{people(i, &u.figures)}</td>
                        <td class="num key" data-label=label(K::PubRankJpm)>{figure(i, &u.figures, RankBy::Jpm)}</td>
                        <td class="num" data-label=label(K::PubRankMeeting)>{figure(i, &u.figures, RankBy::Meeting)}</td>
                    </tr>
                }).collect_view()}
            </Table>
            <p class="small">
                {(below > 0).then(|| i.f(K::PubUnitsBelow, &[("n", i.n(below as i64))]) + " ")}
                <a href=csv rel="external">{i.t(K::PubUnitsCsv)}</a>
            </p>
        </Card>
    }
}
