//! Fair assessors: the sums closing stores per supervisor, with exact figures on the
//! puskesmas scene, who may see whose, and the demo's lenient supervisor.

use super::campaign::closed;
use super::support::{backends, seeded};
use super::*;
use app::calibration::model::Reach;
use app::calibration::service::calibration;

fn near(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

#[tokio::test]
async fn a_supervisors_figures_come_from_what_they_gave_beside_the_others() {
    for (backend, db) in backends("calibration").await {
        let s = closed(db).await;
        // The head of the puskesmas rated the nurse 2 everywhere (peers 3, 3, 4: 10/3;
        // self 4) and the first doctor 3 (the lone peer below k, so no comparison;
        // self 5). Nobody else's forms were sent.
        let head = s.kapus.employee_id.unwrap();
        let seen = calibration(&s.db, &s.kapus, Some(s.id)).await.unwrap();
        assert_eq!(seen.reach, Reach::Units, "{backend}");
        let mine = seen
            .rows
            .iter()
            .find(|r| r.supervisor_id == head)
            .expect("own row");
        assert!(mine.is_me, "{backend}");
        assert_eq!(mine.ratees, 2, "{backend}");
        assert!(near(mine.leniency, 2.0 - 10.0 / 3.0), "{backend}: {mine:?}");
        assert!(near(mine.self_gap, 2.0), "{backend}: {mine:?}");
        assert!(near(mine.halo, 0.0), "{backend}: one level per person");
        assert!(
            mine.spread.is_some_and(|v| v > 0.0 && v <= 0.5),
            "{backend}"
        );
        assert_eq!(mine.z, None, "{backend}: two ratees are too few to compare");
        assert!(!mine.flagged, "{backend}");

        // HR sees the head too; the nurse, who rated nobody as supervisor, sees nothing.
        let hr = calibration(&s.db, &s.hr, Some(s.id)).await.unwrap();
        assert!(hr.rows.iter().any(|r| r.supervisor_id == head), "{backend}");
        let nurse = calibration(&s.db, &s.nurse, Some(s.id)).await.unwrap();
        assert_eq!(nurse.reach, Reach::Own, "{backend}");
        assert!(nurse.rows.is_empty(), "{backend}: {:?}", nurse.rows);
    }
}

#[tokio::test]
async fn the_demos_lenient_supervisor_leads_and_leaders_see_their_units_only() {
    for (backend, db) in backends("calibration_demo").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let all = calibration(&db, &hr, None).await.unwrap();
        assert_eq!(all.reach, Reach::Agency, "{backend}");
        // A small agency: too few supervisors compared for anyone to be flagged
        // (the page says so), but the lenient one leads the list, clearly generous.
        assert!(all.compared >= 2, "{backend}: {}", all.compared);
        assert!(
            !app::calibration::rules::can_flag(all.compared),
            "{backend}"
        );
        assert!(all.rows.iter().all(|r| !r.flagged), "{backend}");
        let first = &all.rows[0];
        assert!(first.leniency.unwrap() > 0.8, "{backend}: {:?}", all.rows);
        let others = all.rows[1..].iter().filter_map(|r| r.leniency);
        assert!(
            others.into_iter().all(|l| l < 0.5),
            "{backend}: {:?}",
            all.rows
        );

        // The head of Dinas Kesehatan sees the supervisors working in it, not the
        // head of Dinas Pendidikan.
        let leader = by_name(&db, "kadinkes.manna").await;
        let theirs = calibration(&db, &leader, None).await.unwrap();
        assert_eq!(theirs.reach, Reach::Units, "{backend}");
        assert!(!theirs.rows.is_empty(), "{backend}");
        assert!(theirs.rows.len() < all.rows.len(), "{backend}");
        let disdik = unit_id(&db, "KOTA-MANNA", "DISDIK").await;
        let q = format!("SELECT CAST(employee_id AS BIGINT) AS n FROM assignments WHERE unit_id = {disdik} AND is_head AND end_date IS NULL");
        let other = super::support::count(&db, &q).await as i32;
        assert!(
            all.rows.iter().any(|r| r.supervisor_id == other),
            "{backend}"
        );
        assert!(
            theirs.rows.iter().all(|r| r.supervisor_id != other),
            "{backend}"
        );
        // Another agency's campaign is not found.
        let makassar = by_name(&db, "hr.makassar").await;
        let theirs = calibration(&db, &makassar, None).await.unwrap();
        let foreign = theirs.campaign.map(|c| c.0);
        assert!(
            matches!(
                calibration(&db, &hr, foreign).await,
                Err(AppError::NotFound)
            ),
            "{backend}"
        );
    }
}
