//! Closing the puskesmas campaign: the exact measured levels, feedback without peer
//! names, dashboards only the right people may read, results never recomputed.

use super::campaign::closed;
use super::support::backends;
use super::*;
use app::assessment::model::{DropReason, DroppedSource, Source};
use app::assessment::service::{closing, team};
use app::i18n::Lang;
use sea_orm::ConnectionTrait;

#[tokio::test]
async fn closing_renormalises_the_weights_and_leaves_out_sources_below_k() {
    for (backend, db) in backends("closing").await {
        let s = closed(db).await;
        assert!(
            matches!(
                closing::close(&s.db, &s.hr, s.id).await,
                Err(AppError::Conflict(_))
            ),
            "{backend}: closes once"
        );
        let first = rows_of(&s.db, s.id, s.me).await[0].id;
        assert!(matches!(
            answer(&s.db, &s.nurse, first, 3, false).await,
            Err(AppError::Conflict(_))
        ));
        // The nurse's measured level: (4×10 + 2×50 + 10/3×25) / 85, subordinates absent.
        let d = dashboard_of(&s.db, &s.nurse, None, Some(s.id))
            .await
            .unwrap();
        let m1 = item(&d, "M.1");
        let expected = (40.0 + 100.0 + 25.0 * 10.0 / 3.0) / 85.0;
        assert!(
            (m1.measured.unwrap() - expected).abs() < 1e-9,
            "{backend}: {m1:?}"
        );
        assert_eq!(m1.self_level, Some(4.0), "{backend}");
        assert!(
            m1.dropped.is_empty(),
            "{backend}: no subordinates asked is not a dropped source"
        );
        assert_eq!(
            d.campaigns.len(),
            3,
            "{backend}: two demo campaigns and this one"
        );
        // Progress across campaigns: each one's summed shortfall, as its items add up.
        let mut short_somewhere = false;
        for (i, (id, name)) in d.campaigns.iter().enumerate() {
            let one = dashboard_of(&s.db, &s.nurse, None, Some(*id))
                .await
                .unwrap();
            let short: f64 = one
                .items
                .iter()
                .filter_map(|i| i.gap)
                .map(|g| g.max(0.0))
                .sum();
            short_somewhere |= short > 0.0;
            assert_eq!(&d.history[i].0, name, "{backend}");
            assert!(
                (d.history[i].2 - short).abs() < 1e-9,
                "{backend}: {name}: {:?} against {short}",
                d.history[i]
            );
        }
        assert!(short_somewhere, "{backend}: no shortfall to sum");
        let page = app::ui::page_charts::dashboard(d, Lang::Id);
        assert!(page.radar_svg.starts_with("<svg") && page.progress_svg.starts_with("<svg"));

        // Below k: the doctor's single peer is dropped, said so, and their comment withheld.
        let doctor = by_employee(&s.db, s.doctors[0]).await;
        let doc = dashboard_of(&s.db, &doctor, None, Some(s.id))
            .await
            .unwrap();
        let m1 = item(&doc, "M.1");
        // Said as "fewer than k" (3): how many answered is not told.
        let lone = DroppedSource(Source::Peer, DropReason::BelowK, 3);
        assert!(m1.dropped.contains(&lone), "{backend}: {:?}", m1.dropped);
        assert!((m1.measured.unwrap() - (5.0 * 10.0 + 3.0 * 50.0) / 60.0).abs() < 1e-9);
        let hidden = doc.feedback.iter().all(|f| f.source != Source::Peer);
        assert!(hidden, "{backend}: a lone peer's comment stays hidden");
    }
}

#[tokio::test]
async fn feedback_names_only_the_supervisor_and_no_peer_reaches_the_ratee() {
    for (backend, db) in backends("feedback").await {
        let s = closed(db).await;
        let d = dashboard_of(&s.db, &s.nurse, None, Some(s.id))
            .await
            .unwrap();
        let kapus = Some(s.kapus.display_name.as_str());
        let named = |f: &app::assessment::model::Feedback| {
            f.source == Source::Supervisor && f.author.as_deref() == kapus
        };
        assert!(d.feedback.iter().any(named), "{backend}");
        let anonymous =
            |f: &app::assessment::model::Feedback| f.source == Source::Peer && f.author.is_none();
        assert!(d.feedback.iter().any(anonymous), "{backend}");
        let text = serde_json::to_string(&d).unwrap();
        for name in &s.peer_names {
            assert!(
                !text.contains(name.as_str()),
                "{backend}: a peer's name reached the ratee"
            );
        }
    }
}

#[tokio::test]
async fn a_dashboard_is_read_by_the_person_their_supervisor_leaders_and_hr_only() {
    for (backend, db) in backends("dash_access").await {
        let s = closed(db).await;
        let own = dashboard_of(&s.db, &s.nurse, None, Some(s.id))
            .await
            .unwrap();
        let ids_of = |t: Vec<app::assessment::model::TeamMember>| {
            t.into_iter().map(|m| m.employee_id).collect::<Vec<_>>()
        };
        let leader = by_name(&s.db, "kadinkes.manna").await;
        assert!(
            ids_of(team::team(&s.db, &s.kapus).await.unwrap()).contains(&s.me),
            "{backend}"
        );
        assert!(
            ids_of(team::team(&s.db, &leader).await.unwrap()).contains(&s.me),
            "{backend}"
        );
        assert!(
            team::team(&s.db, &s.nurse).await.unwrap().is_empty(),
            "{backend}"
        );
        let colleague = by_employee(&s.db, s.nurses[1]).await;
        let other_hr = by_name(&s.db, "hr.makassar").await;
        for stranger in [&colleague, &other_hr] {
            let e = dashboard_of(&s.db, stranger, Some(s.me), None).await.err();
            assert_eq!(e, Some(AppError::Forbidden), "{backend}");
        }
        for reader in [&s.kapus, &s.hr, &leader] {
            let d = dashboard_of(&s.db, reader, Some(s.me), Some(s.id))
                .await
                .unwrap();
            assert_eq!(d.items, own.items, "{backend}");
        }
    }
}

#[tokio::test]
async fn closed_results_are_stored_and_never_recomputed() {
    for (backend, db) in backends("stored").await {
        let s = closed(db).await;
        let before = dashboard_of(&s.db, &s.nurse, None, Some(s.id))
            .await
            .unwrap();
        s.db.execute_unprepared("UPDATE answers SET level = 1")
            .await
            .unwrap();
        let after = dashboard_of(&s.db, &s.nurse, None, Some(s.id))
            .await
            .unwrap();
        assert_eq!(after.items, before.items, "{backend}");
    }
}
