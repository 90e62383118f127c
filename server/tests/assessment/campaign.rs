//! A campaign for Kota Manna's puskesmas (12 people): raters assigned at creation
//! and reviewed by the supervisor, forms filled and sent, closing with the exact
//! measured levels, and dashboards only the right people may read.

use super::support::{backends, count, seeded};
use super::*;
use app::assessment::model::{CampaignForm, DropReason, DroppedSource, PeerChoice, Source};
use app::assessment::service::{campaigns, closing, peers, team};
use app::i18n::Lang;
use app::server::entities::campaign;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

fn choice(campaign_id: i32, ratee_id: i32, rater_id: i32) -> PeerChoice {
    PeerChoice {
        campaign_id,
        ratee_id,
        rater_id,
    }
}

fn form(unit: i32) -> CampaignForm {
    CampaignForm {
        name: "Penilaian Puskesmas".into(),
        starts_on: "2026-11-01".into(),
        ends_on: "2099-12-31".into(),
        unit_ids: vec![unit],
        w_self: "10".into(),
        w_supervisor: "50".into(),
        w_peer: "25".into(),
        w_subordinate: "15".into(),
        k: "3".into(),
        max_peers: "4".into(),
    }
}

/// The people of the scene and the campaign they are in.
struct Scene {
    db: DatabaseConnection,
    hr: Actor,
    kapus: Actor,
    nurse: Actor,
    /// The nurse's employee id.
    me: i32,
    nurses: Vec<i32>,
    doctors: Vec<i32>,
    id: i32,
    /// The nurse's peers who answered, by name.
    peer_names: Vec<String>,
}

/// A seeded database with the puskesmas campaign created (raters assigned).
async fn created(db: DatabaseConnection) -> Scene {
    let db = seeded(db).await;
    let hr = by_name(&db, "hr.manna").await;
    let pkm = unit_id(&db, "PKM-KOTA").await;
    let id = campaigns::create(&db, &hr, &form(pkm)).await.unwrap();
    let kapus = by_employee(&db, holders(&db, "KAPUS").await[0]).await;
    let nurse = by_name(&db, "pegawai.manna").await;
    Scene {
        me: nurse.employee_id.unwrap(),
        nurses: holders(&db, "PERAWAT-TRP").await,
        doctors: holders(&db, "DOKTER").await,
        db,
        hr,
        kapus,
        nurse,
        id,
        peer_names: vec![],
    }
}

/// The campaign answered and closed: the nurse rates herself 4, her supervisor
/// 2, her three peers 3, 3 and 4; the first doctor's lone peer and self answer too.
async fn closed(db: DatabaseConnection) -> Scene {
    let mut s = created(db).await;
    campaigns::start(&s.db, &s.hr, s.id).await.unwrap();
    let peer_levels = [3u8, 3, 4];
    for row in rows_of(&s.db, s.id, s.me).await {
        let who = by_employee(&s.db, row.rater_id).await;
        let level = match row.source {
            Source::SelfRating => 4,
            Source::Supervisor => 2,
            _ => {
                s.peer_names.push(who.display_name.clone());
                peer_levels[s.peer_names.len() - 1]
            }
        };
        answer(&s.db, &who, row.id, level, true).await.unwrap();
    }
    for row in rows_of(&s.db, s.id, s.doctors[0]).await {
        let who = by_employee(&s.db, row.rater_id).await;
        let level = if row.source == Source::SelfRating {
            5
        } else {
            3
        };
        answer(&s.db, &who, row.id, level, true).await.unwrap();
    }
    let done = closing::close(&s.db, &s.hr, s.id).await.unwrap();
    assert_eq!(done.ratees, 12);
    s
}

