//! A whole assessment on a fresh database (SQLite, and PostgreSQL when the test
//! script provides it): a standard revised with the employees, a campaign for one
//! unit with its raters, forms, closing, and the dashboards with their privacy.

mod support;

use app::assessment::model::{AnswerInput, CampaignForm, Dashboard};
use app::assessment::service::{campaigns, closing, dashboard, forms, peers, team};
use app::auth::model::Actor;
use app::competency::model::TechnicalForm;
use app::competency::service::{dictionary, published, standards};
use app::error::AppError;
use app::i18n::Lang;
use app::server::entities::user;
use app::server::sql;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use support::{backends, count, seeded};

async fn login(db: &DatabaseConnection, f: user::Column, v: sea_orm::Value) -> Actor {
    let u = user::Entity::find()
        .filter(f.eq(v))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    app::auth::service::load_actor(db, u).await.unwrap()
}

async fn by_name(db: &DatabaseConnection, username: &str) -> Actor {
    login(db, user::Column::Username, username.into()).await
}

async fn by_employee(db: &DatabaseConnection, id: i32) -> Actor {
    login(db, user::Column::EmployeeId, id.into()).await
}

async fn ids(db: &DatabaseConnection, q: &str, v: Vec<sea_orm::Value>) -> Vec<i32> {
    sql::all(db, q, v)
        .await
        .unwrap()
        .iter()
        .map(|r| sql::get(r, "id").unwrap())
        .collect()
}

/// Current holders of a position code in Kota Manna's puskesmas, by id.
async fn holders(db: &DatabaseConnection, position: &str) -> Vec<i32> {
    ids(
        db,
        "SELECT e.id FROM employees e JOIN assignments a ON a.employee_id = e.id AND a.end_date IS NULL \
         JOIN positions p ON p.id = a.position_id JOIN units u ON u.id = a.unit_id JOIN agencies g ON g.id = e.agency_id \
         WHERE g.code = 'KOTA-MANNA' AND u.code = 'PKM-KOTA' AND p.code = $1 ORDER BY e.id",
        vec![position.into()],
    )
    .await
}

fn form(unit: i32) -> CampaignForm {
    CampaignForm {
        name: "Penilaian Puskesmas".into(),
        starts_on: "2026-11-01".into(),
        ends_on: "2099-12-31".into(),
        unit_ids: vec![unit],
        w_self: "10".into(),
        w_supervisor: "50".into(),
        w_peer: "25".into(),
        w_subordinate: "15".into(),
        k: "3".into(),
        max_peers: "4".into(),
    }
}

/// Every answer of a form at one level, with a comment naming the level.
async fn answer(
    db: &DatabaseConnection,
    rater: &Actor,
    row: i32,
    level: u8,
    submit: bool,
) -> Result<(), AppError> {
    let f = forms::form(db, rater, row).await?;
    let items: Vec<AnswerInput> = f
        .items
        .iter()
        .map(|i| AnswerInput {
            competency_id: i.competency_id.to_string(),
            level: level.to_string(),
            comment: format!("catatan {} level {level}", f.source),
        })
        .collect();
    forms::save(db, rater, row, &items, submit).await
}

async fn rows_of(db: &DatabaseConnection, campaign: i32, ratee: i32) -> Vec<(i32, i32, String)> {
    sql::all(db, "SELECT id, rater_id, source FROM campaign_raters WHERE campaign_id = $1 AND ratee_id = $2 ORDER BY id",
        vec![campaign.into(), ratee.into()])
        .await
        .unwrap()
        .iter()
        .map(|r| (sql::get(r, "id").unwrap(), sql::get(r, "rater_id").unwrap(), sql::get(r, "source").unwrap()))
        .collect()
}

fn item<'a>(d: &'a Dashboard, code: &str) -> &'a app::assessment::model::DashItem {
    d.items.iter().find(|i| i.code == code).unwrap()
}

