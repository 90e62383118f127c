//! The audit chain and the login lock.

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

#[tokio::test]
async fn failed_logins_lock_the_account_for_a_while_and_logout_ends_the_session() {
    for (backend, db) in backends("login").await {
        let db = seeded(db).await;
        use app::auth::service::{actor_for_session, login, logout};
        for _ in 0..5 {
            let e = login(&db, "pegawai.manna", "salah-sandi", "10.0.0.1")
                .await
                .err()
                .unwrap();
            assert_eq!(keys(&e), vec!["err.login_failed"], "{backend}");
        }
        let e = login(&db, "pegawai.manna", "cakap2026", "10.0.0.2")
            .await
            .err()
            .unwrap();
        assert!(
            matches!(e, AppError::RateLimited { retry_after_minutes } if retry_after_minutes >= 14),
            "{backend}: {e:?}"
        );
        // Another account is not affected; the NIP works as the account name.
        let nip =
            employee::Entity::find_by_id(actor(&db, "kadinkes.manna").await.employee_id.unwrap())
                .one(&db)
                .await
                .unwrap()
                .unwrap()
                .nip;
        let ok = login(&db, &nip, "cakap2026", "10.0.0.2").await.unwrap();
        assert_eq!(ok.actor.username, "kadinkes.manna", "{backend}");
        let hash = app::auth::token::hash(&ok.token);
        assert!(
            actor_for_session(&db, &hash).await.unwrap().is_some(),
            "{backend}"
        );
        logout(&db, &hash).await.unwrap();
        assert!(
            actor_for_session(&db, &hash).await.unwrap().is_none(),
            "{backend}"
        );
    }
}