#[tokio::test]
async fn raters_are_assigned_at_once_and_the_supervisor_reviews_peers_before_the_start() {
    for (backend, db) in backends("raters").await {
        let s = created(db).await;
        let mut bad = form(unit_id(&s.db, "PKM-KOTA").await);
        bad.k = "2".into();
        let e = campaigns::create(&s.db, &s.hr, &bad).await.unwrap_err();
        assert_eq!(e.fields()[0].field, "k", "{backend}");
        let q = format!(
            "SELECT COUNT(*) AS n FROM campaign_ratees WHERE campaign_id = {}",
            s.id
        );
        assert_eq!(count(&s.db, &q).await, 12, "{backend}");

        // Self, the head as supervisor, the three other nurses as peers.
        let rows = rows_of(&s.db, s.id, s.me).await;
        let sources: Vec<Source> = rows.iter().map(|r| r.source).collect();
        use Source::*;
        assert_eq!(
            sources,
            vec![SelfRating, Supervisor, Peer, Peer, Peer],
            "{backend}"
        );
        assert_eq!(Some(rows[1].rater_id), s.kapus.employee_id, "{backend}");
        let peers_ok = rows
            .iter()
            .filter(|r| r.source == Peer)
            .all(|r| r.rater_id != s.me && s.nurses.contains(&r.rater_id));
        assert!(peers_ok, "{backend}");

        // The supervisor reviews peers before the start; nobody rates themself as a peer.
        let plan = peers::plans(&s.db, &s.kapus).await.unwrap();
        assert!(
            plan.iter()
                .any(|p| p.ratee_id == s.me && p.peers.len() == 3),
            "{backend}"
        );
        let out = rows[4].rater_id;
        peers::remove_peer(&s.db, &s.kapus, choice(s.id, s.me, out))
            .await
            .unwrap();
        let e = peers::add_peer(&s.db, &s.kapus, choice(s.id, s.me, s.me))
            .await
            .unwrap_err();
        assert_eq!(e.fields()[0].field, "rater_id", "{backend}");
        let e = peers::add_peer(&s.db, &s.nurse, choice(s.id, s.me, s.doctors[0]))
            .await
            .err();
        assert_eq!(e, Some(AppError::Forbidden), "{backend}");
        peers::add_peer(&s.db, &s.kapus, choice(s.id, s.me, out))
            .await
            .unwrap();

        campaigns::start(&s.db, &s.hr, s.id).await.unwrap();
        let after = peers::plans(&s.db, &s.kapus).await.unwrap();
        assert!(after.is_empty(), "{backend}: peer lists close at the start");
        assert!(matches!(
            peers::add_peer(&s.db, &s.kapus, choice(s.id, s.me, s.doctors[1])).await,
            Err(AppError::Conflict(_))
        ));
    }
}

#[tokio::test]
async fn forms_are_the_rater_s_own_saved_as_drafts_and_sent_once_by_the_deadline() {
    for (backend, db) in backends("forms").await {
        let s = created(db).await;
        campaigns::start(&s.db, &s.hr, s.id).await.unwrap();
        let rows = rows_of(&s.db, s.id, s.me).await;
        let e = forms::form(&s.db, &s.hr, rows[0].id).await.err();
        assert_eq!(e, Some(AppError::Forbidden), "{backend}: not even HR");
        let todo = forms::todo(&s.db, &s.nurse).await.unwrap();
        assert!(
            todo.iter().any(|t| t.rater_row == rows[0].id && t.open),
            "{backend}"
        );
        answer(&s.db, &s.nurse, rows[0].id, 4, false).await.unwrap();
        answer(&s.db, &s.nurse, rows[0].id, 4, true).await.unwrap();
        assert!(
            matches!(
                answer(&s.db, &s.nurse, rows[0].id, 4, true).await,
                Err(AppError::Conflict(_))
            ),
            "{backend}: submit once"
        );
        // A missing level blocks submission, naming the competency's field.
        let other = rows_of(&s.db, s.id, s.nurses[1]).await[0].clone();
        let rater = by_employee(&s.db, other.rater_id).await;
        let err = forms::save(&s.db, &rater, other.id, &[], true)
            .await
            .unwrap_err();
        assert!(err.fields()[0].field.starts_with("level_"), "{backend}");

        // The deadline is enforced, and HR can extend it.
        let yesterday = app::server::db::today() - chrono::Duration::days(1);
        campaign::Entity::update_many()
            .col_expr(campaign::Column::EndsOn, Expr::value(yesterday))
            .filter(campaign::Column::Id.eq(s.id))
            .exec(&s.db)
            .await
            .unwrap();
        assert!(matches!(
            answer(&s.db, &rater, other.id, 3, false).await,
            Err(AppError::Conflict(_))
        ));
        campaigns::extend(&s.db, &s.hr, s.id, "2099-12-31")
            .await
            .unwrap();
        answer(&s.db, &rater, other.id, 3, false).await.unwrap();
        let detail = campaigns::detail(&s.db, &s.hr, s.id).await.unwrap();
        assert!(detail.missing.iter().any(|m| m.open_forms > 0), "{backend}");
        let pkm = detail
            .completion
            .iter()
            .find(|u| u.unit == "Puskesmas Kota Manna")
            .unwrap();
        assert!(
            pkm.submitted > 0 && pkm.submitted < pkm.forms,
            "{backend}: {pkm:?}"
        );
    }
}

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
        let page = app::ui::chart::dashboard(d, Lang::Id);
        assert!(page.radar_svg.starts_with("<svg") && page.progress_svg.starts_with("<svg"));

        // Below k: the doctor's single peer is dropped, said so, and their comment withheld.
        let doctor = by_employee(&s.db, s.doctors[0]).await;
        let doc = dashboard_of(&s.db, &doctor, None, Some(s.id))
            .await
            .unwrap();
        let m1 = item(&doc, "M.1");
        let lone = DroppedSource(Source::Peer, DropReason::BelowK, 1);
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
