//! The fair-assessor page (`/calibration`): per supervisor who rated in a closed
//! campaign, how generous they were beside the anonymous sources (leniency), how much
//! their ratings vary (spread) and within one person (halo), and how far their
//! ratees rate themselves above them; who stands out in the agency is flagged. HR
//! sees every supervisor, a unit leader those in their units, a supervisor their own.

use crate::calibration::api::get_calibration;
use crate::calibration::model::{CalibrationPage, RaterRow, Reach};
use crate::calibration::rules::can_flag;
use crate::i18n::{use_i18n, I18n, K};
use crate::ui::page::loaded;
use crate::ui::widgets::{Card, Page, Table};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn CalibrationPage() -> impl IntoView {
    let query = use_query_map();
    let campaign = move || query.read().get("campaign").and_then(|c| c.parse().ok());
    let data = Resource::new(campaign, get_calibration);
    view! {
        <Page title=K::CalibTitle subtitle=K::CalibSubtitle>
            {loaded(data, |page| view! { <CalibrationView page /> })}
        </Page>
    }
}

/// A signed figure to one decimal: "+0,6", "−0,4", and "0,0" for what rounds to 0.
fn signed(i: I18n, v: Option<f64>) -> String {
    match v.map(|v| (v * 10.0).round() / 10.0) {
        Some(v) if v > 0.0 => format!("+{}", i.dec(Some(v))),
        Some(v) if v < 0.0 => format!("−{}", i.dec(Some(-v))),
        Some(_) => i.dec(Some(0.0)),
        None => i.dec(None),
    }
}

#[component]
fn CalibrationView(page: CalibrationPage) -> impl IntoView {
    let i = use_i18n();
    let d = page.data;
    let Some((current, campaign)) = d.campaign.clone() else {
        return view! { <p class="empty">{i.t(K::NeedsNoCampaign)}</p> }.into_any();
    };
    let scope = match d.reach {
        Reach::Agency => K::CalibReachAgency,
        Reach::Units => K::CalibReachUnits,
        Reach::Own => K::CalibReachOwn,
    };
    view! {
        <nav class="chip-row" aria-label=i.t(K::DashCampaigns)>
            {d.campaigns.iter().map(|(id, name)| if *id == current {
                view! { <span class="chip chip-on">{name.clone()}</span> }.into_any()
            } else {
                view! { <a class="chip" href=format!("/calibration?campaign={id}")>{name.clone()}</a> }.into_any()
            }).collect_view()}
        </nav>
        <p class="muted small">{i.f(K::DashFrom, &[("campaign", campaign)])}" · "{i.t(scope)}</p>
        <div class="stats">
            <div class="stat"><span class="stat-n">{i.n(d.compared as i64)}</span>{i.t(K::CalibCompared)}</div>
            <div class="stat"><span class="stat-n">{signed(i, d.agency_leniency)}</span>{i.t(K::CalibAgencyLeniency)}</div>
            <div class="stat"><span class="stat-n">{i.n(d.rows.iter().filter(|r| r.flagged).count() as i64)}</span>{i.t(K::CalibFlaggedCount)}</div>
        </div>
        {(!can_flag(d.compared)).then(|| view! { <p class="alert alert-warn">{i.f(K::CalibFewCompared, &[("n", i.n(d.compared as i64))])}</p> })}
        {d.rows.is_empty().then(|| view! { <p class="empty">{i.t(K::CalibNone)}</p> })}
        {(!d.rows.is_empty()).then(|| view! {
            <div class="grid-2">
                <figure class="card chart">
                    <div class="chart-svg" data-testid="leniency-chart" inner_html=page.leniency_svg.clone()></div>
                    <figcaption class="small muted">{i.t(K::CalibChartCaption)}</figcaption>
                </figure>
                <Card title=K::CalibHowToRead>
                    <p class="small">{i.t(K::CalibHelpLeniency)}</p>
                    <p class="small">{i.t(K::CalibHelpHalo)}</p>
                    <p class="small">{i.t(K::CalibHelpFlag)}</p>
                    <p class="small muted">{i.t(K::CalibHelpLimits)}</p>
                </Card>
            </div>
            <RaterTable rows=d.rows.clone() />
        })}
    }
    .into_any()
}

#[component]
fn RaterTable(rows: Vec<RaterRow>) -> impl IntoView {
    let i = use_i18n();
    let label = move |k: K| i.t(k);
    let head = vec![
        (K::CalibSupervisor, ""),
        (K::CalibLeniency, "num"),
        (K::CalibRatees, "num"),
        (K::CalibSpread, "num"),
        (K::CalibHalo, "num"),
        (K::CalibSelfGap, "num"),
        (K::CalibZ, "num"),
    ];
    view! {
        <section class="card" data-testid="raters">
            <h2>{i.t(K::CalibTableTitle)}</h2>
            <Table stack=true head>
                {rows.into_iter().map(|r| {
                    let flag = r.flagged.then(|| {
                        let k = if r.z.unwrap_or(0.0) > 0.0 { K::CalibFlagLenient } else { K::CalibFlagHarsh };
                        view! { <span class="tag priority-tinggi">{i.t(k)}</span> }
                    });
                    view! {
                        <tr class:short=r.flagged>
                            <td>
                                {r.name.clone()}{r.is_me.then(|| view! { <span class="tag">{i.t(K::CalibYou)}</span> })}{flag}
                                <span class="small muted block">{r.position.clone()}</span>
                            </td>
                            <td class="num key" data-label=label(K::CalibLeniency)>{signed(i, r.leniency)}</td>
                            <td class="num" data-label=label(K::CalibRatees)>{i.n(r.ratees)}</td>
                            <td class="num" data-label=label(K::CalibSpread)>{i.dec(r.spread)}</td>
                            <td class="num" data-label=label(K::CalibHalo)>{i.dec(r.halo)}</td>
                            <td class="num" data-label=label(K::CalibSelfGap)>{signed(i, r.self_gap)}</td>
                            <td class="num" data-label=label(K::CalibZ)>{signed(i, r.z)}</td>
                        </tr>
                    }
                }).collect_view()}
            </Table>
        </section>
    }
}
