//! The measured effect of training (`/training/effect`): per programme and
//! competency it builds, participants' change of gap between two campaigns against
//! non-participants who started at the same gap, with both groups' sizes, shown only
//! when each has at least five people; and a sentence on what that does and does
//! not prove.

use crate::i18n::{use_i18n, K};
use crate::training::api::get_effects;
use crate::training::model::EffectRow;
use crate::training::rules::MIN_GROUP;
use crate::ui::page::loaded;
use crate::ui::widgets::{Page, Table};
use leptos::prelude::*;

#[component]
pub fn EffectPage() -> impl IntoView {
    let i = use_i18n();
    let data = Resource::new(|| (), |_| get_effects());
    view! {
        <Page title=K::EffectTitle subtitle=K::EffectSubtitle>
            <p class="alert alert-info">{i.f(K::EffectMeaning, &[("min", MIN_GROUP.to_string())])}</p>
            {loaded(data, move |rows| if rows.is_empty() {
                view! { <p class="empty">{i.t(K::EffectNone)}</p> }.into_any()
            } else {
                view! { <Effects rows /> }.into_any()
            })}
        </Page>
    }
}

#[component]
fn Effects(rows: Vec<EffectRow>) -> impl IntoView {
    let i = use_i18n();
    let label = move |k: K| i.t(k);
    let signed = move |v: Option<f64>| match v {
        Some(x) if x > 0.0 => format!("+{}", i.dec(Some(x))),
        other => i.dec(other),
    };
    view! {
        <Table stack=true testid="effects" head=vec![(K::TrProgramme, ""), (K::EffectMeasure, ""), (K::EffectCampaigns, ""), (K::EffectParticipants, "num"), (K::EffectOthers, "num"), (K::EffectResult, "num")]>
            {rows.into_iter().map(|r| {
                let measure = match &r.competency {
                    Some((code, name)) => format!("{code} {name}"),
                    None => i.t(K::EffectLeniency).to_string(),
                };
                let result = match r.effect {
                    Some(e) => view! { <strong>{signed(Some(e))}</strong> }.into_any(),
                    None => view! { <span class="muted">{i.f(K::EffectTooFew, &[("min", MIN_GROUP.to_string())])}</span> }.into_any(),
                };
                view! {
                    <tr>
                        <td><a href=format!("/training/programmes/{}", r.programme_id)>{r.programme.clone()}</a></td>
                        <td data-label=label(K::EffectMeasure)>{measure}</td>
                        <td data-label=label(K::EffectCampaigns)>{format!("{} → {}", r.before, r.after)}</td>
                        <td class="num" data-label=label(K::EffectParticipants)>{r.participants}<span class="muted small">" ("{signed(r.change_participants)}")"</span></td>
                        <td class="num" data-label=label(K::EffectOthers)>{r.others}<span class="muted small">" ("{signed(r.change_others)}")"</span></td>
                        <td class="num key" data-label=label(K::EffectResult)>{result}</td>
                    </tr>
                }
            }).collect_view()}
        </Table>
        <p class="small muted">{i.t(K::EffectHow)}</p>
    }
}
