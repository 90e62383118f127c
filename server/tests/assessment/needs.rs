//! Training needs (AKPK) on the demo data: what closing stored per unit adds up to
//! the stored results, the page's rows and who may read which unit, and the exports.

use super::support::{backends, count, seeded};
use super::*;
use app::training::model::{NeedsQuery, NeedsRow};
use app::training::service::{export, needs};

/// The latest closed campaign of Kota Manna.
async fn latest(db: &DatabaseConnection) -> i64 {
    count(
        db,
        "SELECT CAST(MAX(c.id) AS BIGINT) AS n FROM campaigns c JOIN agencies a ON a.id = c.agency_id
         WHERE a.code = 'KOTA-MANNA' AND c.status = 'closed'",
    )
    .await
}

#[tokio::test]
async fn stored_needs_add_up_to_the_results() {
    for (backend, db) in backends("needs_sums").await {
        let db = seeded(db).await;
        let c = latest(&db).await;
        // Own-staff rows: every measured result once, those below, the levels lacking
        // (times 1000, rounded, to compare sums of doubles as whole numbers).
        let stored = |col: &str| {
            format!("SELECT CAST(ROUND(SUM({col}) * 1000) AS BIGINT) AS n FROM unit_needs WHERE campaign_id = {c} AND NOT with_below")
        };
        let measured = count(&db, &format!("SELECT COUNT(*) AS n FROM results WHERE campaign_id = {c} AND measured IS NOT NULL")).await;
        let below = count(&db, &format!("SELECT COUNT(*) AS n FROM results WHERE campaign_id = {c} AND measured < required_level")).await;
        let short = count(&db, &format!("SELECT CAST(ROUND(SUM(required_level - measured) * 1000) AS BIGINT) AS n FROM results WHERE campaign_id = {c} AND measured < required_level")).await;
        assert!(measured > 100 && below > 0, "{backend}: {measured} {below}");
        assert_eq!(
            count(&db, &stored("people")).await,
            measured * 1000,
            "{backend}"
        );
        assert_eq!(
            count(&db, &stored("below")).await,
            below * 1000,
            "{backend}"
        );
        assert_eq!(count(&db, &stored("shortfall")).await, short, "{backend}");
        // A top unit's rows hold its own staff and every unit below it: Dinas
        // Kesehatan is its staff, Bidang Yankes and the puskesmas.
        let dinkes = unit_id(&db, "KOTA-MANNA", "DINKES").await;
        let under = format!("SELECT id FROM units WHERE id = {dinkes} OR parent_id = {dinkes}");
        let whole = count(&db, &format!("SELECT SUM(people) AS n FROM unit_needs WHERE campaign_id = {c} AND with_below AND unit_id = {dinkes}")).await;
        let parts = count(&db, &format!("SELECT SUM(people) AS n FROM unit_needs WHERE campaign_id = {c} AND NOT with_below AND unit_id IN ({under})")).await;
        let direct = count(&db, &format!("SELECT COUNT(*) AS n FROM results r JOIN campaign_ratees t ON t.campaign_id = r.campaign_id AND t.employee_id = r.employee_id WHERE r.campaign_id = {c} AND r.measured IS NOT NULL AND t.unit_id IN ({under})")).await;
        assert!(whole > 0, "{backend}");
        assert_eq!(whole, parts, "{backend}");
        assert_eq!(whole, direct, "{backend}");
    }
}

fn row(rows: &[NeedsRow], unit: Option<i32>) -> &NeedsRow {
    rows.iter().find(|r| r.unit == unit).expect("row")
}

