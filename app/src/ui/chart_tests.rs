//! Tests of the charts (`chart.rs`): escaping, numbers in the reader's language,
//! the 100 axis and point labels.

use crate::i18n::Lang;

#[test]
fn a_bar_chart_is_scalable_svg_with_every_label() {
    let rows = vec![
        ("Dinas Kesehatan".to_string(), 12.0),
        ("Dinas Pendidikan".to_string(), 30.0),
    ];
    let svg = super::hbar("Pegawai per unit", "Pegawai", &rows, "#0f766e", Lang::Id);
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
    let rows = vec![(evil.clone(), 3.0), ("Dinas".to_string(), 5.0)];
    let labels = vec![evil.clone(), "Integritas".into(), "Kerja sama".into()];
    let series = [("Diukur", vec![3.0, 2.0, 4.0], "#0f766e")];
    for svg in [
        super::hbar("Pegawai <b>", "Pegawai", &rows, "#0f766e", Lang::Id),
        super::radar(&labels, &series, Lang::Id),
        super::line("Tren", &labels, &series, (Lang::Id, None)),
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
    assert_eq!(super::hbar("t", "s", &[], "#000", Lang::Id), "");
}

/// The text of every `<text>` element, in order.
fn texts(svg: &str) -> Vec<String> {
    svg.split("</text>")
        .filter_map(|t| t.rfind('>').map(|i| t[i + 1..].to_string()))
        .collect()
}

#[test]
fn chart_numbers_are_written_in_the_readers_language_and_a_share_stops_at_100() {
    let points = vec!["Penilaian 2025".to_string(), "Penilaian 2026".to_string()];
    let series = [("JPM %", vec![88.25, 90.1], "#0f766e")];
    let id = texts(&super::line(
        "JPM",
        &points,
        &series,
        (Lang::Id, Some(100.0)),
    ));
    assert!(id.contains(&"90,1".to_string()), "{id:?}");
    assert!(!id.iter().any(|t| t == "90.1"), "{id:?}");
    assert!(
        id.contains(&"100".to_string()),
        "the axis ends at 100: {id:?}"
    );
    assert!(
        !id.iter().any(|t| t.parse::<f64>().is_ok_and(|v| v > 100.0)),
        "{id:?}"
    );
    let en = texts(&super::line(
        "JPM",
        &points,
        &series,
        (Lang::En, Some(100.0)),
    ));
    assert!(en.contains(&"90.1".to_string()), "{en:?}");
    let rows = vec![("Dinas".to_string(), 12_500.0)];
    let bars = texts(&super::hbar("t", "s", &rows, "#000", Lang::Id));
    assert!(bars.contains(&"12.500".to_string()), "{bars:?}");
    // Text that is not a number is left alone, whatever it contains.
    assert_eq!(Lang::Id.renumber("v1.2"), None);
    assert_eq!(Lang::Id.renumber("1.2.3"), None);
    assert_eq!(Lang::Id.renumber("80%").as_deref(), Some("80\u{a0}%"));
}

#[test]
fn point_labels_keep_what_tells_them_apart() {
    let names = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let two = names(&["Penilaian Kompetensi 2025", "Penilaian Kompetensi 2026"]);
    let shown = |v: &[String]| {
        v.iter()
            .map(|s| s.trim_end_matches(super::NOT_A_FIGURE).to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(shown(&super::distinct(&two)), names(&["2025", "2026"]));
    let one = names(&["Penilaian Kompetensi 2025"]);
    assert_eq!(shown(&super::distinct(&one)), names(&["Penilaian Kompe…"]));
    let same = names(&["Penilaian 2025", "Penilaian"]);
    let kept = names(&["Penilaian 2025", "Penilaian"]);
    assert_eq!(shown(&super::distinct(&same)), kept);
    // A year is a label, not a figure: it is never written "2.025".
    let series = [("JPM %", vec![90.0, 95.0], "#000")];
    let svg = super::line("t", &two, &series, (Lang::Id, None));
    assert!(
        texts(&svg).iter().any(|t| t.trim().starts_with("2025")),
        "{svg}"
    );
    assert!(!svg.contains("2.025"));
}

#[test]
fn bars_below_zero_draw_left_of_the_axis() {
    let rows = vec![("Dinas".to_string(), -0.5), ("Kota".to_string(), 1.25)];
    let bars = texts(&super::hbar("t", "s", &rows, "#000", Lang::Id));
    assert!(bars.contains(&"-0,5".to_string()), "{bars:?}");
    assert!(bars.contains(&"0".to_string()), "{bars:?}");
}
