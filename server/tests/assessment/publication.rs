//! Publishing results on the demo data: the chain and signatures (a changed byte or
//! two swapped snapshots are caught), the database refusing to change a snapshot, a
//! correction needing its reason, consent to the honour list given and revoked
//! (the name gone, the chain intact). Each on SQLite and PostgreSQL. (Random units
//! never giving away a small group: `publication_property`.)

use super::support::{backends, count, seeded};
use super::*;
use app::publication::model::{Body, ConsentKind, Problem};
use app::publication::service::{consent, honour, publish, read, signing, stored, verify};
use app::server::entities::{employee, snapshot};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseBackend};

/// The agency's snapshots, in chain order.
async fn chain(db: &DatabaseConnection, agency: i32) -> Vec<snapshot::Model> {
    snapshot::Entity::find()
        .filter(snapshot::Column::AgencyId.eq(agency))
        .order_by_asc(snapshot::Column::Sequence)
        .all(db)
        .await
        .unwrap()
}

/// Lets a test do what only an attacker with the database could: change snapshots.
async fn unfreeze(db: &DatabaseConnection) {
    let sql = match db.get_database_backend() {
        DatabaseBackend::Postgres => "ALTER TABLE snapshots DISABLE TRIGGER snapshots_frozen",
        _ => "DROP TRIGGER snapshots_no_update",
    };
    db.execute_unprepared(sql).await.unwrap();
}

/// The newest closed campaign HR may publish.
pub(super) async fn latest_closed(db: &DatabaseConnection, hr: &Actor) -> i32 {
    publish::publishable(db, hr).await.unwrap()[0].campaign_id
}

#[tokio::test]
async fn snapshots_are_chained_signed_and_a_changed_byte_is_caught() {
    for (backend, db) in backends("pub_chain").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let agency = agency_id(&db, "KOTA-MANNA").await;
        // The demo published 2025, 2026 and a correction of 2026: a chain of three.
        let before = chain(&db, agency).await;
        assert_eq!(before.len(), 3, "{backend}");
        assert_eq!(before[2].corrects_id, Some(before[1].id), "{backend}");
        // Publishing again is a correction and needs its reason.
        let c = latest_closed(&db, &hr).await;
        let e = publish::publish(&db, &hr, c, "short").await.unwrap_err();
        assert_eq!(e.fields()[0].field, "reason", "{backend}");
        let id = publish::publish(&db, &hr, c, "Satu penilaian atasan dimasukkan ulang.")
            .await
            .unwrap();
        let all = chain(&db, agency).await;
        assert_eq!(all.len(), 4, "{backend}");
        let new = all.last().unwrap();
        assert_eq!((new.id, new.version, new.sequence), (id, 3, 4), "{backend}");
        assert_eq!(
            new.previous_hash.as_deref(),
            Some(all[2].hash.as_str()),
            "{backend}"
        );
        let body: Body = serde_json::from_str(&new.body).unwrap();
        assert_eq!(
            body.previous_hash, new.previous_hash,
            "{backend}: the link is signed too"
        );
        // Every stored snapshot verifies, with the whole chain.
        let v = verify::verify_stored(&db, id).await.unwrap();
        assert!(v.problems.is_empty(), "{backend}: {:?}", v.problems);
        assert_eq!(v.chain_checked, 4, "{backend}");
        // Its file verifies offline under the public key, and not with a byte changed.
        let (_, text) = read::file(&db, id).await.unwrap();
        let key = signing::public_key().unwrap();
        assert!(verify::verify_file(&text, &key).1.is_empty(), "{backend}");
        let changed = text.replacen("\"mean_jpm\":", "\"mean_jpm\":1", 1);
        let (_, problems) = verify::verify_file(&changed, &key);
        assert!(problems.contains(&Problem::Hash) && problems.contains(&Problem::Signature));
        let other_key = hex::encode([9u8; 32]);
        assert!(
            !verify::verify_file(&text, &other_key).1.is_empty(),
            "{backend}"
        );
        // The database refuses to change or delete a published snapshot.
        let sql = format!("UPDATE snapshots SET reason = 'x' WHERE id = {id}");
        assert!(db.execute_unprepared(&sql).await.is_err(), "{backend}");
        let sql = format!("DELETE FROM snapshots WHERE id = {id}");
        assert!(db.execute_unprepared(&sql).await.is_err(), "{backend}");
        // Someone with the database's rights changes one byte of a stored body.
        unfreeze(&db).await;
        let first = &all[0];
        let schema = format!("\"schema\":{}", app::publication::rules::SCHEMA);
        let tampered = first.body.replacen(&schema, "\"schema\":9", 1);
        assert_ne!(tampered, first.body);
        let mut a: snapshot::ActiveModel = first.clone().into();
        a.body = sea_orm::Set(tampered);
        a.update(&db).await.unwrap();
        let v = verify::verify_stored(&db, first.id).await.unwrap();
        assert!(
            v.problems.contains(&Problem::Hash),
            "{backend}: {:?}",
            v.problems
        );
        // Any snapshot of the agency now reports the broken chain.
        let v = verify::verify_stored(&db, id).await.unwrap();
        assert_eq!(v.problems, vec![Problem::Chain], "{backend}");
    }
}