#[tokio::test]
async fn a_standard_is_revised_with_its_holders_and_locked_once_ratified() {
    for (backend, db) in backends("standards").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let nurse = by_name(&db, "pegawai.manna").await;
        let guru = by_employee(&db, holders(&db, "DOKTER").await[0]).await;
        let pos = ids(&db, "SELECT p.id FROM positions p JOIN agencies g ON g.id = p.agency_id WHERE g.code = 'KOTA-MANNA' AND p.code = 'PERAWAT-TRP'", vec![]).await[0];
        let v1 = ids(
            &db,
            "SELECT id FROM standards WHERE position_id = $1 AND status = 'ratified'",
            vec![pos.into()],
        )
        .await[0];
        let m1 = ids(
            &db,
            "SELECT id FROM competencies WHERE code = 'M.1' AND agency_id IS NULL",
            vec![],
        )
        .await[0];

        // The dictionary: the national nine and the agency's own T.1 with five levels;
        // the agency cannot add a second T.1.
        let dict = dictionary::dictionary(&db, &hr).await.unwrap();
        assert_eq!(dict.iter().filter(|c| c.national).count(), 9);
        let t1 = dict.iter().find(|c| c.code == "T.1").unwrap();
        assert!(!t1.national && t1.levels.len() == 5, "{backend}");
        let again = TechnicalForm {
            code: "t.1".into(),
            name: "Lagi".into(),
            definition: "Lagi".into(),
            levels: std::array::from_fn(|i| format!("Level {}", i + 1)),
            indicators: Default::default(),
        };
        assert_eq!(
            dictionary::add_technical(&db, &hr, &again)
                .await
                .err()
                .unwrap()
                .fields()[0]
                .field,
            "code"
        );

        let v2 = standards::start(&db, &hr, pos).await.unwrap();
        assert!(
            matches!(
                standards::start(&db, &hr, pos).await,
                Err(AppError::Conflict(_))
            ),
            "{backend}: one draft at a time"
        );
        assert_eq!(
            standards::detail(&db, None, v2).await.err(),
            Some(AppError::NotFound),
            "{backend}: drafts are not public"
        );
        assert_eq!(
            standards::detail(&db, Some(&nurse), v2).await.err(),
            Some(AppError::Forbidden),
            "{backend}: a draft is HR's until opened"
        );
        standards::set_item(&db, &hr, v2, m1, 3).await.unwrap();
        let bad = standards::set_item(&db, &hr, v2, m1, 6)
            .await
            .err()
            .unwrap();
        assert_eq!(bad.fields()[0].field, "level");
        standards::open(&db, &hr, v2).await.unwrap();
        // The unit leader above the holders is invited too, and may comment.
        let leader = by_name(&db, "kadinkes.manna").await;
        let (invited, _) = published::for_member(&db, &leader).await.unwrap();
        assert!(
            invited.iter().any(|s| s.id == v2 && !s.own),
            "{backend}: {invited:?}"
        );
        assert!(
            standards::detail(&db, Some(&leader), v2)
                .await
                .unwrap()
                .rights
                .comment
        );
        let (mine, _) = published::for_member(&db, &nurse).await.unwrap();
        assert!(mine.iter().any(|s| s.id == v2 && s.own));

        let seen = standards::detail(&db, Some(&nurse), v2).await.unwrap();
        assert!(
            seen.rights.comment && !seen.rights.edit,
            "{backend}: holders comment, HR edits"
        );
        let c = standards::comment(
            &db,
            &nurse,
            v2,
            "Level 3 untuk integritas terlalu tinggi bagi perawat terampil?",
        )
        .await
        .unwrap();
        assert_eq!(
            standards::comment(&db, &guru, v2, "Bukan jabatan saya")
                .await
                .err(),
            Some(AppError::Forbidden)
        );
        assert_eq!(
            standards::comment(&db, &nurse, v2, "  ")
                .await
                .err()
                .unwrap()
                .fields()[0]
                .field,
            "body"
        );
        standards::answer(&db, &hr, c, "Level 3 mengikuti masukan kepala puskesmas.")
            .await
            .unwrap();
        let seen = standards::detail(&db, Some(&nurse), v2).await.unwrap();
        assert_eq!(
            seen.comments[0].answer.as_deref(),
            Some("Level 3 mengikuti masukan kepala puskesmas.")
        );

        standards::ratify(&db, &hr, v2).await.unwrap();
        let old = standards::detail(&db, None, v1).await.unwrap();
        assert_eq!(old.status, "superseded");
        let new = standards::detail(&db, None, v2).await.unwrap();
        assert_eq!((new.status.as_str(), new.version), ("ratified", 2));
        assert!(
            new.comments.is_empty(),
            "{backend}: the public does not read the discussion"
        );
        assert_eq!(
            new.items
                .iter()
                .find(|i| i.code == "M.1")
                .unwrap()
                .required_level,
            3
        );
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
        assert_eq!(
            standards::start(&db, &other_hr, pos).await.err(),
            Some(AppError::NotFound)
        );
        let audited = count(&db, &format!("SELECT COUNT(*) AS n FROM audit_log WHERE entity = 'standard' AND entity_id = '{v2}'")).await;
        assert_eq!(
            audited, 5,
            "{backend}: create, set_item, open, comment, ratify"
        );
    }
}

