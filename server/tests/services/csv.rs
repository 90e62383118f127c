//! The CSV import.

use super::*;

/// What to do with an import file: check it, or import it (optionally only the
/// valid lines).
fn part(write: bool, only_valid: bool) -> import::Part {
    import::Part {
        first_line: 2,
        write,
        only_valid,
    }
}

const HEADER: &str =
    "nip,nama,jenis_kelamin,status,kode_unit,kode_jabatan,kepala_unit,tanggal_mulai";

#[tokio::test]
async fn a_csv_with_bad_lines_saves_nothing_unless_the_valid_lines_are_chosen() {
    for (backend, db) in backends("csv_import").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let text = format!(
            "{HEADER}\n199201012019032011,Rina Puspita,P,PNS,PKM-KOTA,PERAWAT-TRP,tidak,2026-02-01\n\
             19920101201903201,Salah Panjang,P,PNS,PKM-KOTA,PERAWAT-TRP,,\n\
             199305052020121003,Joko Susilo,L,PPPK,TIDAK-ADA,PERAWAT-TRP,,\n\
             199305052020121013,Andi Wijaya,L,PPPK,DINKES,KADIS,ya,\n"
        );
        let before = count(&db, "SELECT COUNT(*) AS n FROM employees").await;
        let report = import::import(&db, &hr, &text, part(false, false))
            .await
            .unwrap();
        assert_eq!(
            (report.total, report.valid, report.to_create),
            (4, 1, 1),
            "{backend}"
        );
        let lines: Vec<(usize, &str)> = report
            .errors
            .iter()
            .map(|e| (e.line.unwrap(), e.msg.key.as_str()))
            .collect();
        assert_eq!(
            lines,
            vec![
                (3, "err.nip_length"),
                (4, "err.csv_unknown_unit"),
                (5, "err.unit_has_head")
            ],
            "{backend}"
        );
        let e = import::import(&db, &hr, &text, part(true, false))
            .await
            .unwrap_err();
        assert_eq!(e.fields().len(), 3, "{backend}");
        assert_eq!(
            count(&db, "SELECT COUNT(*) AS n FROM employees").await,
            before,
            "{backend}: nothing saved"
        );
        let done = import::import(&db, &hr, &text, part(true, true))
            .await
            .unwrap();
        assert!(done.imported, "{backend}");
        assert_eq!(
            count(&db, "SELECT COUNT(*) AS n FROM employees").await,
            before + 1,
            "{backend}"
        );
        // Names a spreadsheet would run as formulas are exported as text ...
        let nurse = actor(&db, "pegawai.manna").await.employee_id.unwrap();
        let rina = employee::Entity::find()
            .filter(employee::Column::Nip.eq("199201012019032011"))
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .id;
        for (id, name) in [
            (rina, "=HYPERLINK(\"http://evil.example\",\"Rina\")"),
            (nurse, "-Budi"),
        ] {
            employee::Entity::update_many()
                .col_expr(
                    employee::Column::Name,
                    sea_orm::sea_query::Expr::value(name),
                )
                .filter(employee::Column::Id.eq(id))
                .exec(&db)
                .await
                .unwrap();
        }
        let csv = import::export(&db, &hr).await.unwrap();
        assert!(
            csv.contains("\"'=HYPERLINK(\"\"http://evil.example"),
            "{backend}: {csv}"
        );
        assert!(!csv.contains(",=") && !csv.contains(",-Budi"), "{backend}");
        // ... and the export re-imports as "unchanged" line for line.
        let again = import::import(&db, &hr, &csv, part(false, false))
            .await
            .unwrap();
        assert!(again.errors.is_empty(), "{backend}: {:?}", again.errors);
        // The 45 demo employees of Kota Manna and the one imported above.
        assert_eq!((again.total, again.unchanged), (46, 46), "{backend}");
    }
}

/// Checking a file only reads: it must not wait for (or hold) the write lock, so a
/// large file can be checked while others save their changes.
#[tokio::test]
async fn checking_a_file_does_not_wait_for_the_write_lock() {
    for (backend, db) in backends("csv_check_lock").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let text = format!(
            "{HEADER}\n199201012019032011,Rina Puspita,P,PNS,PKM-KOTA,PERAWAT-TRP,tidak,\n"
        );
        // Another request is in the middle of a change.
        let writer = app::server::write_tx(&db).await.unwrap();
        let check = import::import(&db, &hr, &text, part(false, false));
        let report = tokio::time::timeout(std::time::Duration::from_secs(5), check)
            .await
            .unwrap_or_else(|_| panic!("{backend}: the check waited for the writer"))
            .unwrap();
        assert_eq!(report.valid, 1, "{backend}");
        writer.rollback().await.unwrap();
    }
}

/// The page imports a large file in parts of 1 000 lines, each its own transaction.
/// Stopped part-way (a dropped connection, a closed tab), nothing is half-written,
/// and sending the file again finishes it: the lines already in are unchanged and
/// nobody is created twice. This is why the import stays chunked rather than a job.
#[tokio::test]
async fn an_import_stopped_part_way_finishes_when_the_file_is_sent_again() {
    for (backend, db) in backends("csv_resume").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let mut rng = server::seed::Rng::new(5);
        let mut text = String::from(HEADER);
        for k in 0..1500u64 {
            let female = k % 2 == 0;
            // Serials far above the demo's, so no NIP repeats one of its people.
            let nip = server::seed::make_nip(&mut rng, female, 100_000 + k);
            let sex = if female { "P" } else { "L" };
            text.push_str(&format!(
                "\n{nip},Pegawai Uji {k},{sex},PNS,PKM-KOTA,PERAWAT-TRP,tidak,"
            ));
        }
        let parts = app::people::view::import::parts(&text, &Default::default());
        assert_eq!(parts.len(), 2, "{backend}");
        let employees = "SELECT COUNT(*) AS n FROM employees";
        let before = count(&db, employees).await;
        let part = |first: usize| import::Part {
            first_line: first,
            write: true,
            only_valid: false,
        };
        // The first part goes in, then the import stops.
        let (first, body) = &parts[0];
        import::import(&db, &hr, body, part(*first)).await.unwrap();
        assert_eq!(count(&db, employees).await, before + 1000, "{backend}");
        // Sent again from the start, as the page does.
        let (mut unchanged, mut created) = (0, 0);
        for (first, body) in &parts {
            let r = import::import(&db, &hr, body, part(*first)).await.unwrap();
            assert!(
                r.imported && r.errors.is_empty(),
                "{backend}: {:?}",
                r.errors
            );
            (unchanged, created) = (unchanged + r.unchanged, created + r.to_create);
        }
        assert_eq!((unchanged, created), (1000, 500), "{backend}");
        assert_eq!(count(&db, employees).await, before + 1500, "{backend}");
    }
}
