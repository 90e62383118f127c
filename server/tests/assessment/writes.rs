//! Many people saving at once: on SQLite every write takes its turn at the one
//! writer, so none fails for finding the database busy.

use super::campaign::created;
use super::support::{backends, count};
use super::*;
use app::assessment::service::campaigns;
use app::org::model::UnitForm;
use std::sync::Arc;

/// 200 writes of three kinds at once (draft forms, new units, logins): all succeed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_concurrent_writers_all_succeed() {
    for (backend, db) in backends("writers").await {
        let s = created(db).await;
        campaigns::start(&s.db, &s.hr, s.id).await.unwrap();
        let forms: Vec<(Actor, i32)> = {
            let mut out = Vec::new();
            for ratee in s.nurses.iter().chain(&s.doctors) {
                for row in rows_of(&s.db, s.id, *ratee).await {
                    out.push((by_employee(&s.db, row.rater_id).await, row.id));
                }
            }
            out
        };
        assert!(forms.len() >= 20, "{backend}: {} forms", forms.len());
        let accounts: Vec<String> = user::Entity::find()
            .filter(user::Column::EmployeeId.is_not_null())
            .filter(user::Column::Active.eq(true))
            .order_by_asc(user::Column::Id)
            .all(&s.db)
            .await
            .unwrap()
            .into_iter()
            .map(|u| u.username)
            .take(50)
            .collect();
        assert_eq!(accounts.len(), 50, "{backend}: the demo has 50 accounts");
        let units_before = count(&s.db, "SELECT COUNT(*) AS n FROM units").await;
        let sessions_before = count(&s.db, "SELECT COUNT(*) AS n FROM sessions").await;
        let (db, hr) = (Arc::new(s.db.clone()), Arc::new(s.hr.clone()));
        let mut tasks = tokio::task::JoinSet::new();
        for i in 0..200usize {
            let (db, hr) = (db.clone(), hr.clone());
            let form = forms[i % forms.len()].clone();
            let account = accounts[i / 4].clone();
            tasks.spawn(async move {
                let r = match i % 4 {
                    0 | 1 => answer(&db, &form.0, form.1, 3, false).await,
                    2 => {
                        let f = UnitForm {
                            code: format!("W{i}"),
                            name: format!("Unit Uji {i}"),
                            kind: "seksi".into(),
                            parent_id: String::new(),
                        };
                        app::org::service::create_unit(&db, &hr, &f)
                            .await
                            .map(|_| ())
                    }
                    _ => {
                        let attempt = app::auth::service::LoginTry {
                            account: &account,
                            password: "cakap2026",
                            ip: "10.9.8.7",
                            replaces: None,
                        };
                        app::auth::service::login(&db, attempt).await.map(|_| ())
                    }
                };
                (i, r)
            });
        }
        let mut failures = Vec::new();
        while let Some(done) = tasks.join_next().await {
            let (i, r) = done.unwrap();
            if let Err(e) = r {
                failures.push(format!("write {i}: {e:?}"));
            }
        }
        assert!(failures.is_empty(), "{backend}: {failures:#?}");
        let units = count(&s.db, "SELECT COUNT(*) AS n FROM units").await - units_before;
        let sessions = count(&s.db, "SELECT COUNT(*) AS n FROM sessions").await - sessions_before;
        assert_eq!((units, sessions), (50, 50), "{backend}");
        let drafts = count(
            &s.db,
            &format!(
            "SELECT COUNT(*) AS n FROM campaign_raters WHERE campaign_id = {} AND status = 'draft'",
            s.id
        ),
        )
        .await;
        let saved: std::collections::HashSet<i32> = (0..200usize)
            .filter(|i| i % 4 < 2)
            .map(|i| forms[i % forms.len()].1)
            .collect();
        assert_eq!(drafts as usize, saved.len(), "{backend}");
    }
}

/// What the writers of `writes_succeed_while_a_large_campaign_closes` did.
#[derive(Default)]
struct Tally {
    ok: usize,
    failed: Vec<String>,
}

/// While a 5 000-employee campaign closes in steps, other sessions keep writing (new
/// units, logins): every write succeeds, and the closing still ends with every result.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn writes_succeed_while_a_large_campaign_closes() {
    use app::jobs::service::runner;
    use server::seed::{bench, bench_campaigns};
    for (backend, db) in backends("busy_close").await {
        bench::generate(&db, "UJI", 5000).await.unwrap();
        let (id, hr) = bench_campaigns::running(&db, "Uji beban").await.unwrap();
        let job = app::assessment::service::closing::begin(&db, &hr, id)
            .await
            .unwrap();
        assert!(runner::claim(&db, "closer", Some(job))
            .await
            .unwrap()
            .is_some());
        let closer = tokio::spawn({
            let db = db.clone();
            async move { runner::run(&db, job, "closer", 250).await }
        });
        let tally = Arc::new(std::sync::Mutex::new(Tally::default()));
        let mut writers = tokio::task::JoinSet::new();
        for w in 0..8 {
            let (db, hr, tally) = (db.clone(), hr.clone(), tally.clone());
            let closing = closer.abort_handle();
            writers.spawn(async move {
                let mut n = 0;
                // At least ten writes each, and on until the closing is done.
                while n < 10 || !closing.is_finished() {
                    let r = if n % 2 == 0 {
                        let f = UnitForm {
                            code: format!("B{w}X{n}"),
                            name: format!("Unit Beban {w}-{n}"),
                            kind: "seksi".into(),
                            parent_id: String::new(),
                        };
                        app::org::service::create_unit(&db, &hr, &f)
                            .await
                            .map(|_| ())
                    } else {
                        let account = bench::employee_account(1 + (w * 600 + n) % 4999);
                        let attempt = app::auth::service::LoginTry {
                            account: &account,
                            password: bench::BENCH_PASSWORD,
                            ip: "10.7.7.7",
                            replaces: None,
                        };
                        app::auth::service::login(&db, attempt).await.map(|_| ())
                    };
                    let mut t = tally.lock().unwrap();
                    match r {
                        Ok(()) => t.ok += 1,
                        Err(e) => t.failed.push(format!("writer {w}, write {n}: {e:?}")),
                    }
                    n += 1;
                }
            });
        }
        while writers.join_next().await.is_some() {}
        closer.await.unwrap();
        let t = std::mem::take(&mut *tally.lock().unwrap());
        assert!(t.failed.is_empty(), "{backend}: {:#?}", t.failed);
        assert!(t.ok >= 80, "{backend}: {} writes", t.ok);
        let results = count(
            &db,
            &format!(
                "SELECT COUNT(DISTINCT employee_id) AS n FROM results WHERE campaign_id = {id}"
            ),
        )
        .await;
        assert_eq!(results, 5000, "{backend}");
        eprintln!(
            "{backend}: {} writes succeeded while 5 000 ratees closed",
            t.ok
        );
    }
}
