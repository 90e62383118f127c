//! The audit chain.

use super::*;

#[tokio::test]
async fn the_audit_chain_detects_an_edited_or_deleted_row() {
    for (backend, db) in backends("audit_tamper").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        org::create_unit(&db, &hr, &form("A1", "Unit A1", None))
            .await
            .unwrap();
        org::create_unit(&db, &hr, &form("A2", "Unit A2", None))
            .await
            .unwrap();
        let Verdict::Intact { rows, .. } = verify(&db).await.unwrap() else {
            panic!("{backend}: intact expected")
        };
        assert!(rows >= 4, "{backend}");
        db.execute_unprepared("UPDATE audit_log SET summary = '{\"after\":{\"name\":\"forged\"}}' WHERE entity = 'unit' AND action = 'create' AND entity_id IN (SELECT CAST(id AS TEXT) FROM units WHERE code = 'A1')").await.unwrap();
        match verify(&db).await.unwrap() {
            Verdict::Broken { reason, .. } => {
                assert_eq!(reason, "row content altered", "{backend}")
            }
            v => panic!("{backend}: edit not detected: {v:?}"),
        }
    }
    for (backend, db) in backends("audit_truncate").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        org::create_unit(&db, &hr, &form("B1", "Unit B1", None))
            .await
            .unwrap();
        db.execute_unprepared("DELETE FROM audit_log WHERE id = (SELECT MAX(id) FROM audit_log)")
            .await
            .unwrap();
        assert!(
            matches!(verify(&db).await.unwrap(), Verdict::Broken { .. }),
            "{backend}: a removed last row must be detected"
        );
    }
}

/// Rewrites a chain as plain SHA-256 hashes (as before the chain was keyed, or as
/// someone without the key would), optionally forging its first record.
async fn rehash_plain(db: &DatabaseConnection, chain: i32, forge: bool) {
    use app::audit::service::{canonical, key};
    use app::server::entities::{audit_head, audit_log};
    use sea_orm::sea_query::Expr;
    use sea_orm::QueryOrder;
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::Chain.eq(chain))
        .order_by_asc(audit_log::Column::Seq)
        .all(db)
        .await
        .unwrap();
    let mut prev = app::audit::service::GENESIS.to_string();
    for mut r in rows {
        if forge && r.seq == 1 {
            r.summary = r#"{"forged":true}"#.into();
        }
        r.prev_hash = prev;
        r.hash = key::plain(&canonical(&r));
        prev = r.hash.clone();
        audit_log::Entity::update_many()
            .col_expr(audit_log::Column::Summary, Expr::value(r.summary))
            .col_expr(audit_log::Column::PrevHash, Expr::value(r.prev_hash))
            .col_expr(audit_log::Column::Hash, Expr::value(r.hash))
            .filter(audit_log::Column::Id.eq(r.id))
            .exec(db)
            .await
            .unwrap();
    }
    audit_head::Entity::update_many()
        .col_expr(audit_head::Column::Hash, Expr::value(prev))
        .filter(audit_head::Column::Chain.eq(chain))
        .exec(db)
        .await
        .unwrap();
}

/// Someone who can write the database rewrites a row and recomputes the chain as
/// plain SHA-256 hashes, links and head included: without the key it is still caught.
#[tokio::test]
async fn a_rewritten_row_with_recomputed_plain_hashes_is_still_caught() {
    for (backend, db) in backends("audit_rekeyed").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        org::create_unit(&db, &hr, &form("C1", "Unit C1", None))
            .await
            .unwrap();
        let chain = hr.agency_id.unwrap();
        rehash_plain(&db, chain, true).await;
        match verify(&db).await.unwrap() {
            Verdict::Broken { chain: c, seq, .. } => {
                assert_eq!((c, seq), (chain, 1), "{backend}: caught at the first row")
            }
            v => panic!("{backend}: a recomputed plain chain passed: {v:?}"),
        }
    }
}

/// A chain written before keys existed is keyed when the key is first created,
/// unless its plain hashes no longer check out.
#[tokio::test]
async fn a_legacy_plain_chain_is_keyed_once_if_it_checks_out() {
    use app::audit::service::key_legacy_chains;
    for (backend, db) in backends("audit_legacy").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        org::create_unit(&db, &hr, &form("D1", "Unit D1", None))
            .await
            .unwrap();
        let (manna, makassar) = (
            hr.agency_id.unwrap(),
            actor(&db, "hr.makassar").await.agency_id.unwrap(),
        );
        rehash_plain(&db, 0, false).await;
        rehash_plain(&db, manna, false).await;
        rehash_plain(&db, makassar, false).await;
        // Makassar's plain chain is edited afterwards, without recomputing.
        db.execute_unprepared(&format!(
            "UPDATE audit_log SET summary = '{{}}' WHERE chain = {makassar} AND seq = 1"
        ))
        .await
        .unwrap();
        let broken = key_legacy_chains(&db).await.unwrap();
        assert_eq!(
            broken,
            vec![makassar],
            "{backend}: the forged chain is not keyed"
        );
        match verify(&db).await.unwrap() {
            Verdict::Broken { chain, .. } => assert_eq!(chain, makassar, "{backend}"),
            v => panic!("{backend}: {v:?}"),
        }
    }
}

/// The first key a database meets is recorded by fingerprint; a server with any other
/// key is refused rather than writing rows nobody could verify.
#[tokio::test]
async fn a_database_keyed_with_another_key_is_refused() {
    use app::audit::service::key::bind;
    for (backend, db) in backends("audit_bind").await {
        // A check run before any writer records nothing.
        assert!(bind(&db, false, false).await.is_ok(), "{backend}");
        let recorded = count(&db, "SELECT COUNT(*) AS n FROM audit_keys").await;
        assert_eq!(recorded, 0, "{backend}");
        assert_eq!(
            bind(&db, false, true).await.unwrap(),
            Vec::<i32>::new(),
            "{backend}"
        );
        assert!(
            bind(&db, false, true).await.is_ok(),
            "{backend}: the same key again"
        );
        db.execute_unprepared("UPDATE audit_keys SET fingerprint = 'another key'")
            .await
            .unwrap();
        assert!(bind(&db, false, true).await.is_err(), "{backend}");
        assert!(
            bind(&db, false, false).await.is_err(),
            "{backend}: nor checks with it"
        );
    }
}
