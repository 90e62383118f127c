//! Supervisors and who may read or change what.

use super::*;

/// HR's supervisor form.
fn sup(mode: &str, nip: &str, reason: &str) -> SupervisorForm {
    SupervisorForm {
        mode: mode.into(),
        supervisor_nip: nip.into(),
        reason: reason.into(),
    }
}

#[tokio::test]
async fn supervisors_follow_unit_heads_and_hr_overrides_keep_their_history() {
    for (backend, db) in backends("supervision").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let nurse_id = actor(&db, "pegawai.manna").await.employee_id.unwrap();
        let kadis_id = actor(&db, "kadinkes.manna").await.employee_id.unwrap();
        let nurse = employee::Entity::find_by_id(nurse_id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let kadis = employee::Entity::find_by_id(kadis_id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        // The nurse reports to the head of the puskesmas, who reports to the Kadis.
        let (kapus, src) = supervision::supervisor_of(&db, &nurse)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(src, app::people::supervision::Source::Derived, "{backend}");
        let kapus_m = employee::Entity::find_by_id(kapus)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            supervision::supervisor_of(&db, &kapus_m)
                .await
                .unwrap()
                .unwrap()
                .0,
            kadis_id,
            "{backend}"
        );
        assert!(
            supervision::subordinates_of(&db, kapus)
                .await
                .unwrap()
                .contains(&nurse_id),
            "{backend}"
        );
        // HR points the nurse at the Kadis directly.
        supervisor_choice::set_supervisor(
            &db,
            &hr,
            nurse_id,
            &sup("nip", &kadis.nip, "penugasan khusus"),
        )
        .await
        .unwrap();
        assert_eq!(
            supervision::supervisor_of(&db, &nurse).await.unwrap(),
            Some((kadis_id, app::people::supervision::Source::SetByHr)),
            "{backend}"
        );
        assert!(
            !supervision::subordinates_of(&db, kapus)
                .await
                .unwrap()
                .contains(&nurse_id),
            "{backend}"
        );
        assert!(
            supervision::subordinates_of(&db, kadis_id)
                .await
                .unwrap()
                .contains(&nurse_id),
            "{backend}"
        );
        // The Kadis cannot be put under the nurse: that closes a loop.
        let e = supervisor_choice::set_supervisor(&db, &hr, kadis_id, &sup("nip", &nurse.nip, "x"))
            .await
            .unwrap_err();
        assert_eq!(keys(&e), vec!["err.supervisor_cycle"], "{backend}");
        let e = supervisor_choice::set_supervisor(&db, &hr, nurse_id, &sup("derived", "", " "))
            .await
            .unwrap_err();
        assert_eq!(keys(&e), vec!["err.required"], "{backend}");
        // A mode the form does not offer is the field's error, never taken for a NIP.
        let e = supervisor_choice::set_supervisor(&db, &hr, nurse_id, &sup("boss", "", "x"))
            .await
            .unwrap_err();
        assert_eq!(e.fields()[0].field, "mode", "{backend}");
        supervisor_choice::set_supervisor(
            &db,
            &hr,
            nurse_id,
            &sup("derived", "", "kembali normal"),
        )
        .await
        .unwrap();
        assert_eq!(
            supervision::supervisor_of(&db, &nurse)
                .await
                .unwrap()
                .unwrap()
                .0,
            kapus,
            "{backend}"
        );
        let detail = employee_detail::get_employee(&db, &hr, nurse_id)
            .await
            .unwrap();
        assert_eq!(detail.supervisor_links.len(), 1, "{backend}");
        assert!(
            detail.supervisor_links[0].valid_to.is_some(),
            "{backend}: the override is ended, not deleted"
        );
        let named = detail.supervisor_links[0].supervisor.as_ref();
        assert_eq!(named.map(|p| p.id), Some(kadis_id), "{backend}");
        // Someone who has left gets no new supervisor, whatever the page shows.
        org::set_active::<employee::Model>(&db, &hr, nurse_id, false)
            .await
            .unwrap();
        let e = supervisor_choice::set_supervisor(&db, &hr, nurse_id, &sup("nobody", "", "x"))
            .await
            .unwrap_err();
        assert!(
            matches!(&e, AppError::Conflict(m) if m.key == "err.employee_inactive"),
            "{backend}: {e:?}"
        );
    }
}