#[tokio::test]
async fn swapping_two_snapshots_breaks_the_chain() {
    for (backend, db) in backends("pub_swap").await {
        let db = seeded(db).await;
        let agency = agency_id(&db, "KOTA-MAKASSAR").await;
        let all = chain(&db, agency).await;
        let (a, b) = (&all[0], &all[1]);
        assert!(verify::verify_stored(&db, a.id)
            .await
            .unwrap()
            .problems
            .is_empty());
        unfreeze(&db).await;
        for (id, seq) in [(a.id, -1), (b.id, a.sequence), (a.id, b.sequence)] {
            let sql = format!("UPDATE snapshots SET sequence = {seq} WHERE id = {id}");
            db.execute_unprepared(&sql).await.unwrap();
        }
        let heads = stored::chain_of(&db, agency).await.unwrap();
        assert_eq!(verify::broken_links(&heads), vec![1, 2, 3], "{backend}");
        let v = verify::verify_stored(&db, a.id).await.unwrap();
        assert_eq!(v.problems, vec![Problem::Chain], "{backend}");
    }
}

#[tokio::test]
async fn consent_names_a_person_until_revoked_and_the_chain_still_holds() {
    for (backend, db) in backends("pub_consent").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        // The demo's correction named the two consenting people.
        let shown = read::published(&db, "KOTA-MANNA", None).await.unwrap();
        assert_eq!(shown.honour.len(), 2, "{backend}");
        assert_eq!(shown.body.honour.len(), 2, "{backend}");
        for e in &shown.honour {
            let entry = app::publication::rules::canonical(&serde_json::json!({
                "name": e.name, "position": e.position, "unit": e.unit, "jpm": e.jpm }));
            let c = honour::commitment(&e.salt, &entry);
            assert!(
                shown.body.honour.contains(&c),
                "{backend}: the commitment recomputes"
            );
        }
        // One of them revokes: gone from the page's data, the snapshot unchanged.
        let named = shown.honour[0].name.clone();
        let person = employee::Entity::find()
            .filter(employee::Column::Name.eq(named.clone()))
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let me = by_employee(&db, person.id).await;
        let given: Vec<ConsentKind> = consent::mine(&db, &me)
            .await
            .unwrap()
            .into_iter()
            .filter(|c| c.given)
            .map(|c| c.kind)
            .collect();
        assert_eq!(given, vec![ConsentKind::Honour]);
        consent::set(&db, &me, ConsentKind::Honour, false)
            .await
            .unwrap();
        let after = read::published(&db, "KOTA-MANNA", None).await.unwrap();
        assert_eq!(after.honour.len(), 1, "{backend}");
        assert!(after.honour.iter().all(|e| e.name != named), "{backend}");
        assert_eq!(after.hash, shown.hash, "{backend}");
        let v = verify::verify_stored(&db, after.id).await.unwrap();
        assert!(v.problems.is_empty(), "{backend}: {:?}", v.problems);
        let left = count(
            &db,
            &format!(
                "SELECT COUNT(*) AS n FROM snapshot_names WHERE employee_id = {}",
                person.id
            ),
        )
        .await;
        assert_eq!(
            left, 0,
            "{backend}: no entry of theirs stays beside any snapshot"
        );
        // A new publication no longer names them either.
        let c = latest_closed(&db, &hr).await;
        publish::publish(&db, &hr, c, "Nama yang ditarik tidak lagi dicantumkan.")
            .await
            .unwrap();
        let newest = read::published(&db, "KOTA-MANNA", None).await.unwrap();
        assert_eq!(newest.body.honour.len(), 1, "{backend}");
        assert!(newest.honour.iter().all(|e| e.name != named), "{backend}");
        let audited = count(
            &db,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'revoke_consent'",
        )
        .await;
        assert_eq!(audited, 1, "{backend}");
    }
}
