//! The citizen satisfaction survey on the demo data: the index computed from the
//! database matches the worked example done by hand; stuffing is held (a device
//! again, the same answers from one address, a form sent in seconds, no token) or
//! refused (too many from one address), and nothing of a refused or invalid post is
//! kept; HR counts or excludes held responses (with a reason, audited); only HR.
//! Each on SQLite and PostgreSQL.

use super::support::{backends, count, seeded};
use super::*;
use app::server::entities::survey_response;
use app::survey::model::{Flag, Grade, ResponseForm, ResponseState, ServiceUnitForm};
use app::survey::rules::{MAX_PER_ADDRESS_HOUR, MIN_FILL_SECS};
use app::survey::service::respond::{respond, Visit};
use app::survey::service::token::{new_device, start_token};
use app::survey::service::{results, review, units};
use chrono::Datelike;

/// A new service unit of Kota Manna's puskesmas: (id, code).
async fn new_unit(db: &DatabaseConnection, hr: &Actor, code: &str) -> (i32, String) {
    let f = ServiceUnitForm {
        code: code.into(),
        name: format!("Layanan uji {code}"),
        unit_id: unit_id(db, "KOTA-MANNA", "PKM-KOTA").await.to_string(),
        population: "100".into(),
    };
    (
        units::save(db, hr, None, &f).await.unwrap(),
        code.to_uppercase(),
    )
}

fn filled(started: String, a: [i16; 9]) -> ResponseForm {
    ResponseForm::answered(started, a.map(|v| v.to_string()))
}

fn visit(ip: &str) -> Visit {
    Visit {
        ip: ip.into(),
        device: Some(new_device()),
    }
}

fn ago(unit: i32, secs: i64) -> String {
    start_token(unit, app::server::db::now().timestamp() - secs).unwrap()
}

/// The worked example of `survey::rules_tests`, answered through the form.
const EXAMPLE: [[i16; 9]; 5] = [
    [4, 4, 3, 4, 3, 3, 4, 3, 3],
    [3, 3, 3, 4, 3, 3, 3, 2, 3],
    [4, 3, 2, 4, 3, 4, 4, 3, 3],
    [3, 3, 3, 4, 4, 3, 3, 3, 2],
    [4, 4, 3, 4, 3, 4, 4, 3, 4],
];

#[tokio::test]
async fn the_index_read_from_the_database_is_the_worked_example() {
    for (backend, db) in backends("skm_index").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let (id, code) = new_unit(&db, &hr, "uji-ikm").await;
        for (n, a) in EXAMPLE.iter().enumerate() {
            let state = respond(
                &db,
                &code,
                &filled(ago(id, 90), *a),
                &visit(&format!("192.0.2.{n}")),
            )
            .await
            .unwrap();
            assert_eq!(state, ResponseState::Counted, "{backend}");
        }
        let year = app::server::db::today().year();
        let agency = agency_id(&db, "KOTA-MANNA").await;
        let all = results::of_year(&db, agency, year).await.unwrap();
        let u = all.iter().find(|u| u.id == id).unwrap();
        assert_eq!(u.respondents, 5, "{backend}");
        let nrr = u.nrr.unwrap();
        let want = [3.6, 3.4, 2.8, 4.0, 3.2, 3.4, 3.6, 2.8, 3.0];
        assert!(
            nrr.iter().zip(want).all(|(g, w)| (g - w).abs() < 1e-9),
            "{backend} {nrr:?}"
        );
        assert_eq!(
            (u.converted, u.grade),
            (Some(82.78), Some(Grade::B)),
            "{backend}"
        );
        // A population of 100 needs 80 respondents (Krejcie–Morgan).
        assert_eq!(u.sample_needed, Some(80), "{backend}");
        // The demo's own units have their year (2026) of responses, some held.
        let demo = results::of_year(&db, agency, 2026).await.unwrap();
        assert!(
            demo.iter()
                .filter(|u| u.respondents > 40 && u.held > 0)
                .count()
                >= 3,
            "{backend}"
        );
    }
}

