//! A unit leader's rights follow the current appointment, both ways.

use super::*;

/// The current assignment in `unit` (its head, or someone else there).
async fn placed(
    db: &DatabaseConnection,
    unit: i32,
    head: bool,
) -> app::server::entities::assignment::Model {
    use app::server::entities::assignment;
    assignment::Entity::current()
        .filter(assignment::Column::UnitId.eq(unit))
        .filter(assignment::Column::IsHead.eq(head))
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

/// HR's form moving employee `id` to `unit`, keeping their position.
async fn move_form(
    db: &DatabaseConnection,
    hr: &Actor,
    id: i32,
    unit: i32,
    head: bool,
) -> EmployeeForm {
    let e = employee_detail::get_employee(db, hr, id).await.unwrap();
    EmployeeForm {
        nip: e.nip.clone(),
        name: e.name.clone(),
        sex: e.sex.code().into(),
        status: e.status.code().into(),
        unit_id: unit.to_string(),
        position_id: e.current.as_ref().unwrap().position_id.to_string(),
        is_head: head,
        start_date: String::new(),
    }
}

#[tokio::test]
async fn a_unit_leader_s_rights_follow_the_current_appointment() {
    for (backend, db) in backends("leader_moves").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let nurse = actor(&db, "pegawai.manna").await.employee_id.unwrap();
        let (dinkes, disdik, bkpsdm) = (
            unit_id(&db, "KOTA-MANNA", "DINKES").await,
            unit_id(&db, "KOTA-MANNA", "DISDIK").await,
            unit_id(&db, "KOTA-MANNA", "BKPSDM").await,
        );
        let kadinkes = actor(&db, "kadinkes.manna").await;
        assert!(
            profile::profile(&db, &kadinkes, Some(nurse)).await.is_ok(),
            "{backend}"
        );
        // The Kepala Dinas Kesehatan moves to BKPSDM, no longer heading anything.
        let f = move_form(&db, &hr, kadinkes.employee_id.unwrap(), bkpsdm, false).await;
        employees::update_employee(&db, &hr, kadinkes.employee_id.unwrap(), &f)
            .await
            .unwrap();
        let kadinkes = actor(&db, "kadinkes.manna").await;
        let e = profile::profile(&db, &kadinkes, Some(nurse))
            .await
            .unwrap_err();
        assert_eq!(
            e,
            AppError::Forbidden,
            "{backend}: the old unit's people are out of reach"
        );
        // The Kepala Dinas Pendidikan is appointed head of Dinas Kesehatan instead.
        let teacher = placed(&db, disdik, false).await.employee_id;
        let head = placed(&db, disdik, true).await.employee_id;
        let f = move_form(&db, &hr, head, dinkes, true).await;
        employees::update_employee(&db, &hr, head, &f)
            .await
            .unwrap();
        let nip = employee::Entity::find_by_id(head)
            .one(&db)
            .await
            .unwrap()
            .unwrap()
            .nip;
        let new_head = actor(&db, &nip).await;
        assert!(
            profile::profile(&db, &new_head, Some(nurse)).await.is_ok(),
            "{backend}: gained"
        );
        let e = profile::profile(&db, &new_head, Some(teacher))
            .await
            .unwrap_err();
        assert_eq!(
            e,
            AppError::Forbidden,
            "{backend}: and left Dinas Pendidikan behind"
        );
    }
}
