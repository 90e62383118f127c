//! Employees: moves with their history, new employees.

use super::*;

async fn find_employee(db: &DatabaseConnection, hr: &Actor, q: &str) -> i32 {
    let page = employee_list::list_employees(
        db,
        &employee_list::EmployeePages::default(),
        hr,
        &EmployeeFilter {
            q: q.into(),
            page: 1,
            ..Default::default()
        },
    )
    .await
    .unwrap();
    page.rows[0].id
}

#[tokio::test]
async fn moving_an_employee_ends_the_old_assignment_and_keeps_it_in_history() {
    for (backend, db) in backends("employee_move").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let nurse = actor(&db, "pegawai.manna").await.employee_id.unwrap();
        let before = employee_detail::get_employee(&db, &hr, nurse)
            .await
            .unwrap();
        let yankes = unit_id(&db, "KOTA-MANNA", "DINKES-YANKES").await;
        let f = EmployeeForm {
            nip: before.nip.clone(),
            name: before.name.clone(),
            sex: before.sex.code().into(),
            status: before.status.code().into(),
            unit_id: yankes.to_string(),
            position_id: before.current.as_ref().unwrap().position_id.to_string(),
            is_head: false,
            start_date: "2026-01-05".into(),
        };
        employees::update_employee(&db, &hr, nurse, &f)
            .await
            .unwrap();
        let after = employee_detail::get_employee(&db, &hr, nurse)
            .await
            .unwrap();
        assert_eq!(after.history.len(), 2, "{backend}");
        assert_eq!(after.current.as_ref().unwrap().unit_id, yankes, "{backend}");
        assert_eq!(
            after.current.as_ref().unwrap().start_date,
            "2026-01-05",
            "{backend}"
        );
        assert_eq!(
            after.history[1].end_date.as_deref(),
            Some("2026-01-05"),
            "{backend}"
        );
        // Saving the same placement again changes nothing.
        employees::update_employee(&db, &hr, nurse, &f)
            .await
            .unwrap();
        assert_eq!(
            employee_detail::get_employee(&db, &hr, nurse)
                .await
                .unwrap()
                .history
                .len(),
            2,
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_new_employee_needs_a_free_nip_and_a_real_place() {
    for (backend, db) in backends("employee_create").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let pkm = unit_id(&db, "KOTA-MANNA", "PKM-KOTA").await;
        let existing = employee::Entity::find().one(&db).await.unwrap().unwrap();
        let mut f = EmployeeForm {
            nip: existing.nip.clone(),
            name: "Rina Puspita".into(),
            sex: if existing.nip.as_bytes()[14] == b'2' {
                "P"
            } else {
                "L"
            }
            .into(),
            status: "PNS".into(),
            unit_id: pkm.to_string(),
            position_id: "999999".into(),
            is_head: true,
            start_date: String::new(),
        };
        let e = employees::create_employee(&db, &hr, &f).await.unwrap_err();
        assert_eq!(keys(&e), vec!["err.nip_taken"], "{backend}");
        f.nip = "199201012019032011".into();
        f.sex = "P".into();
        let e = employees::create_employee(&db, &hr, &f).await.unwrap_err();
        assert_eq!(
            keys(&e),
            vec!["err.choice"],
            "{backend}: the position does not exist"
        );
        let before = count(&db, "SELECT COUNT(*) AS n FROM employees").await;
        let id = find_employee(&db, &hr, "").await;
        let pos = employee_detail::get_employee(&db, &hr, id)
            .await
            .unwrap()
            .current
            .unwrap()
            .position_id;
        f.position_id = pos.to_string();
        f.is_head = false;
        let new_id = employees::create_employee(&db, &hr, &f).await.unwrap();
        assert_eq!(
            count(&db, "SELECT COUNT(*) AS n FROM employees").await,
            before + 1,
            "{backend}"
        );
        assert_eq!(
            employee_detail::get_employee(&db, &hr, new_id)
                .await
                .unwrap()
                .history
                .len(),
            1,
            "{backend}"
        );
    }
}
