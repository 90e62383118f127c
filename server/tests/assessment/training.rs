//! Training on the demo data: the catalogue's form and CSV import, an enrolment
//! from the employee's request to the JP credited (who may decide, the supervisor's
//! note, seats), certificate files, units' pace and the measured effect of the
//! demo's 2026 programme. Each on SQLite and PostgreSQL.

use super::support::{backends, count, seeded};
use super::*;
use app::people::service::supervision::supervisor_of;
use app::server::entities::{employee, programme};
use app::training::model::{CompletionForm, EnrolStatus, ProgrammeForm};
use app::training::service::{
    catalogue, certificate, completion, effect, enrol, import, pace, plan,
};
use chrono::NaiveDate;

const TODAY: fn() -> NaiveDate = || NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();

fn fields(e: AppError) -> Vec<String> {
    match e {
        AppError::Validation(f) => f.into_iter().map(|f| f.field).collect(),
        other => panic!("not a validation error: {other:?}"),
    }
}

async fn coming(db: &DatabaseConnection, code: &str) -> programme::Model {
    programme::Entity::find()
        .filter(programme::Column::Code.eq(code))
        .order_by_asc(programme::Column::Id)
        .one(db)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test]
async fn the_programme_form_and_the_csv_import_name_each_problem() {
    for (backend, db) in backends("tr_catalogue").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let e = catalogue::create(&db, &hr, &ProgrammeForm::default())
            .await
            .unwrap_err();
        let named = fields(e);
        for f in [
            "code",
            "name",
            "jp",
            "mode",
            "provider",
            "starts_on",
            "ends_on",
            "capacity",
            "builds",
        ] {
            assert!(
                named.contains(&f.to_string()),
                "{backend}: {f} in {named:?}"
            );
        }
        let nurse = by_name(&db, "pegawai.manna").await;
        let form = ProgrammeForm {
            code: "X".into(),
            ..Default::default()
        };
        assert!(
            matches!(
                catalogue::create(&db, &nurse, &form).await,
                Err(AppError::Forbidden)
            ),
            "{backend}"
        );

        let before = count(&db, "SELECT COUNT(*) AS n FROM programmes").await;
        let head = "kode;nama;jp;moda;penyelenggara;mulai;selesai;kapasitas;kompetensi\n";
        let good = "PL-A;Pelatihan A;24;klasikal;BPSDM;2027-02-01;2027-02-04;30;M.5=3\n";
        let bad = "PL-B;Pelatihan B;0;daring;BPSDM;2027-02-10;2027-02-01;30;Z.9=3\n";
        let r = import::import(&db, &hr, &format!("{head}{good}{bad}"))
            .await
            .unwrap();
        assert_eq!((r.created, r.updated), (0, 0), "{backend}");
        let at: Vec<(Option<usize>, String)> =
            r.errors.iter().map(|e| (e.line, e.field.clone())).collect();
        assert_eq!(
            at,
            [(Some(3), "kompetensi".to_string())],
            "{backend}: the cell read first"
        );
        let bad = "PL-B;Pelatihan B;0;daring;BPSDM;2027-02-10;2027-02-01;30;M.1=3\n";
        let r = import::import(&db, &hr, &format!("{head}{good}{bad}"))
            .await
            .unwrap();
        let at: Vec<(Option<usize>, String)> =
            r.errors.iter().map(|e| (e.line, e.field.clone())).collect();
        assert_eq!(
            at,
            [
                (Some(3), "jp".into()),
                (Some(3), "moda".into()),
                (Some(3), "selesai".into())
            ],
            "{backend}"
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) AS n FROM programmes").await,
            before,
            "{backend}: nothing written"
        );
        let fixed =
            "PL-B;Pelatihan B;8;e-learning;BPSDM;2027-02-10;2027-02-11;30;\"M.1=3; M.2=2\"\n";
        let r = import::import(&db, &hr, &format!("{head}{good}{fixed}"))
            .await
            .unwrap();
        assert_eq!(
            (r.created, r.updated, r.errors.len()),
            (2, 0, 0),
            "{backend}"
        );
        let r = import::import(&db, &hr, &format!("{head}{good}{fixed}"))
            .await
            .unwrap();
        assert_eq!((r.created, r.updated), (0, 2), "{backend}: matched by code");
        let b = coming(&db, "PL-B").await;
        let builds = count(
            &db,
            &format!(
                "SELECT COUNT(*) AS n FROM programme_competencies WHERE programme_id = {}",
                b.id
            ),
        )
        .await;
        assert_eq!((b.jp, builds), (8, 2), "{backend}");
    }
}

