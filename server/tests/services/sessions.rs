//! Sessions: they end after idle hours, and the server purges what has expired on
//! its own, not only at start.

use super::*;
use app::auth::service::actor_for_session;
use app::server::entities::{login_bucket, session};
use chrono::Duration;
use sea_orm::sea_query::Expr;

#[tokio::test]
async fn sessions_end_after_eight_idle_hours_and_the_purge_removes_them() {
    for (backend, db) in backends("idle").await {
        let db = seeded(db).await;
        let idle = log_in(&db, "pegawai.manna", "cakap2026").await.unwrap();
        let busy = log_in(&db, "hr.manna", "cakap2026").await.unwrap();
        let back = |h: i64| Expr::value(app::server::db::now() - Duration::hours(h));
        let set_seen = |id: String, h: i64| {
            session::Entity::update_many()
                .col_expr(session::Column::LastSeenAt, back(h))
                .filter(session::Column::Id.eq(id))
                .exec(&db)
        };
        set_seen(idle.clone(), 9).await.unwrap();
        set_seen(busy.clone(), 1).await.unwrap();
        assert!(
            actor_for_session(&db, &idle).await.unwrap().is_none(),
            "{backend}"
        );
        assert!(
            actor_for_session(&db, &busy).await.unwrap().is_some(),
            "{backend}"
        );
        // Using a session writes down when it was last used.
        let seen = session::Entity::find_by_id(busy.clone())
            .one(&db)
            .await
            .unwrap()
            .unwrap();
        assert!(
            seen.last_seen_at.unwrap() > app::server::db::now() - Duration::minutes(1),
            "{backend}"
        );
        // A spent throttle bucket goes with the purge as well.
        login_bucket::Entity::insert(login_bucket::ActiveModel {
            bucket: sea_orm::Set("n:old".into()),
            tries: sea_orm::Set(3),
            window_start: sea_orm::Set(0),
        })
        .exec(&db)
        .await
        .unwrap();
        app::auth::service::purge_expired(&db).await.unwrap();
        assert!(
            session::Entity::find_by_id(idle)
                .one(&db)
                .await
                .unwrap()
                .is_none(),
            "{backend}"
        );
        assert!(
            session::Entity::find_by_id(busy)
                .one(&db)
                .await
                .unwrap()
                .is_some(),
            "{backend}"
        );
        assert_eq!(
            count(&db, "SELECT COUNT(*) AS n FROM login_buckets").await,
            0,
            "{backend}"
        );
    }
}

#[tokio::test]
async fn the_server_purges_expired_sessions_on_its_own() {
    for (backend, db) in backends("purge_task").await {
        let db = seeded(db).await;
        let old = log_in(&db, "pegawai.manna", "cakap2026").await.unwrap();
        session::Entity::update_many()
            .col_expr(
                session::Column::ExpiresAt,
                Expr::value(app::server::db::now() - Duration::hours(1)),
            )
            .filter(session::Column::Id.eq(old.clone()))
            .exec(&db)
            .await
            .unwrap();
        // The same task the server starts, with a short period instead of an hour.
        let task =
            server::maintenance::purge_every(db.clone(), std::time::Duration::from_millis(50));
        let mut gone = false;
        for _ in 0..100 {
            if session::Entity::find_by_id(old.clone())
                .one(&db)
                .await
                .unwrap()
                .is_none()
            {
                gone = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        task.abort();
        assert!(
            gone,
            "{backend}: the expired session was purged by the running task"
        );
    }
}