#[tokio::test]
async fn hr_sees_the_agency_and_a_leader_their_units_only() {
    for (backend, db) in backends("needs_scope").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let all = needs::needs(&db, &hr, NeedsQuery::default()).await.unwrap();
        assert!(all.agency_wide, "{backend}");
        assert_eq!(all.trail.len(), 1, "{backend}: nothing opened");
        assert!(
            all.people.is_empty(),
            "{backend}: people only in an opened unit"
        );
        let dinkes = unit_id(&db, "KOTA-MANNA", "DINKES").await;
        assert!(row(&all.rows, Some(dinkes)).has_below, "{backend}");
        // Columns ranked by total shortfall, and each total is its column's cells.
        let shorts: Vec<f64> = all.columns.iter().map(|c| c.total.shortfall).collect();
        assert!(
            shorts.windows(2).all(|w| w[0] >= w[1]),
            "{backend}: {shorts:?}"
        );
        for (n, col) in all.columns.iter().enumerate() {
            let sum: i64 = all.rows.iter().map(|r| r.cells[n].below).sum();
            assert_eq!(sum, col.total.below, "{backend}: {}", col.code);
        }

        // The head of Dinas Kesehatan opens on it: the units below, its own staff.
        let leader = by_name(&db, "kadinkes.manna").await;
        let mine = needs::needs(&db, &leader, NeedsQuery::default())
            .await
            .unwrap();
        assert!(!mine.agency_wide, "{backend}");
        assert_eq!(
            mine.trail.last().map(|t| t.0),
            Some(Some(dinkes)),
            "{backend}"
        );
        let pkm = unit_id(&db, "KOTA-MANNA", "PKM-KOTA").await;
        assert!(mine.rows.iter().any(|r| r.unit == Some(pkm)), "{backend}");
        assert!(
            mine.rows.iter().all(|r| r.unit != Some(dinkes)),
            "{backend}"
        );
        // The puskesmas opened: its people, each short somewhere, largest first.
        let q = NeedsQuery {
            unit: Some(pkm),
            ..Default::default()
        };
        let opened = needs::needs(&db, &leader, q).await.unwrap();
        assert!(!opened.people.is_empty(), "{backend}");
        assert!(opened
            .people
            .iter()
            .all(|p| p.shortfall > 0.0 && !p.gaps.is_empty()));
        let own = row(&opened.rows, None);
        let total: i64 = own.cells.iter().map(|c| c.below).sum();
        let listed: usize = opened.people.iter().map(|p| p.gaps.len()).sum();
        assert_eq!(
            total as usize, listed,
            "{backend}: every shortfall counted is listed"
        );

        // Another unit of the agency is refused, another agency's is not found.
        let disdik = unit_id(&db, "KOTA-MANNA", "DISDIK").await;
        let outside = NeedsQuery {
            unit: Some(disdik),
            ..Default::default()
        };
        assert!(
            matches!(
                needs::needs(&db, &leader, outside.clone()).await,
                Err(AppError::Forbidden)
            ),
            "{backend}"
        );
        assert!(
            matches!(
                export::plan(&db, &leader, outside).await,
                Err(AppError::Forbidden)
            ),
            "{backend}"
        );
        let makassar = unit_id(&db, "KOTA-MAKASSAR", "DINKES").await;
        let foreign = NeedsQuery {
            unit: Some(makassar),
            ..Default::default()
        };
        assert!(
            matches!(
                needs::needs(&db, &hr, foreign).await,
                Err(AppError::NotFound)
            ),
            "{backend}"
        );
        // An employee who leads nothing reads no unit's needs.
        let plain = by_name(&db, "pegawai.manna").await;
        assert!(
            matches!(
                needs::needs(&db, &plain, NeedsQuery::default()).await,
                Err(AppError::Forbidden)
            ),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn filters_narrow_the_figures() {
    for (backend, db) in backends("needs_filters").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let all = needs::needs(&db, &hr, NeedsQuery::default()).await.unwrap();
        let level = all.levels[0];
        let q = NeedsQuery {
            level: Some(level),
            ..Default::default()
        };
        let one = needs::needs(&db, &hr, q).await.unwrap();
        assert!(
            one.total.people > 0 && one.total.people < all.total.people,
            "{backend}"
        );
        let group = app::competency::model::CompetencyGroup::SosialKultural;
        let q = NeedsQuery {
            group: Some(group),
            ..Default::default()
        };
        let sk = needs::needs(&db, &hr, q).await.unwrap();
        let codes: Vec<&str> = sk.columns.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["SK.1"], "{backend}");
        // An unknown campaign is not found, never another agency's figures.
        let q = NeedsQuery {
            campaign: Some(999_999),
            ..Default::default()
        };
        assert!(
            matches!(needs::needs(&db, &hr, q).await, Err(AppError::NotFound)),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn the_akpk_files_hold_the_readers_units_only() {
    for (backend, db) in backends("needs_export").await {
        let db = seeded(db).await;
        let leader = by_name(&db, "kadinkes.manna").await;
        let plan = export::plan(&db, &leader, NeedsQuery::default())
            .await
            .unwrap();
        let (tx, mut rx) = tokio::sync::mpsc::channel(4);
        export::people(&db, &plan, app::i18n::Lang::Id, tx)
            .await
            .unwrap();
        let mut text = String::new();
        while let Some(part) = rx.recv().await {
            text.push_str(&String::from_utf8(part).unwrap());
        }
        let lines: Vec<&str> = text.lines().collect();
        assert!(
            lines[0].starts_with("NIP,Nama,Unit kerja,Jabatan"),
            "{backend}: {}",
            lines[0]
        );
        assert!(lines.len() > 2, "{backend}");
        let names = [
            "Dinas Kesehatan",
            "Bidang Pelayanan Kesehatan",
            "Puskesmas Kota Manna",
        ];
        for l in &lines[1..] {
            assert!(names.iter().any(|n| l.contains(n)), "{backend}: {l}");
        }
        // As many lines as shortfalls the stored figures count for the unit.
        let c = latest(&db).await;
        let dinkes = unit_id(&db, "KOTA-MANNA", "DINKES").await;
        let below = count(&db, &format!("SELECT SUM(below) AS n FROM unit_needs WHERE campaign_id = {c} AND with_below AND unit_id = {dinkes}")).await;
        assert_eq!(lines.len() as i64 - 1, below, "{backend}");
        // A line suggests a coming programme that builds its competency above the level
        // measured (the demo's catalogue builds M.5 to level 3).
        let m5: Vec<&&str> = lines.iter().filter(|l| l.contains("M.5 ")).collect();
        assert!(
            m5.iter().any(|l| l.contains("Pelayanan Publik Prima")),
            "{backend}: {m5:?}"
        );
        assert!(
            !lines
                .iter()
                .any(|l| !l.contains("M.5 ") && l.contains("Pelayanan Publik Prima")),
            "{backend}"
        );
        let units = export::units(&db, &plan, app::i18n::Lang::En)
            .await
            .unwrap();
        let units = String::from_utf8(units).unwrap();
        assert!(
            units.starts_with("Code,Unit name,Competency,"),
            "{backend}: {units}"
        );
        assert!(units.contains("DINKES,Dinas Kesehatan,"), "{backend}");
        assert!(!units.contains("DISDIK"), "{backend}");
    }
}
