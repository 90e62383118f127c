//! Every chart of the application, drawn in this one place on the server with
//! charts-rs and sent as SVG text, so the chart library never enters the browser's
//! WASM. Services return figures; a page's server function hands them here and
//! sends the page with its charts. The SVG carries a viewBox; CSS scales it to the
//! screen width.

#[cfg(feature = "ssr")]
use crate::i18n::{Lang, K};

/// The HR overview's charts: headcount per top unit and per job level.
#[cfg(feature = "ssr")]
pub fn hr_overview(
    figures: crate::people::model::HrOverview,
    lang: Lang,
) -> crate::people::model::HrOverviewPage {
    let series = lang.text(K::HrEmployees);
    let units: Vec<(String, i64)> = figures
        .by_unit
        .iter()
        .map(|r| (r.label.clone(), r.count))
        .collect();
    let levels: Vec<(String, i64)> = figures
        .by_level
        .iter()
        .map(|(level, n)| (lang.text(level.label()).to_string(), *n))
        .collect();
    crate::people::model::HrOverviewPage {
        by_unit_svg: hbar(lang.text(K::HrChartByUnit), series, &units, "#0f766e"),
        by_level_svg: hbar(lang.text(K::HrChartByLevel), series, &levels, "#b45309"),
        figures,
    }
}

/// A dashboard's charts: required against measured levels per competency (by
/// code), and the JPM across the person's campaigns.
#[cfg(feature = "ssr")]
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
    let radar_svg = radar(
        &labels,
        &[
            (lang.text(K::DashRequired), required, "#94a3b8"),
            (lang.text(K::DashMeasured), measured, "#0f766e"),
        ],
    );
    let points: Vec<String> = d.history.iter().map(|h| h.0.clone()).collect();
    let jpm: Vec<f32> = d
        .history
        .iter()
        .map(|h| h.1.unwrap_or(0.0) as f32)
        .collect();
    let progress_svg = line(
        lang.text(K::DashProgressChart),
        &points,
        &[("JPM %", jpm, "#0f766e")],
    );
    crate::assessment::model::DashboardPage {
        dashboard: d,
        radar_svg,
        progress_svg,
    }
}

/// A horizontal bar chart of labelled counts (long unit names read well sideways).
#[cfg(feature = "ssr")]
pub fn hbar(title: &str, series: &str, rows: &[(String, i64)], color: &str) -> String {
    use charts_rs::{Color, HorizontalBarChart, Series};
    if rows.is_empty() {
        return String::new();
    }
    // Top-down order on screen: charts-rs draws the first category at the bottom.
    // Two no-break spaces keep a label clear of the axis when the browser's fallback
    // face is wider than the Roboto the chart was measured with.
    let labels: Vec<String> = rows
        .iter()
        .rev()
        .map(|r| format!("{}\u{a0}\u{a0}", shorten(&r.0, 32)))
        .collect();
    let values: Vec<f32> = rows.iter().rev().map(|r| r.1 as f32).collect();
    let mut s = Series::new(series.to_string(), values);
    s.label_show = true;
    let mut chart = HorizontalBarChart::new(vec![s], labels);
    chart.width = 640.0;
    chart.height = 90.0 + 32.0 * rows.len() as f32;
    chart.title.text = title.to_string();
    chart.legend.show = Some(false);
    chart.series.colors = vec![Color::from(color)];
    fonts(chart.svg().unwrap_or_default())
}

/// A radar of required against measured levels (1–5) per competency code.
#[cfg(feature = "ssr")]
pub fn radar(labels: &[String], series: &[(&str, Vec<f32>, &str)]) -> String {
    use charts_rs::{Color, RadarChart, RadarIndicator, Series};
    if labels.len() < 3 {
        return String::new();
    }
    let indicators: Vec<RadarIndicator> = labels
        .iter()
        .map(|l| RadarIndicator {
            name: l.clone(),
            min: 0.0,
            max: 5.0,
        })
        .collect();
    let list: Vec<Series> = series
        .iter()
        .map(|(name, values, _)| Series::new(name.to_string(), values.clone()))
        .collect();
    let mut chart = RadarChart::new(list, indicators);
    chart.width = 520.0;
    chart.height = 440.0;
    chart.series.colors = series.iter().map(|(_, _, c)| Color::from(*c)).collect();
    fonts(chart.svg().unwrap_or_default())
}

/// A line chart of one or more series over labelled points (campaigns).
#[cfg(feature = "ssr")]
pub fn line(title: &str, points: &[String], series: &[(&str, Vec<f32>, &str)]) -> String {
    use charts_rs::{Color, LineChart, Series};
    if points.is_empty() {
        return String::new();
    }
    let list: Vec<Series> = series
        .iter()
        .map(|(name, values, _)| {
            let mut s = Series::new(name.to_string(), values.clone());
            s.label_show = true;
            s
        })
        .collect();
    let mut chart = LineChart::new(list, points.iter().map(|p| shorten(p, 40)).collect());
    chart.width = 640.0;
    chart.height = 320.0;
    chart.title.text = title.to_string();
    chart.series.colors = series.iter().map(|(_, _, c)| Color::from(*c)).collect();
    fonts(chart.svg().unwrap_or_default())
}

/// charts-rs measures text with its bundled Roboto; browsers without it should
/// fall back to a sans-serif face, not to serif.
#[cfg(feature = "ssr")]
fn fonts(svg: String) -> String {
    svg.replace(
        "font-family=\"Roboto\"",
        "font-family=\"Roboto, system-ui, sans-serif\"",
    )
}

#[cfg(feature = "ssr")]
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    #[test]
    fn a_bar_chart_is_scalable_svg_with_every_label() {
        let rows = vec![
            ("Dinas Kesehatan".to_string(), 12),
            ("Dinas Pendidikan".to_string(), 30),
        ];
        let svg = super::hbar("Pegawai per unit", "Pegawai", &rows, "#0f766e");
        assert!(svg.starts_with("<svg"));
        assert!(svg.contains("viewBox"));
        assert!(svg.contains("Dinas Kesehatan") && svg.contains("Dinas Pendidikan"));
        assert!(svg.contains(">30<") || svg.contains(">30.0<") || svg.contains("30"));
    }

    /// Labels are names HR typed; the SVG is put into the page as markup, so a name
    /// with markup in it must come out as text in every kind of chart.
    #[test]
    fn a_name_with_markup_is_escaped_in_every_chart() {
        let evil = "</text><script>alert(1)</script>".to_string();
        let rows = vec![(evil.clone(), 3), ("Dinas".to_string(), 5)];
        let labels = vec![evil.clone(), "Integritas".into(), "Kerja sama".into()];
        let series = [("Diukur", vec![3.0, 2.0, 4.0], "#0f766e")];
        for svg in [
            super::hbar("Pegawai <b>", "Pegawai", &rows, "#0f766e"),
            super::radar(&labels, &series),
            super::line("Tren", &labels, &series),
        ] {
            assert!(!svg.is_empty());
            assert!(!svg.contains("<script"), "{svg}");
            assert!(!svg.contains("</text><"), "{svg}");
            assert!(
                svg.contains("&lt;"),
                "the text is still there, escaped: {svg}"
            );
        }
    }

    #[test]
    fn no_data_draws_nothing() {
        assert_eq!(super::hbar("t", "s", &[], "#000"), "");
    }
}
