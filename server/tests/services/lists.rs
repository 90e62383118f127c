//! HR's lists: the employee list (search, filters, remembered pages) and the
//! remembered position list.

use super::*;

#[tokio::test]
async fn a_remembered_list_page_shows_a_change_at_once() {
    for (backend, db) in backends("list_cache").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let pages = employee_list::EmployeePages::new(true);
        let all = EmployeeFilter {
            page: 1,
            ..Default::default()
        };
        let before = employee_list::list_employees(&db, &pages, &hr, &all)
            .await
            .unwrap();
        let first = before.rows[0].id;
        // (Reuse itself is shown by read_cache's unit tests: here other tests commit
        // in parallel, so whether a second read is remembered is not certain.)

        org::set_active::<employee::Model>(&db, &hr, first, false)
            .await
            .unwrap();
        let after = employee_list::list_employees(&db, &pages, &hr, &all)
            .await
            .unwrap();
        assert!(
            after.rows.iter().all(|r| r.id != first),
            "{backend}: the deactivated employee left the list at once"
        );
    }
}

#[tokio::test]
async fn the_employee_list_finds_people_by_position_and_unit_name() {
    for (backend, db) in backends("employee_search").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let search = |q: &str| {
            let f = EmployeeFilter {
                q: q.into(),
                page: 1,
                ..Default::default()
            };
            let db = db.clone();
            let hr = hr.clone();
            async move {
                employee_list::list_employees(
                    &db,
                    &employee_list::EmployeePages::default(),
                    &hr,
                    &f,
                )
                .await
                .unwrap()
            }
        };
        let nurses = search("perawat").await;
        assert!(nurses.count > 0, "{backend}: 'perawat' finds the nurses");
        assert!(
            nurses.rows.iter().all(|r| r
                .position_name
                .as_deref()
                .unwrap_or("")
                .to_lowercase()
                .contains("perawat")),
            "{backend}"
        );
        let puskesmas = search("PUSKESMAS").await;
        assert!(puskesmas.count > 0, "{backend}: any case");
        assert!(
            puskesmas.rows.iter().all(|r| r
                .unit_name
                .as_deref()
                .unwrap_or("")
                .to_lowercase()
                .contains("puskesmas")),
            "{backend}"
        );
        assert_eq!(search("tidak-ada-yang-begini").await.count, 0, "{backend}");

        // Any part of a name, in any case, through the name index; a renamed person
        // is found by the new name at once and no longer by the old.
        let id = actor(&db, "pegawai.manna").await.employee_id.unwrap();
        let rename = |name: &str| {
            employee::Entity::update_many()
                .col_expr(
                    employee::Column::Name,
                    sea_orm::sea_query::Expr::value(name),
                )
                .filter(employee::Column::Id.eq(id))
                .exec(&db)
        };
        rename("Sukmawati Rahayuningsih").await.unwrap();
        let found = search("RAHAYUNING").await;
        assert_eq!(
            found.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![id],
            "{backend}"
        );
        rename("Sukmawati Lestari").await.unwrap();
        assert_eq!(
            search("rahayuning").await.count,
            0,
            "{backend}: the old name"
        );
        assert_eq!(
            search("wati lest").await.rows[0].id,
            id,
            "{backend}: the new name"
        );
        // Two letters are looked for without the index, and still found (the
        // agency has fewer people than a page).
        assert!(
            search("uk").await.rows.iter().any(|r| r.id == id),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn the_employee_list_filters_by_position_level_status_activity_and_unit() {
    use app::people::input::EmploymentStatus;
    for (backend, db) in backends("employee_filters").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let list = |f: EmployeeFilter| {
            let (db, hr) = (db.clone(), hr.clone());
            async move {
                let pages = employee_list::EmployeePages::default();
                let f = EmployeeFilter { page: 1, ..f };
                employee_list::list_employees(&db, &pages, &hr, &f)
                    .await
                    .unwrap()
            }
        };
        let everyone = list(EmployeeFilter::default()).await;
        let nurse = everyone
            .rows
            .iter()
            .find(|r| {
                r.position_name
                    .as_deref()
                    .is_some_and(|p| p.contains("Perawat"))
            })
            .unwrap()
            .clone();
        let position = count(&db, &format!("SELECT CAST(position_id AS BIGINT) AS n FROM assignments WHERE employee_id = {} AND end_date IS NULL", nurse.id)).await as i32;
        let by_position = list(EmployeeFilter {
            position_id: Some(position),
            ..Default::default()
        })
        .await;
        assert!(
            by_position.count > 0
                && by_position
                    .rows
                    .iter()
                    .all(|r| r.position_name == nurse.position_name),
            "{backend}"
        );
        let level = nurse.job_level.unwrap();
        let by_level = list(EmployeeFilter {
            job_level: Some(level),
            ..Default::default()
        })
        .await;
        assert!(
            by_level.count >= by_position.count
                && by_level.rows.iter().all(|r| r.job_level == Some(level)),
            "{backend}"
        );
        for status in [EmploymentStatus::Pns, EmploymentStatus::Pppk] {
            let rows = list(EmployeeFilter {
                status: Some(status),
                ..Default::default()
            })
            .await;
            assert!(
                rows.rows.iter().all(|r| r.status == status),
                "{backend}: {status:?}"
            );
        }
        org::set_active::<employee::Model>(&db, &hr, nurse.id, false)
            .await
            .unwrap();
        let former = list(EmployeeFilter {
            inactive_only: true,
            ..Default::default()
        })
        .await;
        assert!(former.rows.iter().all(|r| !r.active), "{backend}");
        assert!(former.rows.iter().any(|r| r.id == nurse.id), "{backend}");
        let dinkes = unit_id(&db, "KOTA-MANNA", "DINKES").await;
        let below = list(EmployeeFilter {
            unit_id: Some(dinkes),
            ..Default::default()
        })
        .await;
        let own = list(EmployeeFilter {
            unit_id: Some(dinkes),
            direct_only: true,
            ..Default::default()
        })
        .await;
        assert!(
            own.count < below.count,
            "{backend}: {} own, {} with sub-units",
            own.count,
            below.count
        );
        assert!(
            own.rows
                .iter()
                .all(|r| r.unit_name.as_deref() == Some("Dinas Kesehatan")),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_remembered_position_list_shows_a_new_holder_at_once() {
    for (backend, db) in backends("position_cache").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let lists = app::people::service::positions::PositionLists::new(true);
        let read = || app::people::service::positions::list_positions(&db, &lists, &hr);
        let before = read().await.unwrap();
        let nurse = before
            .iter()
            .find(|p| p.code == "PERAWAT-TRP")
            .unwrap()
            .clone();
        let new = EmployeeForm {
            nip: "199201012019032011".into(),
            name: "Rina Puspita".into(),
            sex: "P".into(),
            status: "PNS".into(),
            unit_id: unit_id(&db, "KOTA-MANNA", "PKM-KOTA").await.to_string(),
            position_id: nurse.id.to_string(),
            ..Default::default()
        };
        employees::create_employee(&db, &hr, &new).await.unwrap();
        let after = read().await.unwrap();
        let counted = after.iter().find(|p| p.id == nurse.id).unwrap().holders;
        assert_eq!(counted, nurse.holders + 1, "{backend}");
    }
}
