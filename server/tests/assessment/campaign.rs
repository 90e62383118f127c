//! A campaign for Kota Manna's puskesmas (12 people): raters assigned at creation
//! and reviewed by the supervisor, forms filled and sent. Its closing and what the
//! results show are `results`, on the scene built here.

use super::support::{backends, count, seeded};
use super::*;
use app::assessment::model::{CampaignForm, PeerChoice, Source};
use app::assessment::service::{campaigns, closing, peers};
use app::server::entities::campaign;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub(super) fn choice(campaign_id: i32, ratee_id: i32, rater_id: i32) -> PeerChoice {
    PeerChoice {
        campaign_id,
        ratee_id,
        rater_id,
    }
}

fn form(unit: i32) -> CampaignForm {
    CampaignForm::suggested(
        "Penilaian Puskesmas",
        "2026-11-01",
        "2099-12-31",
        vec![unit],
    )
}

/// The people of the scene and the campaign they are in.
pub(super) struct Scene {
    pub(super) db: DatabaseConnection,
    pub(super) hr: Actor,
    pub(super) kapus: Actor,
    pub(super) nurse: Actor,
    /// The nurse's employee id.
    pub(super) me: i32,
    pub(super) nurses: Vec<i32>,
    pub(super) doctors: Vec<i32>,
    pub(super) id: i32,
    /// The nurse's peers who answered, by name.
    pub(super) peer_names: Vec<String>,
}

/// A seeded database with the puskesmas campaign created (raters assigned).
pub(super) async fn created(db: DatabaseConnection) -> Scene {
    let db = seeded(db).await;
    let hr = by_name(&db, "hr.manna").await;
    let pkm = unit_id(&db, "KOTA-MANNA", "PKM-KOTA").await;
    let id = campaigns::create_now(&db, &hr, &form(pkm)).await.unwrap();
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
pub(super) async fn closed(db: DatabaseConnection) -> Scene {
    let s = answered(db).await;
    let done = closing::close(&s.db, &s.hr, s.id).await.unwrap();
    assert_eq!(done.ratees, 12);
    s
}

/// The nurse's first peer's form, as that peer opens it.
pub(super) async fn peer_form(s: &Scene) -> app::assessment::model::RatingForm {
    let row = rows_of(&s.db, s.id, s.me)
        .await
        .into_iter()
        .find(|r| r.source == Source::Peer)
        .unwrap();
    let peer = by_employee(&s.db, row.rater_id).await;
    forms::form(&s.db, &peer, row.id).await.unwrap()
}

/// The campaign started and answered as `closed` says, not yet closed.
pub(super) async fn answered(db: DatabaseConnection) -> Scene {
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
    s
}

#[tokio::test]
async fn raters_are_assigned_at_once_and_the_supervisor_reviews_peers_before_the_start() {
    for (backend, db) in backends("raters").await {
        let s = created(db).await;
        let mut bad = form(unit_id(&s.db, "KOTA-MANNA", "PKM-KOTA").await);
        bad.k = "2".into();
        let e = campaigns::create_now(&s.db, &s.hr, &bad).await.unwrap_err();
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
