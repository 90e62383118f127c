//! A campaign's end over HTTP: HR reminds who has not answered (shown on their home
//! page); closing queues the job and the campaign shows "closing" with a progress
//! bar; the job is HR's and its starter's to watch, nobody else's.

use super::*;
use app::assessment::model::CampaignForm;
use app::assessment::service::campaigns;

#[tokio::test]
async fn closing_shows_progress_to_hr_only_and_results_once_done() {
    let (app, db) = app().await;
    let hr_actor = support::actor(&db, "hr.manna").await;
    let pkm = unit_id(&db, "KOTA-MANNA", "PKM-KOTA").await;
    let form = CampaignForm::suggested("Penilaian Uji", "2026-11-01", "2099-12-31", vec![pkm]);
    let id = campaigns::create_now(&db, &hr_actor, &form).await.unwrap();
    campaigns::start(&db, &hr_actor, id).await.unwrap();
    let hr = login(&app, "hr.manna").await;
    // Before closing, HR reminds who has not answered: the nurse sees it at home.
    let nurse = login(&app, "pegawai.manna").await;
    let home = send(&app, "GET", "/", Some(&nurse), None).await;
    assert!(!home.body.contains("data-testid=\"reminder\""));
    let r = send(
        &app,
        "POST",
        "/api/campaigns/remind",
        Some(&hr),
        Some(&format!("id={id}")),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let home = send(&app, "GET", "/", Some(&nurse), None).await;
    assert!(
        home.body.contains("Pengingat dari BKPSDM"),
        "the reminder at home"
    );
    assert!(home.body.contains("Penilaian Uji"));
    let body = format!("id={id}&confirm=on");
    let r = send(&app, "POST", "/api/campaigns/close", Some(&hr), Some(&body)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let job: i32 = r.body.trim().parse().unwrap();

    // No runner in this router: the job waits, and the page says so with its bar.
    let page = send(&app, "GET", &format!("/hr/campaigns/{id}"), Some(&hr), None).await;
    assert!(page.body.contains("Sedang ditutup"), "status closing");
    assert!(
        page.body
            .contains(r#"data-testid="job" data-state="queued""#),
        "the bar"
    );
    let r = send(
        &app,
        "POST",
        "/api/jobs/get",
        Some(&hr),
        Some(&format!("id={job}")),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["state"], "queued");
    assert_eq!(r.json()["total"], 12);
    for someone in ["pegawai.manna", "hr.makassar"] {
        let cookie = login(&app, someone).await;
        let r = send(
            &app,
            "POST",
            "/api/jobs/get",
            Some(&cookie),
            Some(&format!("id={job}")),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{someone}");
    }
    let list = send(&app, "GET", "/hr/jobs", Some(&hr), None).await;
    assert!(
        list.body.contains(&format!("/hr/campaigns/{id}")),
        "HR's job list links it"
    );
    assert!(
        list.body.contains("Menutup penilaian: Penilaian Uji"),
        "and names it"
    );

    let me = "test-runner";
    assert!(app::jobs::service::runner::work_once(&db, me, 5)
        .await
        .unwrap());
    let r = send(
        &app,
        "POST",
        "/api/jobs/get",
        Some(&hr),
        Some(&format!("id={job}")),
    )
    .await;
    assert_eq!(
        (r.json()["state"].clone(), r.json()["done"].clone()),
        ("done".into(), 12.into())
    );
    let page = send(&app, "GET", &format!("/hr/campaigns/{id}"), Some(&hr), None).await;
    assert!(
        !page.body.contains(r#"data-testid="job""#),
        "no bar once done"
    );
    assert!(page.body.contains("Ditutup"));
}
