//! Every chart of the application, drawn in this one place on the server with
//! charts-rs and sent as SVG text, so the chart library never enters the browser's
//! WASM. Services return figures; a page's server function hands them here and
//! sends the page with its charts (each page's set is drawn in `ui/page_charts.rs`). The SVG carries a viewBox; CSS scales it to the
//! screen width, so charts are drawn narrow (about 440 units) with large type: on a
//! 390 px phone their text still reads at 12 px or more. Numbers in them are written
//! as the reader's language writes them (`i18n::format`).

#[cfg(feature = "ssr")]
use crate::i18n::Lang;

/// A horizontal bar chart of labelled figures (long unit names read well sideways).
#[cfg(feature = "ssr")]
pub fn hbar(title: &str, series: &str, rows: &[(String, f64)], color: &str, lang: Lang) -> String {
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
        .map(|r| format!("{}\u{a0}\u{a0}{NOT_A_FIGURE}", shorten(&r.0, 22)))
        .collect();
    let values: Vec<f32> = rows.iter().rev().map(|r| r.1 as f32).collect();
    let mut s = Series::new(series.to_string(), values);
    s.label_show = true;
    let mut chart = HorizontalBarChart::new(vec![s], labels);
    chart.width = WIDTH;
    chart.height = 100.0 + 36.0 * rows.len() as f32;
    chart.title.text = title.to_string();
    chart.legend.show = Some(false);
    chart.series.colors = vec![Color::from(color)];
    legible(&mut chart);
    finish(chart.svg().unwrap_or_default(), lang)
}

/// A radar of required against measured levels (1–5) per competency code.
#[cfg(feature = "ssr")]
pub fn radar(labels: &[String], series: &[(&str, Vec<f32>, &str)], lang: Lang) -> String {
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
        .map(|(name, values, _)| Series::new(legend_name(name), values.clone()))
        .collect();
    let mut chart = RadarChart::new(list, indicators);
    chart.width = WIDTH;
    chart.height = 400.0;
    chart.series.colors = series.iter().map(|(_, _, c)| Color::from(*c)).collect();
    legible(&mut chart);
    finish(chart.svg().unwrap_or_default(), lang)
}

/// A line chart of one or more series over labelled points (campaigns), its value
/// axis ending at `max` when given (and no value is above it).
#[cfg(feature = "ssr")]
pub fn line(
    title: &str,
    points: &[String],
    series: &[(&str, Vec<f32>, &str)],
    (lang, max): (Lang, Option<f32>),
) -> String {
    use charts_rs::{Color, LineChart, Series};
    if points.is_empty() {
        return String::new();
    }
    let list: Vec<Series> = series
        .iter()
        .map(|(name, values, _)| {
            let mut s = Series::new(legend_name(name), values.clone());
            s.label_show = true;
            s
        })
        .collect();
    let highest = series
        .iter()
        .flat_map(|s| s.1.iter())
        .fold(0.0f32, |a, &b| a.max(b));
    let mut chart = LineChart::new(list, distinct(points));
    chart.width = WIDTH;
    chart.height = 300.0;
    chart.title.text = title.to_string();
    chart.series.colors = series.iter().map(|(_, _, c)| Color::from(*c)).collect();
    chart.series.label.formatter = "{:.1}".into();
    // One series needs no legend (the title says what it is); it would sit on the
    // labels of values near the top.
    chart.legend.show = Some(series.len() > 1);
    legible(&mut chart);
    if let Some(axis) = chart.y_axis_configs.first_mut() {
        axis.font.size = FONT;
        if let Some(max) = max.filter(|m| highest <= *m) {
            // Steps of a fifth: 0, 20, 40 … 100.
            (axis.min, axis.max, axis.split_number) = (Some(0.0), Some(max), 5);
        }
    }
    finish(chart.svg().unwrap_or_default(), lang)
}

/// The width every chart is drawn at (its viewBox), and its text size: a 390 px
/// phone shows the chart about 350 px wide, so text reads at 12 px or more.
#[cfg(feature = "ssr")]
const WIDTH: f32 = 440.0;
#[cfg(feature = "ssr")]
const FONT: f32 = 15.0;

/// A series' name in the legend, with room after it: charts-rs places the next
/// entry by Roboto's widths, and the browser's fallback face is wider.
#[cfg(feature = "ssr")]
fn legend_name(name: &str) -> String {
    format!("{name}\u{a0}\u{a0}\u{a0}")
}

/// Large type for every text of a chart.
#[cfg(feature = "ssr")]
fn legible(chart: &mut charts_rs::ChartBase) {
    chart.title.font.size = FONT + 1.0;
    chart.legend.font.size = FONT;
    chart.x_axis.font.size = FONT;
    chart.series.label.font.size = FONT;
}

/// The SVG as sent: charts-rs measures text with its bundled Roboto, so browsers
/// without it fall back to a sans-serif face, not to serif; and every number is
/// written as the reader's language writes it.
#[cfg(feature = "ssr")]
fn finish(svg: String, lang: Lang) -> String {
    let svg = svg.replace(
        "font-family=\"Roboto\"",
        "font-family=\"Roboto, system-ui, sans-serif\"",
    );
    localise_numbers(&svg, lang)
}

/// Rewrites each `<text>` whose whole content is a number (charts-rs writes
/// "90.1", "1200", "100%") in `lang`'s way: "90,1", "1.200", "100 %".
#[cfg(feature = "ssr")]
fn localise_numbers(svg: &str, lang: Lang) -> String {
    let mut out = String::with_capacity(svg.len() + 64);
    let mut rest = svg;
    while let Some(end) = rest.find("</text>") {
        let start = rest[..end].rfind('>').map_or(0, |i| i + 1);
        out.push_str(&rest[..start]);
        let text = &rest[start..end];
        out.push_str(&lang.renumber(text).unwrap_or_else(|| text.to_string()));
        out.push_str("</text>");
        rest = &rest[end + "</text>".len()..];
    }
    out.push_str(rest);
    out
}

/// Point labels that fit a phone: the words every label starts with are left out
/// ("Penilaian Kompetensi 2025", "… 2026" read "2025", "2026"; the page's table has
/// the full names), and what remains is shortened.
#[cfg(feature = "ssr")]
fn distinct(points: &[String]) -> Vec<String> {
    let words: Vec<Vec<&str>> = points
        .iter()
        .map(|p| p.split_whitespace().collect())
        .collect();
    let shortest = words.iter().map(Vec::len).min().unwrap_or(0);
    let common = (0..shortest)
        .take_while(|&i| words.iter().all(|w| w[i] == words[0][i]))
        .count();
    // Only when every label keeps a word of its own.
    let common = if points.len() > 1 && common < shortest {
        common
    } else {
        0
    };
    words
        .iter()
        .map(|w| format!("{}{NOT_A_FIGURE}", shorten(&w[common..].join(" "), 16)))
        .collect()
}

/// Ends a label that may look like a number ("2025") so `localise_numbers` leaves it
/// alone: an invisible word joiner.
#[cfg(feature = "ssr")]
const NOT_A_FIGURE: char = '\u{2060}';

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
#[path = "chart_tests.rs"]
mod tests;
