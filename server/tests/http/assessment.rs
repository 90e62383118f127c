//! Assessments over HTTP: no response names a peer; standards public once ratified.

use super::*;

#[derive(sea_orm::FromQueryResult)]
struct Rater {
    name: String,
    nip: String,
    source: app::assessment::model::Source,
}

/// Names and NIPs (to log in) of the peers who rated an employee in the latest demo
/// campaign, with the supervisor's NIP.
async fn raters_of(
    db: &sea_orm::DatabaseConnection,
    ratee: i32,
) -> (Vec<(String, String)>, String) {
    use app::assessment::model::Source;
    use sea_orm::FromQueryResult;
    let stmt = sea_orm::raw_sql!(
        Postgres,
        "SELECT e.name, e.nip, r.source FROM campaign_raters r JOIN employees e ON e.id = r.rater_id
         WHERE r.ratee_id = {ratee}
           AND r.campaign_id = (SELECT MAX(campaign_id) FROM campaign_ratees WHERE employee_id = {ratee})"
    );
    let rows = Rater::find_by_statement(app::server::sql::on(db, stmt))
        .all(db)
        .await
        .unwrap();
    let peers = rows
        .iter()
        .filter(|r| r.source == Source::Peer)
        .map(|r| (r.name.clone(), r.nip.clone()))
        .collect();
    let sup = rows
        .iter()
        .find(|r| r.source == Source::Supervisor)
        .map(|r| r.nip.clone())
        .unwrap();
    (peers, sup)
}