#[tokio::test]
async fn roles_and_agencies_bound_what_each_actor_may_do() {
    for (backend, db) in backends("authorization").await {
        let db = seeded(db).await;
        let hr_makassar = actor(&db, "hr.makassar").await;
        let nurse = actor(&db, "pegawai.manna").await;
        let leader = actor(&db, "kadinkes.manna").await;
        let hr = actor(&db, "hr.manna").await;
        let dinkes = unit_id(&db, "KOTA-MANNA", "DINKES").await;
        let f = form("DINKES", "Diubah dari Makassar", None);
        assert_eq!(
            org::update_unit(&db, &hr_makassar, dinkes, &f)
                .await
                .unwrap_err(),
            AppError::Forbidden,
            "{backend}"
        );
        assert_eq!(
            org::create_unit(&db, &nurse, &form("X", "X", None))
                .await
                .unwrap_err(),
            AppError::Forbidden,
            "{backend}"
        );
        assert_eq!(
            org::list_units(&db, &leader).await.unwrap_err(),
            AppError::Forbidden,
            "{backend}"
        );
        // Profiles: self, the supervisor chain's leader and HR see one; a colleague does not.
        let nurse_id = nurse.employee_id.unwrap();
        assert!(
            profile::profile(&db, &nurse, None).await.is_ok(),
            "{backend}"
        );
        assert!(
            profile::profile(&db, &leader, Some(nurse_id)).await.is_ok(),
            "{backend}: leader of Dinkes"
        );
        assert!(
            profile::profile(&db, &hr, Some(nurse_id)).await.is_ok(),
            "{backend}"
        );
        assert_eq!(
            profile::profile(&db, &hr_makassar, Some(nurse_id))
                .await
                .unwrap_err(),
            AppError::Forbidden,
            "{backend}"
        );
        let other = hr.employee_id.unwrap();
        assert_eq!(
            profile::profile(&db, &nurse, Some(other))
                .await
                .unwrap_err(),
            AppError::Forbidden,
            "{backend}"
        );
    }
}

/// A new campaign reads everyone's supervisor at once: the same answer, for every
/// employee of the agency, as reading one at a time (HR overrides included).
#[tokio::test]
async fn supervisors_read_at_once_equal_those_read_one_by_one() {
    use app::people::service::supervisors::supervisors_of;
    for (backend, db) in backends("supervisors_bulk").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let nurse = actor(&db, "pegawai.manna").await.employee_id.unwrap();
        let kadis = actor(&db, "kadinkes.manna").await.employee_id.unwrap();
        let kadis_nip = nip(&db, kadis).await;
        supervisor_choice::set_supervisor(
            &db,
            &hr,
            nurse,
            &sup("nip", &kadis_nip, "penugasan khusus"),
        )
        .await
        .unwrap();
        let agency = hr.agency_id.unwrap();
        let placed: Vec<(i32, i32)> = app::server::entities::assignment::Entity::current()
            .filter(app::server::entities::assignment::Column::AgencyId.eq(agency))
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|a| (a.employee_id, a.unit_id))
            .collect();
        assert!(placed.len() > 20, "{backend}");
        let at_once = supervisors_of(&db, agency, &placed).await.unwrap();
        assert_eq!(
            at_once.get(&nurse),
            Some(&Some(kadis)),
            "{backend}: the override"
        );
        for (e, _) in &placed {
            let m = employee::Entity::find_by_id(*e)
                .one(&db)
                .await
                .unwrap()
                .unwrap();
            let one = supervision::supervisor_of(&db, &m)
                .await
                .unwrap()
                .map(|(s, _)| s);
            assert_eq!(at_once.get(e), Some(&one), "{backend}: employee {e}");
        }
    }
}
