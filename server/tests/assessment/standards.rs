//! The dictionary and a position's standard: drafted by HR, opened to its holders
//! and their unit leaders for comment, ratified and locked.

use super::support::{backends, count, seeded};
use super::{by_employee, by_name, holders, position_id};
use app::competency::model::{CompetencyGroup, StandardStatus, TechnicalForm};
use app::competency::service::{dictionary, published, standards};
use app::error::AppError;
use app::server::entities::{competency, standard};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

/// The nurses' ratified standard, and M.1's id.
async fn nurse_standard(db: &DatabaseConnection) -> (i32, i32, i32) {
    let pos = position_id(db, "PERAWAT-TRP").await;
    let v1 = standard::Entity::find()
        .filter(standard::Column::PositionId.eq(pos))
        .filter(standard::Column::Status.eq(StandardStatus::Ratified))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let m1 = competency::Entity::find()
        .filter(competency::Column::Code.eq("M.1"))
        .filter(competency::Column::AgencyId.is_null())
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    (pos, v1, m1)
}

#[tokio::test]
async fn the_dictionary_holds_the_national_nine_and_one_t1_per_agency() {
    for (backend, db) in backends("dictionary").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let dict = dictionary::dictionary(&db, &hr).await.unwrap();
        assert_eq!(dict.iter().filter(|c| c.national).count(), 9, "{backend}");
        assert_eq!(dict[0].group, CompetencyGroup::Manajerial, "{backend}");
        let t1 = dict.iter().find(|c| c.code == "T.1").unwrap();
        assert!(!t1.national && t1.levels.len() == 5, "{backend}");
        assert_eq!(t1.group, CompetencyGroup::Teknis, "{backend}");
        let again = TechnicalForm {
            code: "t.1".into(),
            name: "Lagi".into(),
            definition: "Lagi".into(),
            levels: (1..=5).map(|i| format!("Level {i}")).collect(),
            indicators: vec![],
        };
        let e = dictionary::add_technical(&db, &hr, &again)
            .await
            .unwrap_err();
        assert_eq!(e.fields()[0].field, "code", "{backend}");
    }
}

#[tokio::test]
async fn a_draft_is_hr_s_until_opened_then_its_holders_and_leaders_comment() {
    for (backend, db) in backends("std_draft").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let nurse = by_name(&db, "pegawai.manna").await;
        let doctor = by_employee(&db, holders(&db, "DOKTER").await[0]).await;
        let (pos, _, m1) = nurse_standard(&db).await;
        let v2 = standards::start(&db, &hr, pos).await.unwrap();
        assert!(
            matches!(
                standards::start(&db, &hr, pos).await,
                Err(AppError::Conflict(_))
            ),
            "{backend}: one draft at a time"
        );
        let public = standards::detail(&db, None, v2).await.err();
        assert_eq!(
            public,
            Some(AppError::NotFound),
            "{backend}: drafts are not public"
        );
        let holder = standards::detail(&db, Some(&nurse), v2).await.err();
        assert_eq!(
            holder,
            Some(AppError::Forbidden),
            "{backend}: HR's until opened"
        );
        standards::set_item(&db, &hr, v2, m1, 3).await.unwrap();
        let bad = standards::set_item(&db, &hr, v2, m1, 6).await.unwrap_err();
        assert_eq!(bad.fields()[0].field, "level", "{backend}");
        standards::open(&db, &hr, v2).await.unwrap();

        // The unit leader above the holders is invited too, and may comment.
        let leader = by_name(&db, "kadinkes.manna").await;
        let invited = published::for_member(&db, &leader).await.unwrap().invited;
        assert!(
            invited.iter().any(|s| s.id == v2 && !s.own),
            "{backend}: {invited:?}"
        );
        let led = standards::detail(&db, Some(&leader), v2).await.unwrap();
        assert!(led.rights.comment, "{backend}");
        let mine = published::for_member(&db, &nurse).await.unwrap().invited;
        let own = mine.iter().find(|s| s.id == v2).unwrap();
        assert!(own.own && own.status == StandardStatus::Open, "{backend}");
        let seen = standards::detail(&db, Some(&nurse), v2).await.unwrap();
        assert!(
            seen.rights.comment && !seen.rights.edit,
            "{backend}: holders comment, HR edits"
        );

        let text = "Level 3 untuk integritas terlalu tinggi bagi perawat terampil?";
        let c = standards::comment(&db, &nurse, v2, text).await.unwrap();
        let other = standards::comment(&db, &doctor, v2, "Bukan jabatan saya").await;
        assert_eq!(other.err(), Some(AppError::Forbidden), "{backend}");
        let empty = standards::comment(&db, &nurse, v2, "  ").await.unwrap_err();
        assert_eq!(empty.fields()[0].field, "body", "{backend}");
        let reply = "Level 3 mengikuti masukan kepala puskesmas.";
        standards::answer(&db, &hr, c, reply).await.unwrap();
        let seen = standards::detail(&db, Some(&nurse), v2).await.unwrap();
        assert_eq!(seen.comments[0].answer.as_deref(), Some(reply), "{backend}");
    }
}

