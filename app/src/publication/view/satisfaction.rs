//! The agency's service units ranked by citizen satisfaction (IKM × 25) in the
//! snapshot's year, each with its respondents (withheld below five), its band, and
//! how the index is computed.

use crate::i18n::{use_i18n, K};
use crate::publication::model::ServiceFigures;
use crate::survey::model::Grade;
use crate::ui::widgets::Table;
use leptos::prelude::*;

#[component]
pub fn Satisfaction(list: Vec<ServiceFigures>) -> impl IntoView {
    let i = use_i18n();
    let Some(year) = list.first().map(|s| s.year) else {
        return ().into_any();
    };
    let label = move |k: K| i.t(k);
    let grade = move |s: &ServiceFigures| {
        let g = s.grade.as_deref().and_then(Grade::from_code);
        g.map(|g| format!("{} · {}", g.code(), i.t(g.label())))
            .unwrap_or_else(|| "–".into())
    };
    let mut rank = 0;
    view! {
        <section class="card" id="ikm" data-testid="ikm">
            <h2>{i.f(K::PubIkmTitle, &[("year", year.to_string())])}</h2>
            <p class="small muted">{i.t(K::PubIkmHelp)}</p>
            <Table stack=true head=vec![(K::PubRank, "num"), (K::SkmServiceUnit, ""), (K::SkmRespondents, "num"), (K::SkmConverted, "num"), (K::SkmGrade, "")]>
                {list.iter().map(|s| {
                    let shown = s.ikm.is_some();
                    rank += usize::from(shown);
                    view! {
                        <tr class:muted=!shown>
                            <td class="num" data-label=label(K::PubRank)>{if shown { rank.to_string() } else { "–".into() }}</td>
                            <td class="title">{s.name.clone()}<br /><span class="muted small">{s.unit.clone()}</span></td>
                            <td class="num" data-label=label(K::SkmRespondents)>{s.respondents.map_or_else(|| i.t(K::PubLessThan5).to_string(), |n| i.n(n as i64))}</td>
                            <td class="num key" data-label=label(K::SkmConverted)>{i.fixed(s.ikm, 2)}</td>
                            <td data-label=label(K::SkmGrade)>{grade(s)}</td>
                        </tr>
                    }
                }).collect_view()}
            </Table>
            <details class="how">
                <summary>{i.t(K::PubHowTitle)}</summary>
                <p class="small">{i.f(K::PubHowIkm, &[("year", year.to_string())])}</p>
            </details>
        </section>
    }
    .into_any()
}