#[tokio::test]
async fn a_request_goes_to_the_supervisor_and_a_pass_credits_the_jp() {
    for (backend, db) in backends("tr_enrol").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let nurse = by_name(&db, "pegawai.manna").await;
        let me = employee::Entity::find_by_id(nurse.employee_id.unwrap())
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let boss_id = supervisor_of(&db, &me)
            .await
            .unwrap()
            .expect("a supervisor")
            .0;
        let boss = by_employee(&db, boss_id).await;
        let p = coming(&db, "PL-PELAYANAN").await;
        // The demo's own request may already be there: start from a programme of its own.
        let id = match enrol::request(&db, &nurse, p.id, None).await {
            Ok(id) => id,
            Err(e) => panic!("{backend}: {e:?}"),
        };
        assert!(
            matches!(
                enrol::request(&db, &nurse, p.id, None).await,
                Err(AppError::Conflict(_))
            ),
            "{backend}: asked twice"
        );
        // A colleague who is not the supervisor may not decide.
        let colleague = by_name(&db, "kadinkes.manna").await;
        if colleague.employee_id != Some(boss_id) {
            assert!(
                matches!(
                    enrol::decide(&db, &colleague, id, true, "").await,
                    Err(AppError::Forbidden)
                ),
                "{backend}"
            );
        }
        // Returning needs a note; the note reaches the employee, who may ask again.
        assert_eq!(
            fields(
                enrol::decide(&db, &boss, id, false, "no")
                    .await
                    .unwrap_err()
            ),
            ["note"],
            "{backend}"
        );
        enrol::decide(&db, &boss, id, false, "Ambil yang daring saja")
            .await
            .unwrap();
        let mine = plan::my_training(&db, &nurse, TODAY()).await.unwrap();
        let item = mine.plan.iter().find(|i| i.enrolment_id == id).unwrap();
        assert_eq!(
            (item.status, item.note.as_deref()),
            (EnrolStatus::Returned, Some("Ambil yang daring saja")),
            "{backend}"
        );
        enrol::request(&db, &nurse, p.id, None).await.unwrap();
        let waiting = plan::my_training(&db, &boss, TODAY())
            .await
            .unwrap()
            .requests;
        assert!(
            waiting.iter().any(|r| r.enrolment_id == id),
            "{backend}: the supervisor sees it"
        );
        enrol::decide(&db, &boss, id, true, "").await.unwrap();
        assert!(
            matches!(
                enrol::decide(&db, &boss, id, true, "").await,
                Err(AppError::Conflict(_))
            ),
            "{backend}"
        );

        let today = app::server::db::today();
        let jp = plan::jp_year(&db, me.id, today).await.unwrap().jp;
        let pass = |attendance: &str| CompletionForm {
            attendance: attendance.into(),
            result: "lulus".into(),
            certificate_no: "BPSDM/2026/77".into(),
            completed_on: today.to_string(),
        };
        assert_eq!(
            fields(
                completion::complete(&db, &hr, id, &pass("50"))
                    .await
                    .unwrap_err()
            ),
            ["attendance"],
            "{backend}"
        );
        assert!(
            matches!(
                completion::complete(&db, &nurse, id, &pass("90")).await,
                Err(AppError::Forbidden)
            ),
            "{backend}"
        );
        completion::complete(&db, &hr, id, &pass("90"))
            .await
            .unwrap();
        let after = plan::jp_year(&db, me.id, today).await.unwrap().jp;
        assert_eq!(after, jp + p.jp, "{backend}: the programme's JP credited");
        // Each step was audited with the enrolment.
        let audited = count(&db, &format!("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'enrolment' AND entity_id = '{id}'")).await;
        assert_eq!(
            audited, 5,
            "{backend}: request, return, request, approve, complete (refused ones not)"
        );

        // A full programme refuses the next seat.
        let mut f = app::training::service::detail::form_of(
            &catalogue::rows(&db, vec![p.clone()], None).await.unwrap()[0],
        );
        (f.code, f.capacity) = ("PL-ONE".into(), "1".into());
        let one = catalogue::create(&db, &hr, &f).await.unwrap();
        enrol::enrol(&db, &hr, one, &me.nip).await.unwrap();
        let other = app::server::entities::employee::Entity::find_by_id(boss_id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert!(
            matches!(
                enrol::enrol(&db, &hr, one, &other.nip).await,
                Err(AppError::Conflict(_))
            ),
            "{backend}: full"
        );
        assert_eq!(
            fields(enrol::enrol(&db, &hr, one, "123").await.unwrap_err()),
            ["nip"],
            "{backend}"
        );
    }
}

