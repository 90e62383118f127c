//! The import file's checks, line by line and across the file.

use super::*;
use crate::people::job_level::JobLevel;

fn lookup() -> Lookup {
    Lookup {
        units: [("PKM".to_string(), 5), ("DINKES".to_string(), 1)].into(),
        positions: [
            ("PERAWAT".to_string(), (7, JobLevel::JfTerampil)),
            ("KAPUS".to_string(), (8, JobLevel::Pengawas)),
        ]
        .into(),
        nips: [("198001012005011001".to_string(), (40, 2))].into(),
        heads: [(5, "197001012000011001".to_string())].into(),
    }
}

const HEADER: &str = "nip;nama;jenis_kelamin;status;kode_unit;kode_jabatan;kepala_unit\n";

#[test]
fn lines_are_numbered_as_in_the_file_and_blank_lines_skipped() {
    let text = format!("{HEADER}198503122010012004;Siti;P;PNS;PKM;PERAWAT;\n\n199001012015031002;Budi;L;PPPK;pkm;perawat;tidak\n");
    let lines = read(&text, 2).unwrap();
    assert_eq!(
        lines.iter().map(|l| l.number).collect::<Vec<_>>(),
        vec![2, 4]
    );
    let (ok, errors) = check(&lines, 1, &lookup());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ok.len(), 2);
}

#[test]
fn a_missing_column_is_named() {
    let err = read("nip,nama\n1,2\n", 2).unwrap_err();
    assert_eq!(err[0].msg.key, "err.csv_missing_columns");
    assert!(err[0].msg.params[0].1.contains("kode_unit"));
}

#[test]
fn each_bad_line_gets_its_number_and_reason() {
    let text = format!(
        "{HEADER}19850312201001200;Siti;P;PNS;PKM;PERAWAT;\n\
         198503122010012004;Siti;P;PNS;XXX;PERAWAT;\n\
         198503122010012004;Siti Lagi;P;PNS;PKM;PERAWAT;\n\
         198001012005011001;Ani;L;PNS;PKM;PERAWAT;\n"
    );
    let (ok, errors) = check(&read(&text, 2).unwrap(), 1, &lookup());
    let got: Vec<(usize, &str, &str)> = errors
        .iter()
        .map(|e| (e.line.unwrap(), e.field.as_str(), e.msg.key.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (2, "nip", "err.nip_length"),
            (3, "kode_unit", "err.csv_unknown_unit"),
            (4, "nip", "err.csv_duplicate_nip"),
            (5, "nip", "err.nip_other_agency"),
        ]
    );
    assert!(ok.is_empty());
}

#[test]
fn a_unit_keeps_one_head() {
    // PKM already has a head who is not in the file: a second head is refused.
    let text = format!("{HEADER}198503122010011004;Budi;L;PNS;PKM;KAPUS;ya\n");
    let (_, errors) = check(&read(&text, 2).unwrap(), 1, &lookup());
    assert_eq!(errors[0].msg.key, "err.unit_has_head");
    // Moving the current head away in the same file frees the post.
    let text = format!(
        "{HEADER}198503122010011004;Budi;L;PNS;PKM;KAPUS;ya\n197001012000011001;Kepala Lama;L;PNS;DINKES;PERAWAT;tidak\n"
    );
    let (ok, errors) = check(&read(&text, 2).unwrap(), 1, &lookup());
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(ok.len(), 2);
}

#[test]
fn only_structural_positions_can_head_a_unit() {
    let text = format!("{HEADER}198503122010012004;Siti;P;PNS;DINKES;PERAWAT;ya\n");
    let (_, errors) = check(&read(&text, 2).unwrap(), 1, &lookup());
    assert_eq!(errors[0].msg.key, "err.head_needs_structural");
}

#[test]
fn cells_a_spreadsheet_would_run_are_exported_as_text_and_read_back_as_they_were() {
    use super::read::{for_spreadsheet, from_spreadsheet};
    for cell in [
        "=HYPERLINK(\"http://x\")",
        "+62 811",
        "-Budi",
        "@SUM(A1)",
        "\tTab",
        "\rCR",
    ] {
        let out = for_spreadsheet(cell.to_string());
        assert_eq!(out, format!("'{cell}"));
        assert_eq!(from_spreadsheet(&out), cell);
    }
    // A value that really starts with an apostrophe and a formula character survives.
    let odd = "'-Ain".to_string();
    assert_eq!(from_spreadsheet(&for_spreadsheet(odd.clone())), odd);
    // Ordinary cells, and an apostrophe a name really starts with, stay as they are.
    for cell in ["Siti Rahmawati", "'Ain", "199201012019032011"] {
        assert_eq!(for_spreadsheet(cell.to_string()), cell);
        assert_eq!(from_spreadsheet(cell), cell);
    }
}
