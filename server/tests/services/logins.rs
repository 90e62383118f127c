//! Logging in: the throttle (one bucket per account, counted before the password is
//! checked, addresses limited only when they look like guessing) and sessions.

use super::*;
use app::auth::service::LoggedIn;

#[tokio::test]
async fn failed_logins_lock_the_account_for_a_while_and_logout_ends_the_session() {
    for (backend, db) in backends("login").await {
        let db = seeded(db).await;
        use app::auth::service::{actor_for_session, logout};
        for _ in 0..5 {
            let e = try_login(&db, "pegawai.manna", "salah-sandi", "10.0.0.1")
                .await
                .err()
                .unwrap();
            assert_eq!(keys(&e), vec!["err.login_failed"], "{backend}");
        }
        let e = try_login(&db, "pegawai.manna", "cakap2026", "10.0.0.2")
            .await
            .err()
            .unwrap();
        assert!(
            matches!(e, AppError::RateLimited { retry_after_minutes } if retry_after_minutes >= 14),
            "{backend}: {e:?}"
        );
        // Another account is not affected; the NIP works as the account name.
        let nip = nip(&db, actor(&db, "kadinkes.manna").await.employee_id.unwrap()).await;
        let ok = try_login(&db, &nip, "cakap2026", "10.0.0.2").await.unwrap();
        assert_eq!(ok.actor.username, "kadinkes.manna", "{backend}");
        let hash = app::auth::token::hash(&ok.token);
        assert!(
            actor_for_session(&db, &hash).await.unwrap().is_some(),
            "{backend}"
        );
        logout(&db, &hash).await.unwrap();
        assert!(
            actor_for_session(&db, &hash).await.unwrap().is_none(),
            "{backend}"
        );
    }
}

fn refused(r: &Result<LoggedIn, AppError>) -> bool {
    matches!(r, Err(AppError::RateLimited { .. }))
}

fn wrong(r: &Result<LoggedIn, AppError>) -> bool {
    matches!(r, Err(e) if keys(e) == ["err.login_failed"])
}

/// Usernames of `n` employees' accounts (each can log in with the demo password).
async fn colleagues(db: &DatabaseConnection, n: u64) -> Vec<String> {
    use app::server::entities::user;
    use sea_orm::{QueryOrder, QuerySelect};
    let users = user::Entity::find()
        .filter(user::Column::EmployeeId.is_not_null())
        .order_by_asc(user::Column::Id)
        .limit(n)
        .all(db)
        .await
        .unwrap();
    assert_eq!(users.len() as u64, n, "the demo has enough accounts");
    users.into_iter().map(|u| u.username).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_parallel_burst_of_twenty_wrong_passwords_gets_at_most_five_tries() {
    for (backend, db) in backends("login_burst").await {
        let db = seeded(db).await;
        let mut burst = tokio::task::JoinSet::new();
        for i in 0..20 {
            let db = db.clone();
            burst.spawn(async move {
                try_login(
                    &db,
                    "pegawai.manna",
                    &format!("tebakan-{i}"),
                    "198.51.100.4",
                )
                .await
            });
        }
        let results = burst.join_all().await;
        let checked = results.iter().filter(|r| wrong(r)).count();
        let limited = results.iter().filter(|r| refused(r)).count();
        assert!((1..=5).contains(&checked), "{backend}: {checked} checked");
        assert_eq!(checked + limited, 20, "{backend}");
        // Only the tries that were let through reached the password check.
        let attempts = count(&db, "SELECT COUNT(*) AS n FROM login_attempts").await;
        assert_eq!(attempts, checked as i64, "{backend}");
    }
}

#[tokio::test]
async fn an_account_has_one_bucket_whether_named_by_username_or_nip() {
    for (backend, db) in backends("login_bucket").await {
        let db = seeded(db).await;
        let me = actor(&db, "pegawai.manna").await;
        let nip = nip(&db, me.employee_id.unwrap()).await;
        for account in [
            "pegawai.manna",
            "PEGAWAI.manna",
            &nip,
            &nip,
            "pegawai.manna",
        ] {
            let r = try_login(&db, account, "salah", "198.51.100.5").await;
            assert!(wrong(&r), "{backend}: {account}");
        }
        let r = try_login(&db, &nip, "cakap2026", "198.51.100.6").await;
        assert!(refused(&r), "{backend}: the sixth try by NIP is refused");
    }
}

#[tokio::test]
async fn forty_five_colleagues_with_typos_behind_one_address_all_get_in() {
    for (backend, db) in backends("login_office").await {
        let db = seeded(db).await;
        let office = "10.20.30.40";
        let people = colleagues(&db, 45).await;
        // The worst Monday: everyone's typos first (up to three each), then the
        // right passwords.
        for round in 0..3 {
            for (i, who) in people.iter().enumerate() {
                if i % 4 > round {
                    let r = try_login(&db, who, "cakap2025", office).await;
                    assert!(wrong(&r), "{backend}: {who} typo {round}");
                }
            }
        }
        for who in &people {
            let r = try_login(&db, who, "cakap2026", office).await;
            assert!(r.is_ok(), "{backend}: {who} was refused: {:?}", r.err());
        }
    }
}

#[tokio::test]
async fn an_address_guessing_across_accounts_is_slowed_but_an_untouched_account_gets_in() {
    for (backend, db) in backends("login_spray").await {
        let db = seeded(db).await;
        let spray = "203.0.113.66";
        let people = colleagues(&db, 52).await;
        let (targets, rest) = people.split_at(50);
        for who in targets {
            let r = try_login(&db, who, "Password123", spray).await;
            assert!(wrong(&r), "{backend}: {who}");
        }
        // Now the address looks like guessing: an account already failing gets no
        // second try from it, not even with the right password ...
        let r = try_login(&db, &targets[0], "cakap2026", spray).await;
        assert!(refused(&r), "{backend}: second try from a guessing address");
        // ... a colleague whose account has no recent failures still gets in ...
        let r = try_login(&db, &rest[0], "cakap2026", spray).await;
        assert!(r.is_ok(), "{backend}: {:?}", r.err());
        // ... and a guessed-at account's owner gets in from their own address.
        let r = try_login(&db, &targets[1], "cakap2026", "10.9.9.9").await;
        assert!(r.is_ok(), "{backend}: {:?}", r.err());
    }
}

#[tokio::test]
async fn oversized_names_and_passwords_are_refused_before_any_hashing() {
    for (backend, db) in backends("login_sizes").await {
        let db = seeded(db).await;
        let long_name = "x".repeat(101);
        let e = try_login(&db, &long_name, "cakap2026", "10.0.0.7")
            .await
            .err()
            .unwrap();
        assert_eq!(keys(&e), vec!["err.account_too_long"], "{backend}");
        let buckets = count(&db, "SELECT COUNT(*) AS n FROM login_buckets").await;
        assert_eq!(buckets, 0, "{backend}: nothing stored for it");
        // A password longer than any the policy allows is refused before hashing,
        // and takes no try from the account.
        let e = try_login(&db, "pegawai.manna", &"p".repeat(10_000), "10.0.0.7")
            .await
            .err()
            .unwrap();
        assert_eq!(keys(&e), vec!["err.password_long"], "{backend}");
        let buckets = count(&db, "SELECT COUNT(*) AS n FROM login_buckets").await;
        assert_eq!(buckets, 0, "{backend}");
    }
}
