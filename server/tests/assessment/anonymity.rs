//! Anonymity at rest: once a campaign closes, nothing in the database joins a peer
//! or a subordinate to what they answered, and their forms cannot be opened again;
//! peers come from the ratee's unit unless named with a reason.

use super::campaign::{choice, closed, created, peer_form};
use super::support::{backends, count};
use super::*;
use app::assessment::model::NamedPeer;
use app::assessment::service::{campaigns, peers};

#[tokio::test]
async fn after_closing_no_peer_can_be_joined_to_their_answers() {
    for (backend, db) in backends("sealed").await {
        let s = closed(db).await;
        let joined = |sources: &str| {
            format!(
                "SELECT COUNT(*) AS n FROM answers a JOIN campaign_raters r ON r.id = a.rater_row_id \
                 WHERE r.campaign_id = {} AND r.source IN ({sources})",
                s.id
            )
        };
        let anonymous = count(&s.db, &joined("'peer', 'subordinate'")).await;
        assert_eq!(anonymous, 0, "{backend}: peers' answers are gone");
        let named = count(&s.db, &joined("'self', 'supervisor'")).await;
        assert!(named > 0, "{backend}: self and supervisor answers stay");
        // No answer is left without a form either (nothing to re-link by position).
        let orphans = count(
            &s.db,
            "SELECT COUNT(*) AS n FROM answers a WHERE NOT EXISTS \
             (SELECT 1 FROM campaign_raters r WHERE r.id = a.rater_row_id)",
        )
        .await;
        assert_eq!(orphans, 0, "{backend}");
        // Comments are stored in the salted order, not in the raters' order.
        #[derive(sea_orm::FromQueryResult)]
        struct Ord {
            ord: i32,
        }
        let stmt = sea_orm::Statement::from_string(
            s.db.get_database_backend(),
            format!(
                "SELECT ord FROM result_comments WHERE campaign_id = {} ORDER BY id",
                s.id
            ),
        );
        use sea_orm::FromQueryResult;
        let ords: Vec<i32> = Ord::find_by_statement(stmt)
            .all(&s.db)
            .await
            .unwrap()
            .into_iter()
            .map(|o| o.ord)
            .collect();
        assert!(ords.len() >= 3, "{backend}: {ords:?}");
        assert!(ords.windows(2).all(|w| w[0] <= w[1]), "{backend}: {ords:?}");
        // The audit trail says a form was sent, never what it said.
        let leaky = count(
            &s.db,
            "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'rating_form' \
             AND (summary LIKE '%level%' OR summary LIKE '%comment%')",
        )
        .await;
        assert_eq!(leaky, 0, "{backend}");
        // A peer's own form, once closed, shows nothing, not even to them.
        let f = peer_form(&s).await;
        assert!(f.sealed && f.items.is_empty(), "{backend}: {f:?}");
        // The nurse's own form is hers and still readable.
        let own = rows_of(&s.db, s.id, s.me).await[0].clone();
        let f = forms::form(&s.db, &s.nurse, own.id).await.unwrap();
        assert!(
            !f.sealed && f.items.iter().all(|i| i.level == Some(4)),
            "{backend}"
        );
    }
}

/// Someone currently working in another unit of the agency.
async fn outsider(db: &DatabaseConnection, unit: &str) -> (i32, String) {
    let unit = unit_id(db, "KOTA-MANNA", unit).await;
    let a = assignment::Entity::current()
        .filter(assignment::Column::UnitId.eq(unit))
        .filter(assignment::Column::IsHead.eq(false))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    (a.employee_id, nip(db, a.employee_id).await)
}

#[tokio::test]
async fn peers_come_from_the_ratee_s_unit_or_are_named_with_a_reason() {
    for (backend, db) in backends("peer_rule").await {
        let s = created(db).await;
        let (stranger, stranger_nip) = outsider(&s.db, "BKPSDM").await;
        let e = peers::add_peer(&s.db, &s.kapus, choice(s.id, s.me, stranger))
            .await
            .unwrap_err();
        assert_eq!(e.fields()[0].msg.key, "err.peer_outside_unit", "{backend}");
        let named = |reason: &str| NamedPeer {
            campaign_id: s.id,
            ratee_id: s.me,
            nip: stranger_nip.clone(),
            reason: reason.into(),
        };
        // The puskesmas campaign allows more peers than the three assigned.
        let out = rows_of(&s.db, s.id, s.me).await[4].rater_id;
        peers::remove_peer(&s.db, &s.kapus, choice(s.id, s.me, out))
            .await
            .unwrap();
        let e = peers::add_named_peer(&s.db, &s.kapus, named("kenal"))
            .await
            .unwrap_err();
        assert_eq!(e.fields()[0].field, "reason", "{backend}");
        let reason = "Satu tim vaksinasi keliling setiap pekan";
        peers::add_named_peer(&s.db, &s.kapus, named(reason))
            .await
            .unwrap();
        let rows = rows_of(&s.db, s.id, s.me).await;
        assert!(rows.iter().any(|r| r.rater_id == stranger), "{backend}");
        let audited = count(
            &s.db,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'add_peer' \
             AND summary LIKE '%vaksinasi keliling%'",
        )
        .await;
        assert_eq!(audited, 1, "{backend}: the reason is on record");
        campaigns::start(&s.db, &s.hr, s.id).await.unwrap();
    }
}