#[tokio::test]
async fn stuffing_is_held_or_refused_and_hr_decides() {
    for (backend, db) in backends("skm_stuffing").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let (id, code) = new_unit(&db, &hr, "uji-isi").await;
        let a = EXAMPLE[0];
        let first = visit("198.51.100.1");
        let sent = |f: ResponseForm, v: Visit| {
            let (db, code) = (db.clone(), code.clone());
            async move { respond(&db, &code, &f, &v).await }
        };
        assert_eq!(
            sent(filled(ago(id, 60), a), first.clone()).await.unwrap(),
            ResponseState::Counted
        );
        // The same device again (another address), within the day.
        let again = Visit {
            ip: "198.51.100.2".into(),
            ..first.clone()
        };
        assert_eq!(
            sent(filled(ago(id, 60), EXAMPLE[1]), again).await.unwrap(),
            ResponseState::Held
        );
        // The same answers from the same address within the hour, from a new device.
        assert_eq!(
            sent(filled(ago(id, 60), a), visit("198.51.100.1"))
                .await
                .unwrap(),
            ResponseState::Held
        );
        // Too fast, and no token of ours.
        let fast = ago(id, MIN_FILL_SECS - 5);
        assert_eq!(
            sent(filled(fast, EXAMPLE[2]), visit("198.51.100.3"))
                .await
                .unwrap(),
            ResponseState::Held
        );
        let forged = format!("{id}.1.deadbeef");
        assert_eq!(
            sent(filled(forged, EXAMPLE[3]), visit("198.51.100.4"))
                .await
                .unwrap(),
            ResponseState::Held
        );
        let flags: Vec<Option<Flag>> = survey_response::Entity::find()
            .filter(survey_response::Column::ServiceUnitId.eq(id))
            .order_by_asc(survey_response::Column::Id)
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.flag)
            .collect();
        assert_eq!(
            flags,
            [
                None,
                Some(Flag::Duplicate),
                Some(Flag::Duplicate),
                Some(Flag::TooFast),
                Some(Flag::NoToken)
            ],
            "{backend}"
        );
        // An invalid post names its field and keeps nothing.
        let stored = || count(&db, "SELECT COUNT(*) AS n FROM survey_responses");
        let before = stored().await;
        let mut bad = filled(ago(id, 60), a);
        bad.u5 = String::new();
        let e = sent(bad, visit("198.51.100.5")).await.unwrap_err();
        assert_eq!(e.fields()[0].field, "u5", "{backend}");
        // One address sends at most so many an hour; the next is refused, not kept.
        for n in 0..MAX_PER_ADDRESS_HOUR {
            let mut varied = EXAMPLE[(n % 5) as usize];
            varied[8] = 1 + (n % 4) as i16;
            varied[7] = 1 + (n / 4 % 4) as i16;
            sent(filled(ago(id, 60), varied), visit("203.0.113.7"))
                .await
                .unwrap();
        }
        let e = sent(filled(ago(id, 60), a), visit("203.0.113.7"))
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::RateLimited { .. }), "{backend} {e:?}");
        assert_eq!(
            stored().await,
            before + MAX_PER_ADDRESS_HOUR as i64,
            "{backend}"
        );
        // HR decides: excluding needs a reason; counting moves it into the index.
        let held: Vec<i32> = survey_response::Entity::find()
            .filter(survey_response::Column::ServiceUnitId.eq(id))
            .filter(survey_response::Column::State.eq(ResponseState::Held))
            .order_by_asc(survey_response::Column::Id)
            .all(&db)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(held.len(), 4, "{backend}");
        let e = review::review(&db, &hr, held[0], false, "ulang")
            .await
            .unwrap_err();
        assert_eq!(e.fields()[0].field, "reason", "{backend}");
        let nurse = by_name(&db, "pegawai.manna").await;
        let e = review::review(&db, &nurse, held[0], true, "")
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Forbidden), "{backend}");
        let makassar = by_name(&db, "hr.makassar").await;
        let e = review::review(&db, &makassar, held[0], true, "")
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::NotFound), "{backend}");
        review::review(
            &db,
            &hr,
            held[0],
            false,
            "Perangkat yang sama mengirim dua kali.",
        )
        .await
        .unwrap();
        review::review(&db, &hr, held[1], true, "").await.unwrap();
        let e = review::review(&db, &hr, held[0], true, "")
            .await
            .unwrap_err();
        assert!(matches!(e, AppError::Conflict(_)), "{backend}");
        let audited = count(&db, &format!(
            "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'survey_response' AND entity_id IN ('{}', '{}')",
            held[0], held[1]
        ))
        .await;
        assert_eq!(audited, 2, "{backend}");
        let year = app::server::db::today().year();
        let agency = agency_id(&db, "KOTA-MANNA").await;
        let u = results::of_year(&db, agency, year)
            .await
            .unwrap()
            .into_iter()
            .find(|u| u.id == id)
            .unwrap();
        assert_eq!(
            (u.respondents, u.held, u.excluded),
            (2 + MAX_PER_ADDRESS_HOUR as i64, 2, 1),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn a_closed_form_takes_no_answers() {
    for (backend, db) in backends("skm_closed").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let (id, code) = new_unit(&db, &hr, "uji-tutup").await;
        units::set_active(&db, &hr, id, false).await.unwrap();
        let e = respond(
            &db,
            &code,
            &filled(ago(id, 60), EXAMPLE[0]),
            &visit("192.0.2.50"),
        )
        .await
        .unwrap_err();
        assert!(matches!(e, AppError::NotFound), "{backend}");
        // Another agency's HR cannot touch it.
        let makassar = by_name(&db, "hr.makassar").await;
        assert!(
            units::set_active(&db, &makassar, id, true).await.is_err(),
            "{backend}"
        );
    }
}
