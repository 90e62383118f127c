//! The ranking of the agency's top units by one figure (links switch the figure, so
//! it works without the page's script), each with its people, and how the figure is
//! computed under it.

use super::figures::{figure, how, people};
use crate::i18n::{use_i18n, K};
use crate::publication::model::{Body, RankBy, UnitFigures};
use crate::ui::widgets::{Card, Table};
use leptos::prelude::*;

#[component]
pub fn Rankings(body: Body, by: RankBy, base: String) -> impl IntoView {
    let i = use_i18n();
    let label = move |k: K| i.t(k);
    let choices: Vec<RankBy> = RankBy::ALL
        .iter()
        .copied()
        .filter(|r| body.units.iter().any(|u| r.of(&u.figures).is_some()) || *r == RankBy::Jpm)
        .collect();
    let ranked: Vec<UnitFigures> = body.ranked(by).into_iter().cloned().collect();
    let withheld: Vec<UnitFigures> = body
        .top_units()
        .into_iter()
        .filter(|u| u.figures.withheld.is_some())
        .cloned()
        .collect();
    let counted: u32 = ranked.iter().filter_map(|u| u.figures.people).sum();
    let explain = i.f(
        how(by),
        &[
            ("n", i.n(counted as i64)),
            ("period", body.period.name.clone()),
            ("rules", body.rules.version.clone()),
            ("k", body.rules.min_group.to_string()),
        ],
    );
    view! {
        <Card title=K::PubRankingTitle help=K::PubRankingHelp testid="ranking">
            <nav class="tabs" aria-label=i.t(K::PubRankBy)>
                {choices.into_iter().map(|r| {
                    let href = format!("{base}urut={}", r.code());
                    view! { <a href=href aria-current=(r == by).then_some("page")>{i.t(r.label())}</a> }
                }).collect_view()}
            </nav>
            <Table stack=true testid="ranking-table" head=vec![(K::PubRank, "num"), (K::PubUnit, ""), (K::PubPeople, "num"), (by.label(), "num")]>
                {ranked.iter().enumerate().map(|(n, u)| view! {
                    <tr>
                        <td class="num" data-label=label(K::PubRank)>{n + 1}</td>
                        <td class="title">{u.name.clone()}</td>
                        <td class="num" data-label=label(K::PubPeople)>{people(i, &u.figures)}</td>
                        <td class="num key" data-label=label(by.label())>{figure(i, &u.figures, by)}</td>
                    </tr>
                }).collect_view()}
                {withheld.iter().map(|u| view! {
                    <tr class="muted">
                        <td class="num" data-label=label(K::PubRank)>"–"</td>
                        <td class="title">{u.name.clone()}</td>
                        <td class="num" data-label=label(K::PubPeople)>{people(i, &u.figures)}</td>
                        <td class="num key" data-label=label(by.label())>{figure(i, &u.figures, by)}</td>
                    </tr>
                }).collect_view()}
            </Table>
            <details class="how" data-testid="how">
                <summary>{i.t(K::PubHowTitle)}</summary>
                <p>{explain}</p>
                <p class="small muted">{i.t(K::PubHowWithheld)}</p>
            </details>
        </Card>
    }
}
