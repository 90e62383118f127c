//! Each page's charts, drawn from the figures its service returned, with the chart
//! kinds of `ui/chart.rs`. Server only: the chart library never enters the WASM.

use crate::i18n::{Lang, K};
use crate::ui::chart;

/// The HR overview's charts: headcount per top unit and per job level.
pub fn hr_overview(
    figures: crate::people::model::HrOverview,
    lang: Lang,
) -> crate::people::model::HrOverviewPage {
    let series = lang.text(K::HrEmployees);
    let units: Vec<(String, f64)> = figures
        .by_unit
        .iter()
        .map(|r| (r.label.clone(), r.count as f64))
        .collect();
    let levels: Vec<(String, f64)> = figures
        .by_level
        .iter()
        .map(|(level, n)| (lang.text(level.label()).to_string(), *n as f64))
        .collect();
    crate::people::model::HrOverviewPage {
        by_unit_svg: chart::hbar(lang.text(K::HrChartByUnit), series, &units, "#0f766e", lang),
        by_level_svg: chart::hbar(
            lang.text(K::HrChartByLevel),
            series,
            &levels,
            "#b45309",
            lang,
        ),
        figures,
    }
}

/// A dashboard's charts: required against measured levels per competency (by
/// code), and the JPM across the person's campaigns.
pub fn dashboard(
    d: crate::assessment::model::Dashboard,
    lang: Lang,
) -> crate::assessment::model::DashboardPage {
    let mut by_code: Vec<&crate::assessment::model::DashItem> = d.items.iter().collect();
    by_code.sort_by(|a, b| a.code.cmp(&b.code));
    let labels: Vec<String> = by_code.iter().map(|i| i.code.clone()).collect();
    let required: Vec<f32> = by_code.iter().map(|i| f32::from(i.required)).collect();
    let measured: Vec<f32> = by_code
        .iter()
        .map(|i| i.measured.unwrap_or(0.0) as f32)
        .collect();
    let radar_svg = chart::radar(
        &labels,
        &[
            (lang.text(K::DashRequired), required, "#94a3b8"),
            (lang.text(K::DashMeasured), measured, "#0f766e"),
        ],
        lang,
    );
    let points: Vec<String> = d.history.iter().map(|h| h.0.clone()).collect();
    let jpm: Vec<f32> = d
        .history
        .iter()
        .map(|h| h.1.unwrap_or(0.0) as f32)
        .collect();
    // A JPM is a share: its axis ends at 100 %.
    let progress_svg = chart::line(
        lang.text(K::DashProgressChart),
        &points,
        &[("JPM %", jpm, "#0f766e")],
        (lang, Some(100.0)),
    );
    crate::assessment::model::DashboardPage {
        dashboard: d,
        radar_svg,
        progress_svg,
    }
}

/// The training-needs page's chart: the competencies by total shortfall (levels
/// lacking, summed over the people below their level).
pub fn needs(d: crate::training::model::Needs, lang: Lang) -> crate::training::model::NeedsPage {
    let rows: Vec<(String, f64)> = d
        .columns
        .iter()
        .filter(|c| c.total.shortfall > 0.0)
        .take(12)
        .map(|c| {
            (
                format!("{} {}", c.code, c.name),
                (c.total.shortfall * 10.0).round() / 10.0,
            )
        })
        .collect();
    let ranking_svg = chart::hbar(
        lang.text(K::NeedsRankingChart),
        lang.text(K::NeedsShortfall),
        &rows,
        "#b91c1c",
        lang,
    );
    crate::training::model::NeedsPage {
        needs: d,
        ranking_svg,
    }
}

/// The fair-assessor page's chart: each shown supervisor's leniency (levels above or
/// below the anonymous sources), the furthest first, at most 15.
pub fn calibration(
    data: crate::calibration::model::Calibration,
    lang: Lang,
) -> crate::calibration::model::CalibrationPage {
    let mut rows: Vec<(String, f64)> = data
        .rows
        .iter()
        .filter_map(|r| Some((r.name.clone(), (r.leniency? * 100.0).round() / 100.0)))
        .collect();
    rows.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()));
    rows.truncate(15);
    let leniency_svg = chart::hbar(
        lang.text(K::CalibLeniencyChart),
        lang.text(K::CalibLeniency),
        &rows,
        "#0f766e",
        lang,
    );
    crate::calibration::model::CalibrationPage { data, leniency_svg }
}

/// A published snapshot's charts: the agency's people per JPM band (bands withheld
/// for fewer than five are left out), and its mean JPM across published periods.
pub fn publication(
    mut p: crate::publication::model::Published,
    lang: Lang,
) -> crate::publication::model::Published {
    let bands: Vec<(String, f64)> = p
        .body
        .bands
        .iter()
        .filter_map(|b| Some((lang.text(b.band.label()).to_string(), b.people? as f64)))
        .collect();
    // One band alone (the others withheld) is no distribution to draw.
    p.bands_chart = (bands.len() >= 2).then(|| {
        chart::hbar(
            lang.text(K::PubBandsChart),
            lang.text(K::PubPeople),
            &bands,
            "#0f766e",
            lang,
        )
    });
    let shown: Vec<&(String, Option<f64>)> = p.trend.iter().filter(|t| t.1.is_some()).collect();
    if shown.len() >= 2 {
        let points: Vec<String> = shown.iter().map(|t| t.0.clone()).collect();
        let values: Vec<f32> = shown.iter().map(|t| t.1.unwrap_or(0.0) as f32).collect();
        p.trend_chart = Some(chart::line(
            lang.text(K::PubTrendChart),
            &points,
            &[(lang.text(K::PubMeanJpm), values, "#1d4ed8")],
            (lang, Some(100.0)),
        ));
    }
    p
}

/// Where an ASN stands: their unit's spread of JPM in bars (their own bar named).
pub fn standing(
    mut s: crate::publication::model::Standing,
    lang: Lang,
) -> crate::publication::model::Standing {
    use crate::publication::view::standing::bin_label;
    let Some(spread) = s.place.as_ref().and_then(|p| p.spread.as_ref()) else {
        return s;
    };
    let you = lang.text(K::StandYou);
    let rows: Vec<(String, f64)> = spread
        .bins
        .iter()
        .map(|b| {
            let label = bin_label(b.from);
            let label = if b.mine {
                format!("{label} ({you})")
            } else {
                label
            };
            (label, f64::from(b.people))
        })
        .collect();
    s.chart = Some(chart::hbar(
        lang.text(K::StandChart),
        lang.text(K::PubPeople),
        &rows,
        "#0f766e",
        lang,
    ));
    s
}

/// HR's survey page: each service unit's IKM × 25 (units without respondents left out).
pub fn skm(
    mut o: crate::survey::model::SkmOverview,
    lang: Lang,
) -> crate::survey::model::SkmOverview {
    let rows: Vec<(String, f64)> = o
        .units
        .iter()
        .filter_map(|u| Some((u.name.clone(), u.converted?)))
        .collect();
    if !rows.is_empty() {
        o.chart = Some(chart::hbar(
            lang.text(K::SkmChart),
            lang.text(K::SkmConverted),
            &rows,
            "#1d4ed8",
            lang,
        ));
    }
    o
}
