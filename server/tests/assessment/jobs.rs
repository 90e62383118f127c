//! Closing as a background job: a step at a time, each committed with its progress;
//! a job whose server died is taken over and resumes, and comes out the same as a
//! closing done in one go; two servers never run one job twice.

use super::campaign::answered;
use super::support::{another_server, backends, count};
use super::*;
use app::assessment::model::CampaignStatus;
use app::assessment::service::closing;
use app::jobs::model::JobState;
use app::jobs::service::runner::{self, Step};
use app::server::entities::{campaign, campaign_ratee, job, result, result_comment};
use sea_orm::sea_query::Expr;

/// Everything closing stored, without row ids: results, JPMs and comments, sorted.
async fn stored(db: &DatabaseConnection, id: i32) -> Vec<String> {
    let mut out: Vec<String> = result::Entity::find()
        .filter(result::Column::CampaignId.eq(id))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            let (e, c, q) = (r.employee_id, r.competency_id, r.required_level);
            let (m, s, o) = (r.measured, r.self_level, r.others_level);
            format!("result {e} {c} {q} {m:?} {s:?} {o:?} {:?}", r.detail)
        })
        .collect();
    for t in campaign_ratee::Entity::find()
        .filter(campaign_ratee::Column::CampaignId.eq(id))
        .all(db)
        .await
        .unwrap()
    {
        out.push(format!("jpm {} {:?}", t.employee_id, t.jpm));
    }
    for c in result_comment::Entity::find()
        .filter(result_comment::Column::CampaignId.eq(id))
        .all(db)
        .await
        .unwrap()
    {
        let (e, k, s) = (c.employee_id, c.competency_id, c.source.code());
        out.push(format!(
            "comment {e} {k} {s} {} {:?}",
            c.body, c.author_name
        ));
    }
    out.sort();
    out
}

async fn job_row(db: &DatabaseConnection, id: i32) -> job::Model {
    job::Entity::find_by_id(id).one(db).await.unwrap().unwrap()
}

async fn status(db: &DatabaseConnection, id: i32) -> CampaignStatus {
    let c = campaign::Entity::find_by_id(id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    c.status
}

/// Makes a job's runner look dead: its last sign of life long ago.
async fn fall_silent(db: &DatabaseConnection, id: i32) {
    let long_ago = app::server::db::now() - chrono::Duration::minutes(10);
    job::Entity::update_many()
        .col_expr(job::Column::HeartbeatAt, Expr::value(long_ago))
        .filter(job::Column::Id.eq(id))
        .exec(db)
        .await
        .unwrap();
}

#[tokio::test]
async fn a_closing_taken_over_after_a_crash_resumes_and_equals_one_closed_in_one_go() {
    let whole = backends("close_whole").await;
    let parts = backends("close_parts").await;
    for ((backend, a), (_, b)) in whole.into_iter().zip(parts) {
        let one_go = answered(a).await;
        closing::close(&one_go.db, &one_go.hr, one_go.id)
            .await
            .unwrap();
        let expected = stored(&one_go.db, one_go.id).await;

        let s = answered(b).await;
        let (db, id) = (&s.db, s.id);
        let job = closing::begin(db, &s.hr, id).await.unwrap();
        assert_eq!(status(db, id).await, CampaignStatus::Closing, "{backend}");
        // A first server takes the job and stores 5 of the 12 ratees, then dies.
        assert!(runner::claim(db, "old", Some(job)).await.unwrap().is_some());
        let row = job_row(db, job).await;
        assert_eq!(closing::step(db, &row, "old", 5).await.unwrap(), Step::More);
        let row = job_row(db, job).await;
        assert_eq!(
            (row.state, row.done, row.total),
            (JobState::Running, 5, 12),
            "{backend}"
        );
        // Half-stored results are not shown: the dashboard reads closed campaigns only.
        let d = dashboard_of(db, &s.nurse, None, None).await.unwrap();
        assert!(
            d.campaign.as_ref().is_none_or(|c| c.0 != id),
            "{backend}: {:?}",
            d.campaign
        );
        // While it is fresh nobody else takes it.
        assert!(runner::claim(db, "new", Some(job)).await.unwrap().is_none());
        fall_silent(db, job).await;
        assert!(
            runner::claim(db, "new", Some(job)).await.unwrap().is_some(),
            "{backend}"
        );
        // The dead server's step, if it ever came back, writes nothing.
        let results_before = count(
            db,
            &format!("SELECT COUNT(*) AS n FROM results WHERE campaign_id = {id}"),
        )
        .await;
        assert!(
            closing::step(db, &row, "old", 5).await.is_err(),
            "{backend}"
        );
        let results_after = count(
            db,
            &format!("SELECT COUNT(*) AS n FROM results WHERE campaign_id = {id}"),
        )
        .await;
        assert_eq!(results_before, results_after, "{backend}");
        runner::run(db, job, "new", 5).await;
        let row = job_row(db, job).await;
        assert_eq!((row.state, row.done), (JobState::Done, 12), "{backend}");
        assert_eq!(status(db, id).await, CampaignStatus::Closed, "{backend}");
        assert_eq!(
            stored(db, id).await,
            expected,
            "{backend}: resumed closing differs"
        );
        let d = dashboard_of(db, &s.nurse, None, None).await.unwrap();
        assert_eq!(d.campaign.map(|c| c.0), Some(id), "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_database_run_a_job_once() {
    for (backend, db) in backends("two_runners").await {
        let s = answered(db).await;
        let other = another_server(&s.db).await;
        let job = closing::begin(&s.db, &s.hr, s.id).await.unwrap();
        let (a, b) = tokio::join!(
            runner::work_once(&s.db, "server-a", 3),
            runner::work_once(&other, "server-b", 3)
        );
        let ran = [a.unwrap(), b.unwrap()];
        assert_eq!(ran.iter().filter(|r| **r).count(), 1, "{backend}: {ran:?}");
        let row = job_row(&s.db, job).await;
        assert_eq!((row.state, row.done), (JobState::Done, 12), "{backend}");
        let closed_entries = count(
            &s.db,
            &format!(
                "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'closed' AND entity_id = '{}'",
                s.id
            ),
        )
        .await;
        assert_eq!(closed_entries, 1, "{backend}");
        let ratees_with_results = count(
            &s.db,
            &format!(
                "SELECT COUNT(DISTINCT employee_id) AS n FROM results WHERE campaign_id = {}",
                s.id
            ),
        )
        .await;
        assert_eq!(ratees_with_results, 12, "{backend}");
    }
}

/// Closing in the caller's task (seeds, the command line) while another server's
/// runner already took the job: it waits for that runner and reports the job done,
/// instead of failing on a job it could not take (two servers seeding found this).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn running_a_job_now_waits_for_the_runner_that_took_it_first() {
    for (backend, db) in backends("run_now").await {
        let s = answered(db).await;
        let job = closing::begin(&s.db, &s.hr, s.id).await.unwrap();
        assert!(runner::claim(&s.db, "elsewhere", Some(job))
            .await
            .unwrap()
            .is_some());
        let other = tokio::spawn({
            let db = s.db.clone();
            async move { runner::run(&db, job, "elsewhere", 3).await }
        });
        let state = runner::run_now(&s.db, job).await.unwrap();
        other.await.unwrap();
        assert_eq!(state, JobState::Done, "{backend}");
        assert_eq!(
            job_row(&s.db, job).await.runner.as_deref(),
            Some("elsewhere"),
            "{backend}"
        );
    }
}
