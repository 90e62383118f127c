//! The training-needs page's tables: competencies ranked by total shortfall (beside
//! their chart), and the opened unit's people with what each falls short in.

use crate::i18n::{use_i18n, K};
use crate::training::model::{NeedsColumn, PersonNeeds};
use crate::ui::widgets::{Card, Table};
use leptos::prelude::*;

#[component]
pub fn Ranking(columns: Vec<NeedsColumn>, svg: String) -> impl IntoView {
    let i = use_i18n();
    let label = move |k: K| i.t(k);
    view! {
        <Card title=K::NeedsRanking help=K::NeedsRankingHelp testid="ranking">
            <div class="grid-2">
            <div class="chart-svg" inner_html=svg></div>
            <Table stack=true head=vec![(K::StdCompetency, ""), (K::NeedsShortfall, "num"), (K::NeedsBelow, "num"), (K::NeedsShare, "num"), (K::NeedsMeanGap, "num")]>
                {columns.into_iter().map(|c| view! {
                    <tr>
                        <td>{c.code.clone()}" "{c.name.clone()}</td>
                        <td class="num key" data-label=label(K::NeedsShortfall)>{i.dec(Some(c.total.shortfall))}</td>
                        <td class="num" data-label=label(K::NeedsBelow)>{i.n(c.total.below)}" / "{i.n(c.total.people)}</td>
                        <td class="num" data-label=label(K::NeedsShare)>{i.pct(c.total.share())}</td>
                        <td class="num" data-label=label(K::NeedsMeanGap)>{i.dec(c.total.mean_gap())}</td>
                    </tr>
                }).collect_view()}
            </Table>
            </div>
        </Card>
    }
}

/// The opened unit's own staff with a shortfall, largest first; each opens the
/// person's dashboard (the server decides again who may read it).
#[component]
pub fn People(list: Vec<PersonNeeds>, more: usize) -> impl IntoView {
    let i = use_i18n();
    let label = move |k: K| i.t(k);
    view! {
        <section class="card" id="people" data-testid="needs-people">
            <h2>{i.t(K::NeedsPeopleTitle)}</h2>
            <p class="small muted">{i.t(K::NeedsPeopleHelp)}</p>
            {list.is_empty().then(|| view! { <p class="muted">{i.t(K::NeedsNoPeople)}</p> })}
            <Table stack=true head=vec![(K::EmployeeName, ""), (K::NeedsGaps, ""), (K::NeedsShortfall, "num")]>
                {list.into_iter().map(|p| view! {
                    <tr>
                        <td>
                            <a href=format!("/dashboard/{}", p.employee_id)>{p.name.clone()}</a>
                            <span class="small muted block">{p.nip.clone()}" · "{p.position.clone()}</span>
                        </td>
                        <td class="wide" data-label=label(K::NeedsGaps)>
                            <ul class="gap-list">
                                {p.gaps.into_iter().map(|g| view! {
                                    <li>
                                        {g.code.clone()}": "{g.required}" → "{i.dec(Some(g.measured))}
                                        " "<span class=format!("tag priority-{}", g.priority.code())>{i.t(g.priority.label())}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </td>
                        <td class="num key" data-label=label(K::NeedsShortfall)>{i.dec(Some(p.shortfall))}</td>
                    </tr>
                }).collect_view()}
            </Table>
            {(more > 0).then(|| view! { <p class="small muted">{i.f(K::NeedsPeopleMore, &[("n", i.n(more as i64))])}</p> })}
        </section>
    }
}