#[tokio::test]
async fn certificates_are_checked_by_their_bytes_and_read_only_by_those_concerned() {
    for (backend, db) in backends("tr_certificate").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let passed = count(
            &db,
            "SELECT CAST(MIN(id) AS BIGINT) AS n FROM enrolments WHERE status = 'lulus'",
        )
        .await as i32;
        let e = app::server::entities::enrolment::Entity::find_by_id(passed)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let named = |r: Result<(), AppError>| fields(r.unwrap_err());
        assert_eq!(
            named(certificate::attach(&db, &hr, passed, b"<html>".to_vec()).await),
            ["certificate"],
            "{backend}"
        );
        let mut big = b"%PDF-1.7\n".to_vec();
        big.resize(certificate::MAX_BYTES + 1, b' ');
        assert_eq!(
            named(certificate::attach(&db, &hr, passed, big).await),
            ["certificate"],
            "{backend}"
        );
        certificate::attach(&db, &hr, passed, b"%PDF-1.7\n%%EOF\n".to_vec())
            .await
            .unwrap();
        let own = by_employee(&db, e.employee_id).await;
        let c = certificate::read(&db, &own, passed).await.unwrap();
        assert_eq!(
            (c.media_type.as_str(), c.file_name.clone()),
            ("application/pdf", format!("sertifikat-{passed}.pdf")),
            "{backend}"
        );
        assert!(
            certificate::read(&db, &hr, passed).await.is_ok(),
            "{backend}"
        );
        let who = employee::Entity::find_by_id(e.employee_id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        if let Some((boss, _)) = supervisor_of(&db, &who).await.unwrap() {
            assert!(
                certificate::read(&db, &by_employee(&db, boss).await, passed)
                    .await
                    .is_ok(),
                "{backend}"
            );
        }
        let stranger = by_name(&db, "hr.makassar").await;
        assert!(
            matches!(
                certificate::read(&db, &stranger, passed).await,
                Err(AppError::Forbidden)
            ),
            "{backend}"
        );
        assert!(
            matches!(
                certificate::attach(&db, &stranger, passed, b"%PDF-".to_vec()).await,
                Err(AppError::NotFound)
            ),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn units_pace_counts_who_has_their_jp_and_the_effect_shows_for_the_demo_programme() {
    for (backend, db) in backends("tr_pace").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let p = pace::pace(&db, &hr, None, TODAY()).await.unwrap();
        let people: i64 = p.rows.iter().map(|r| r.people).sum();
        let on: i64 = p.rows.iter().map(|r| r.on_pace).sum();
        let agency = agency_id(&db, "KOTA-MANNA").await;
        let staff = count(&db, &format!("SELECT COUNT(*) AS n FROM assignments WHERE agency_id = {agency} AND end_date IS NULL")).await;
        // On 3 December the pace is 20 × 11 / 12 = 18.33 JP: 19 JP or more.
        let with = count(&db, &format!("SELECT COUNT(*) AS n FROM (SELECT e.employee_id FROM enrolments e JOIN assignments a ON a.employee_id = e.employee_id AND a.end_date IS NULL WHERE e.agency_id = {agency} AND e.status = 'lulus' AND e.completed_on >= '2026-01-01' AND e.completed_on <= '2026-12-03' GROUP BY e.employee_id HAVING SUM(e.jp) >= 19) x")).await;
        assert_eq!((people, on), (staff, with), "{backend}");
        assert!(with >= 5, "{backend}: the demo's trainings count ({with})");
        let nurse = by_name(&db, "pegawai.manna").await;
        assert!(
            matches!(
                pace::pace(&db, &nurse, None, TODAY()).await,
                Err(AppError::Forbidden)
            ),
            "{backend}"
        );
        let makassar = unit_id(&db, "KOTA-MAKASSAR", "DINKES").await;
        assert!(
            matches!(
                pace::pace(&db, &hr, Some(makassar), TODAY()).await,
                Err(AppError::NotFound)
            ),
            "{backend}"
        );

        let rows = effect::effects(&db, &hr).await.unwrap();
        let demo = rows
            .iter()
            .find(|r| r.programme.starts_with("Penguatan") && r.competency.is_some())
            .expect("the demo programme");
        let trained = count(&db, "SELECT COUNT(*) AS n FROM enrolments e JOIN programmes p ON p.id = e.programme_id JOIN agencies a ON a.id = p.agency_id WHERE p.code = 'PL-2026-01' AND a.code = 'KOTA-MANNA' AND e.status = 'lulus'").await;
        assert!(
            demo.participants >= 5 && demo.others >= 5,
            "{backend}: {demo:?}"
        );
        assert!(demo.participants as i64 <= trained, "{backend}");
        let e = demo.effect.expect("shown with five in each group");
        assert!(
            e < 0.0,
            "{backend}: the demo's trainees closed more of their gap ({e})"
        );
        let diff = demo.change_participants.unwrap() - demo.change_others.unwrap();
        assert!((e - diff).abs() < 1e-9, "{backend}");
        assert!(
            matches!(effect::effects(&db, &nurse).await, Err(AppError::Forbidden)),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_new_attempt_starts_clean_and_every_step_checks_what_it_is_given() {
    for (backend, db) in backends("tr_attempts").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let nurse = by_name(&db, "pegawai.manna").await;
        let me = employee::Entity::find_by_id(nurse.employee_id.unwrap())
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        let p = coming(&db, "PL-PELAYANAN").await;
        // A competency of another agency cannot name a gap of the plan.
        let theirs = count(&db, "SELECT CAST(MIN(c.id) AS BIGINT) AS n FROM competencies c JOIN agencies a ON a.id = c.agency_id WHERE a.code = 'KOTA-MAKASSAR'").await as i32;
        assert_eq!(
            fields(
                enrol::request(&db, &nurse, p.id, Some(theirs))
                    .await
                    .unwrap_err()
            ),
            ["competency"],
            "{backend}"
        );
        let id = enrol::enrol(&db, &hr, p.id, &me.nip).await.unwrap();
        // A completion before the programme started, or a pass without it: refused.
        let mut f = CompletionForm {
            attendance: "90".into(),
            result: "tidak_lulus".into(),
            certificate_no: String::new(),
            completed_on: (p.starts_on - chrono::Duration::days(1)).to_string(),
        };
        assert_eq!(
            fields(completion::complete(&db, &hr, id, &f).await.unwrap_err()),
            ["completed_on"],
            "{backend}"
        );
        f.completed_on = app::server::db::today().to_string();
        completion::complete(&db, &hr, id, &f).await.unwrap();
        // No certificate for a fail.
        let pdf = b"%PDF-1.7\n".to_vec();
        assert!(
            matches!(
                certificate::attach(&db, &hr, id, pdf).await,
                Err(AppError::Conflict(_))
            ),
            "{backend}"
        );
        // Asking again after a fail: a clean attempt, nothing of the first one kept.
        enrol::request(&db, &nurse, p.id, None).await.unwrap();
        let again = app::server::entities::enrolment::Entity::find_by_id(id)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (again.status, again.attendance, again.completed_on, again.jp),
            (EnrolStatus::Requested, None, None, 0),
            "{backend}"
        );
        // Fewer seats than are taken: refused, naming the field (two taken at least,
        // so the capacity asked for is a valid number).
        let other = count(&db, &format!("SELECT CAST(MIN(id) AS BIGINT) AS n FROM employees WHERE agency_id = {} AND id <> {} AND id NOT IN (SELECT employee_id FROM enrolments WHERE programme_id = {})", me.agency_id, me.id, p.id)).await as i32;
        let other = employee::Entity::find_by_id(other)
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        enrol::enrol(&db, &hr, p.id, &other.nip).await.unwrap();
        let taken = count(&db, &format!("SELECT COUNT(*) AS n FROM enrolments WHERE programme_id = {} AND status IN ('terdaftar', 'lulus', 'tidak_lulus')", p.id)).await;
        assert!(taken >= 2, "{backend}");
        let row = catalogue::rows(&db, vec![p.clone()], None)
            .await
            .unwrap()
            .remove(0);
        let mut form = app::training::service::detail::form_of(&row);
        form.capacity = (taken - 1).to_string();
        let e = catalogue::update(&db, &hr, p.id, &form).await.unwrap_err();
        assert_eq!(fields(e), ["capacity"], "{backend}");
        form.capacity = taken.to_string();
        catalogue::update(&db, &hr, p.id, &form).await.unwrap();
    }
}