#[tokio::test]
async fn a_campaign_runs_from_raters_to_stored_results_and_private_dashboards() {
    for (backend, db) in backends("campaign").await {
        let db = seeded(db).await;
        let hr = by_name(&db, "hr.manna").await;
        let pkm = ids(&db, "SELECT u.id FROM units u JOIN agencies g ON g.id = u.agency_id WHERE g.code = 'KOTA-MANNA' AND u.code = 'PKM-KOTA'", vec![]).await[0];
        let nurses = holders(&db, "PERAWAT-TRP").await;
        let doctors = holders(&db, "DOKTER").await;
        let head = holders(&db, "KAPUS").await[0];
        let kapus = by_employee(&db, head).await;
        let nurse = by_name(&db, "pegawai.manna").await;
        let me = nurse.employee_id.unwrap();
        assert_eq!(me, nurses[0]);

        let mut bad = form(pkm);
        bad.k = "2".into();
        assert_eq!(
            campaigns::create(&db, &hr, &bad)
                .await
                .err()
                .unwrap()
                .fields()[0]
                .field,
            "k"
        );
        let id = campaigns::create(&db, &hr, &form(pkm)).await.unwrap();
        assert_eq!(
            count(
                &db,
                &format!("SELECT COUNT(*) AS n FROM campaign_ratees WHERE campaign_id = {id}")
            )
            .await,
            12
        );

        // Raters: self, the head as supervisor, the three other nurses as peers.
        let rows = rows_of(&db, id, me).await;
        let sources: Vec<&str> = rows.iter().map(|r| r.2.as_str()).collect();
        assert_eq!(
            sources,
            vec!["self", "supervisor", "peer", "peer", "peer"],
            "{backend}"
        );
        assert_eq!(rows[1].1, head);
        assert!(rows
            .iter()
            .filter(|r| r.2 == "peer")
            .all(|r| r.1 != me && nurses.contains(&r.1)));

        // The supervisor reviews peers before the start; nobody rates themself as a peer.
        let plan = peers::plans(&db, &kapus).await.unwrap();
        assert!(plan.iter().any(|p| p.ratee_id == me && p.peers.len() == 3));
        let peer_out = rows[4].1;
        peers::remove_peer(&db, &kapus, id, me, peer_out)
            .await
            .unwrap();
        assert_eq!(
            peers::add_peer(&db, &kapus, id, me, me)
                .await
                .err()
                .unwrap()
                .fields()[0]
                .field,
            "rater_id"
        );
        assert_eq!(
            peers::add_peer(&db, &nurse, id, me, doctors[0]).await.err(),
            Some(AppError::Forbidden)
        );
        peers::add_peer(&db, &kapus, id, me, peer_out)
            .await
            .unwrap();

        campaigns::start(&db, &hr, id).await.unwrap();
        assert!(
            peers::plans(&db, &kapus).await.unwrap().is_empty(),
            "{backend}: peer lists close at the start"
        );
        assert!(matches!(
            peers::add_peer(&db, &kapus, id, me, doctors[1]).await,
            Err(AppError::Conflict(_))
        ));

        // Forms: only the rater opens their own; drafts, then one final submission.
        let rows = rows_of(&db, id, me).await;
        assert_eq!(
            forms::form(&db, &hr, rows[0].0).await.err(),
            Some(AppError::Forbidden)
        );
        let todo = forms::todo(&db, &nurse).await.unwrap();
        assert!(todo.iter().any(|t| t.rater_row == rows[0].0 && t.open));
        let peer_levels = [3u8, 3, 4];
        let mut peer_names = Vec::new();
        for (row, rater, source) in &rows {
            let who = by_employee(&db, *rater).await;
            let level = match source.as_str() {
                "self" => 4,
                "supervisor" => 2,
                _ => {
                    peer_names.push(who.display_name.clone());
                    peer_levels[peer_names.len() - 1]
                }
            };
            answer(&db, &who, *row, level, false).await.unwrap();
            answer(&db, &who, *row, level, true).await.unwrap();
            assert!(
                matches!(
                    answer(&db, &who, *row, level, true).await,
                    Err(AppError::Conflict(_))
                ),
                "{backend}: submit once"
            );
        }
        // The doctor's only peer answers too: one peer is below k.
        for (row, rater, source) in rows_of(&db, id, doctors[0]).await {
            let who = by_employee(&db, rater).await;
            let level = if source == "self" { 5 } else { 3 };
            answer(&db, &who, row, level, true).await.unwrap();
        }
        // A missing level blocks submission, naming the competency's field.
        let other = rows_of(&db, id, nurses[1]).await[0].clone();
        let err = forms::save(&db, &by_employee(&db, other.1).await, other.0, &[], true)
            .await
            .err()
            .unwrap();
        assert!(err.fields()[0].field.starts_with("level_"));

        // The deadline is enforced, and HR can extend it.
        sql::exec(
            &db,
            "UPDATE campaigns SET ends_on = $1 WHERE id = $2",
            vec![
                (app::server::db::today() - chrono::Duration::days(1)).into(),
                id.into(),
            ],
        )
        .await
        .unwrap();
        assert!(matches!(
            answer(&db, &by_employee(&db, other.1).await, other.0, 3, false).await,
            Err(AppError::Conflict(_))
        ));
        campaigns::extend(&db, &hr, id, "2099-12-31").await.unwrap();
        answer(&db, &by_employee(&db, other.1).await, other.0, 3, false)
            .await
            .unwrap();
        let detail = campaigns::detail(&db, &hr, id).await.unwrap();
        assert!(detail.missing.iter().any(|m| m.open_forms > 0));
        let pkm_done = detail
            .completion
            .iter()
            .find(|u| u.unit == "Puskesmas Kota Manna")
            .unwrap();
        assert!(
            pkm_done.submitted > 0 && pkm_done.submitted < pkm_done.forms,
            "{backend}: {pkm_done:?}"
        );

        let closed = closing::close(&db, &hr, id).await.unwrap();
        assert_eq!(closed.ratees, 12);
        assert!(
            matches!(
                closing::close(&db, &hr, id).await,
                Err(AppError::Conflict(_))
            ),
            "{backend}: closes once"
        );
        assert!(matches!(
            answer(&db, &nurse, rows[0].0, 3, false).await,
            Err(AppError::Conflict(_))
        ));

        // The nurse's measured level: (4×10 + 2×50 + 10/3×25) / 85, subordinates absent.
        let d = dashboard::dashboard(&db, &Default::default(), &nurse, None, Some(id), Lang::Id)
            .await
            .unwrap();
        let m1 = item(&d, "M.1");
        let expected = (40.0 + 100.0 + 25.0 * 10.0 / 3.0) / 85.0;
        assert!(
            (m1.measured.unwrap() - expected).abs() < 1e-9,
            "{backend}: {:?}",
            m1.measured
        );
        assert_eq!(m1.self_level, Some(4.0));
        assert!(
            m1.dropped.is_empty(),
            "{backend}: no subordinates to ask is not a dropped source: {:?}",
            m1.dropped
        );
        assert!(d.radar_svg.starts_with("<svg") && d.progress_svg.starts_with("<svg"));
        assert_eq!(
            d.campaigns.len(),
            3,
            "{backend}: two demo campaigns and this one"
        );
        assert!(d.feedback.iter().any(|f| f.source == "supervisor"
            && f.author.as_deref() == Some(kapus.display_name.as_str())));
        assert!(d
            .feedback
            .iter()
            .any(|f| f.source == "peer" && f.author.is_none()));
        let text = serde_json::to_string(&d).unwrap();
        for name in &peer_names {
            assert!(
                !text.contains(name.as_str()),
                "{backend}: a peer's name reached the ratee"
            );
        }
        // Below k: the doctor's single peer is dropped, said so, and their comment withheld.
        let doc = dashboard::dashboard(
            &db,
            &Default::default(),
            &by_employee(&db, doctors[0]).await,
            None,
            Some(id),
            Lang::Id,
        )
        .await
        .unwrap();
        assert!(item(&doc, "M.1")
            .dropped
            .contains(&("peer".into(), "below_k".into(), 1)));
        assert!(
            (item(&doc, "M.1").measured.unwrap() - (5.0 * 10.0 + 3.0 * 50.0) / 60.0).abs() < 1e-9
        );
        assert!(
            doc.feedback.iter().all(|f| f.source != "peer"),
            "{backend}: a lone peer's comment stays hidden"
        );

        // Their own dashboards list the people whose dashboards they may open.
        let ids_of = |t: Vec<app::assessment::model::TeamMember>| {
            t.into_iter().map(|m| m.employee_id).collect::<Vec<_>>()
        };
        assert!(ids_of(team::team(&db, &kapus).await.unwrap()).contains(&me));
        assert!(ids_of(
            team::team(&db, &by_name(&db, "kadinkes.manna").await)
                .await
                .unwrap()
        )
        .contains(&me));
        assert!(team::team(&db, &nurse).await.unwrap().is_empty());
        // Who may read a dashboard.
        let colleague = by_employee(&db, nurses[1]).await;
        assert_eq!(
            dashboard::dashboard(
                &db,
                &Default::default(),
                &colleague,
                Some(me),
                None,
                Lang::Id
            )
            .await
            .err(),
            Some(AppError::Forbidden)
        );
        assert_eq!(
            dashboard::dashboard(
                &db,
                &Default::default(),
                &by_name(&db, "hr.makassar").await,
                Some(me),
                None,
                Lang::Id
            )
            .await
            .err(),
            Some(AppError::Forbidden)
        );
        for reader in [&kapus, &hr, &by_name(&db, "kadinkes.manna").await] {
            assert_eq!(
                dashboard::dashboard(
                    &db,
                    &Default::default(),
                    reader,
                    Some(me),
                    Some(id),
                    Lang::Id
                )
                .await
                .unwrap()
                .items,
                d.items
            );
        }

        // Stored, not recomputed: a later standard or answer change leaves them alone.
        sql::exec(&db, "UPDATE answers SET level = 1", vec![])
            .await
            .unwrap();
        let again =
            dashboard::dashboard(&db, &Default::default(), &nurse, None, Some(id), Lang::Id)
                .await
                .unwrap();
        assert_eq!(again.items, d.items);
    }
}