#[tokio::test]
async fn no_response_names_a_peer_or_shows_a_peer_score_and_dashboards_stay_private() {
    let (app, db) = app().await;
    let ratee = support::actor(&db, "pegawai.manna")
        .await
        .employee_id
        .unwrap();
    let (peers, sup_nip) = raters_of(&db, ratee).await;
    assert!(
        peers.len() >= 3,
        "the demo gives the nurse at least k peers"
    );
    let nurse = login(&app, "pegawai.manna").await;
    let supervisor = login(&app, &sup_nip).await;
    let peer = login(&app, &peers[0].1).await;
    let own = format!("employee={ratee}");
    let calls: Vec<(&str, &String, &str)> = vec![
        ("/api/dashboard/get", &nurse, ""),
        ("/api/dashboard/get", &supervisor, &own),
        ("/api/dashboard/get", &peer, ""),
        ("/api/assess/todo", &nurse, ""),
        ("/api/assess/todo", &supervisor, ""),
        ("/api/assess/todo", &peer, ""),
        ("/api/assess/peers", &supervisor, ""),
        ("/api/standards/mine", &nurse, ""),
    ];
    for (path, cookie, body) in calls {
        let r = send(&app, "POST", path, Some(cookie), Some(body)).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        for (i, (name, _)) in peers.iter().enumerate() {
            // A peer may of course see their own name on their own dashboard.
            if std::ptr::eq(cookie, &peer) && i == 0 {
                continue;
            }
            assert!(
                !r.body.contains(name.as_str()),
                "{path} revealed peer {name}"
            );
        }
    }
    // The dashboard carries aggregates only: per competency no more than these fields.
    let page = send(&app, "POST", "/api/dashboard/get", Some(&nurse), Some(""))
        .await
        .json();
    let d = &page["dashboard"];
    let item = d["items"][0].as_object().unwrap();
    let mut keys: Vec<&str> = item.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "code",
            "dropped",
            "gap",
            "measured",
            "name",
            "others",
            "required",
            "self_level"
        ]
    );
    let feedback = d["feedback"].as_array().unwrap();
    assert!(!feedback.is_empty());
    assert!(feedback
        .iter()
        .all(|f| f["source"] == "supervisor" || f["author"].is_null()));

    // Another employee's dashboard, or a peer's form, is refused.
    let colleague = support::actor(&db, "hr.manna").await.employee_id.unwrap();
    let r = send(
        &app,
        "POST",
        "/api/dashboard/get",
        Some(&nurse),
        Some(&format!("employee={colleague}")),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let peer_row = count(&db, &format!(
        "SELECT MIN(r.id) AS n FROM campaign_raters r JOIN employees e ON e.id = r.rater_id WHERE r.ratee_id = {ratee} AND r.source = 'peer'"
    )).await;
    let r = send(
        &app,
        "POST",
        "/api/assess/form",
        Some(&nurse),
        Some(&format!("id={peer_row}")),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn ratified_standards_are_public_and_drafts_are_not() {
    let (app, db) = app().await;
    let r = send(&app, "GET", "/public/standards", None, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("Perawat Terampil"),
        "the public list names ratified standards"
    );
    let ratified = count(
        &db,
        "SELECT MIN(id) AS n FROM standards WHERE status = 'ratified'",
    )
    .await;
    let r = send(&app, "GET", &format!("/standards/{ratified}"), None, None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Integritas"));
    let hr = login(&app, "hr.manna").await;
    let pos = count(&db, "SELECT position_id AS n FROM standards WHERE id = (SELECT MIN(id) FROM standards WHERE status = 'ratified')").await;
    let r = send(
        &app,
        "POST",
        "/api/standards/start",
        Some(&hr),
        Some(&format!("position_id={pos}")),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let draft: i64 = r.body.trim().parse().unwrap();
    let r = send(
        &app,
        "POST",
        "/api/standards/get",
        None,
        Some(&format!("id={draft}")),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "a draft is not public");
}

#[tokio::test]
async fn irreversible_actions_need_the_confirmation_box_ticked() {
    let (app, db) = app().await;
    let hr = login(&app, "hr.manna").await;
    let campaign = count(&db, "SELECT MIN(id) AS n FROM campaigns").await;
    let closings = "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'close'";
    let closed_before = count(&db, closings).await;
    let pos = count(&db, "SELECT position_id AS n FROM standards WHERE id = (SELECT MIN(id) FROM standards WHERE status = 'ratified')").await;
    let body = format!("position_id={pos}");
    let r = send(&app, "POST", "/api/standards/start", Some(&hr), Some(&body)).await;
    let draft: i64 = r.body.trim().parse().unwrap();
    for (path, body) in [
        ("/api/campaigns/close", format!("id={campaign}")),
        (
            "/api/standards/ratify",
            format!("id={draft}&reason=Perwali+berlaku+Januari"),
        ),
    ] {
        let r = send(&app, "POST", path, Some(&hr), Some(&body)).await;
        assert_eq!(
            r.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path}: {}",
            r.body
        );
        assert_eq!(r.json()["Validation"][0]["field"], "confirm", "{path}");
    }
    let after = count(&db, closings).await;
    assert_eq!(after, closed_before, "nothing was closed");
    let body = format!("id={draft}&reason=Perwali+berlaku+Januari&confirm=on");
    // Posted as a plain form (before the page's JavaScript): back to the standard.
    let req = http::Request::builder()
        .method("POST")
        .uri("/api/standards/ratify")
        .header("host", support::HOST)
        .header("origin", support::ORIGIN)
        .header("cookie", &hr)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .body(axum::body::Body::from(body))
        .unwrap();
    let r = tower::ServiceExt::oneshot(app.clone(), req).await.unwrap();
    assert_eq!(r.status(), StatusCode::FOUND);
    assert_eq!(
        r.headers()["location"],
        format!("/standards/{draft}").as_str()
    );
    let ratified =
        format!("SELECT COUNT(*) AS n FROM standards WHERE id = {draft} AND status = 'ratified'");
    assert_eq!(count(&db, &ratified).await, 1);
}

#[tokio::test]
async fn a_closed_campaign_lists_forms_never_sent_not_forms_open() {
    let (app, db) = app().await;
    let hr = login(&app, "hr.manna").await;
    let closed = count(
        &db,
        "SELECT MIN(c.id) AS n FROM campaigns c JOIN agencies a ON a.id = c.agency_id \
         WHERE a.code = 'KOTA-MANNA' AND c.status = 'closed'",
    )
    .await;
    let unsent = format!(
        "SELECT COUNT(*) AS n FROM campaign_raters WHERE campaign_id = {closed} AND status <> 'submitted'"
    );
    assert!(
        count(&db, &unsent).await > 0,
        "the demo leaves some forms unsent"
    );
    let r = send(
        &app,
        "GET",
        &format!("/hr/campaigns/{closed}"),
        Some(&hr),
        None,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("formulir tidak dikirim"),
        "said as never sent"
    );
    assert!(
        !r.body.contains("formulir terbuka"),
        "a closed campaign has no open forms"
    );
}

#[tokio::test]
async fn every_unit_of_the_tree_can_be_chosen_for_a_campaign() {
    let (app, db) = app().await;
    let hr = login(&app, "hr.manna").await;
    // SD Negeri 1 Manna sits below a department below the top: the third level.
    let school = support::unit_id(&db, "KOTA-MANNA", "SDN-1").await;
    let r = send(&app, "GET", "/hr/campaigns/new", Some(&hr), None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains(&format!("value=\"{school}\"")),
        "the school can be ticked"
    );
    assert!(r.body.contains("SD Negeri 1 Manna"));
}