#[tokio::test]
async fn a_ratified_standard_supersedes_the_last_and_is_locked() {
    for (backend, db) in backends("std_ratify").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let nurse = by_name(&db, "pegawai.manna").await;
        let (pos, v1, m1) = nurse_standard(&db).await;
        let v2 = standards::start(&db, &hr, pos).await.unwrap();
        standards::set_item(&db, &hr, v2, m1, 3).await.unwrap();
        standards::open(&db, &hr, v2).await.unwrap();
        standards::comment(&db, &nurse, v2, "Setuju.")
            .await
            .unwrap();
        // A day after opening, the agency's seven days have not passed: ratifying
        // needs a reason, which is kept with the standard.
        let e = standards::ratify(&db, &hr, v2, "").await.unwrap_err();
        assert_eq!(e.fields()[0].msg.key, "err.ratify_early", "{backend}");
        let why = "Perwali mewajibkan berlaku awal tahun";
        standards::ratify(&db, &hr, v2, why).await.unwrap();
        let kept = standards::detail(&db, Some(&hr), v2).await.unwrap();
        assert_eq!(kept.skip_reason.as_deref(), Some(why), "{backend}");

        let old = standards::detail(&db, None, v1).await.unwrap();
        assert_eq!(old.status, StandardStatus::Superseded, "{backend}");
        let new = standards::detail(&db, None, v2).await.unwrap();
        assert_eq!(
            (new.status, new.version),
            (StandardStatus::Ratified, 2),
            "{backend}"
        );
        assert!(
            new.comments.is_empty(),
            "{backend}: the public does not read the discussion"
        );
        let m1_level = new
            .items
            .iter()
            .find(|i| i.code == "M.1")
            .unwrap()
            .required_level;
        assert_eq!(m1_level, 3, "{backend}");
        assert!(
            matches!(
                standards::set_item(&db, &hr, v2, m1, 2).await,
                Err(AppError::Conflict(_))
            ),
            "{backend}: ratified is locked"
        );
        assert!(matches!(
            standards::comment(&db, &nurse, v2, "telat").await,
            Err(AppError::Conflict(_))
        ));
        let other_hr = by_name(&db, "hr.makassar").await;
        let e = standards::start(&db, &other_hr, pos).await.err();
        assert_eq!(e, Some(AppError::NotFound), "{backend}");
        let q = format!(
            "SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'standard' AND entity_id = '{v2}'"
        );
        let audited = count(&db, &q).await;
        assert_eq!(
            audited, 5,
            "{backend}: create, set_item, open, comment, ratify"
        );
    }
}

#[tokio::test]
async fn the_comment_round_cannot_be_skipped_silently_and_national_items_stay() {
    use sea_orm::sea_query::Expr;
    for (backend, db) in backends("std_participation").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let (pos, _, m1) = nurse_standard(&db).await;
        let v2 = standards::start(&db, &hr, pos).await.unwrap();
        // Straight from a draft: only with a reason.
        let e = standards::ratify(&db, &hr, v2, "segera").await.unwrap_err();
        assert_eq!(e.fields()[0].field, "reason", "{backend}");
        // M.1 may change level but not leave the standard.
        standards::set_item(&db, &hr, v2, m1, 4).await.unwrap();
        let e = standards::remove_item(&db, &hr, v2, m1).await.unwrap_err();
        assert!(
            matches!(&e, AppError::Conflict(m) if m.key == "err.national_item"),
            "{backend}: {e:?}"
        );
        // Open for the agency's period (set to 3 days here): ratified without a reason.
        standards::set_comment_days(&db, &hr, 3).await.unwrap();
        assert!(
            standards::set_comment_days(&db, &hr, 0).await.is_err(),
            "{backend}"
        );
        standards::open(&db, &hr, v2).await.unwrap();
        let three_days_open = || async {
            let opened = app::server::db::now() - chrono::Duration::days(3);
            standard::Entity::update_many()
                .col_expr(standard::Column::OpenedAt, Expr::value(opened))
                .filter(standard::Column::Id.eq(v2))
                .exec(&db)
                .await
                .unwrap();
        };
        three_days_open().await;
        // A change while open restarts the period: commenters have not seen it.
        standards::set_item(&db, &hr, v2, m1, 3).await.unwrap();
        let e = standards::ratify(&db, &hr, v2, "").await.unwrap_err();
        assert_eq!(e.fields()[0].msg.key, "err.ratify_early", "{backend}");
        three_days_open().await;
        standards::ratify(&db, &hr, v2, "").await.unwrap();
        let d = standards::detail(&db, Some(&hr), v2).await.unwrap();
        assert_eq!(d.skip_reason, None, "{backend}");
    }
}
