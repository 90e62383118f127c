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
