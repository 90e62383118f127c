//! Accounts: temporary passwords (who may issue them, what they allow), changing
//! one's own password, idle sessions, and what the system administrator may do.

use super::*;
use app::auth::model::PasswordChangeForm;
use app::auth::service::{account, actor_for_session};
use app::server::entities::user;
use chrono::Duration;
use sea_orm::sea_query::Expr;

fn change(current: &str, new: &str, repeat: &str) -> PasswordChangeForm {
    PasswordChangeForm {
        current: current.into(),
        new: new.into(),
        repeat: repeat.into(),
    }
}

#[tokio::test]
async fn hr_issues_temporary_passwords_to_employees_only_and_they_must_be_changed() {
    for (backend, db) in backends("reset").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let employee = actor(&db, "pegawai.manna").await;
        let t = app::people::service::login::issue_login(&db, &hr, employee.employee_id.unwrap())
            .await
            .unwrap();
        assert_eq!(t.username, "pegawai.manna", "{backend}");
        assert_eq!(t.password.len(), 14, "{backend}: three groups of four");
        assert!(
            log_in(&db, "pegawai.manna", "cakap2026").await.is_err(),
            "{backend}"
        );
        let session = log_in(&db, "pegawai.manna", &t.password).await.unwrap();
        let me = actor_for_session(&db, &session).await.unwrap().unwrap();
        assert!(me.must_change_password(), "{backend}: told to change it");
        assert!(
            me.password_reset_at.is_some(),
            "{backend}: and when it was reset"
        );
        let audited = count(
            &db,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'reset_password'",
        )
        .await;
        assert_eq!(audited, 1, "{backend}");
        // A leader's and an HR colleague's account are the administrator's to reset.
        for higher in ["kadinkes.manna", "hr.manna"] {
            let id = actor(&db, higher).await.employee_id.unwrap();
            let e = app::people::service::login::issue_login(&db, &hr, id)
                .await
                .unwrap_err();
            assert!(
                matches!(&e, AppError::Conflict(m) if m.key == "err.reset_needs_admin"),
                "{backend}: {higher}: {e:?}"
            );
        }
        let other_hr = actor(&db, "hr.makassar").await;
        let e =
            app::people::service::login::issue_login(&db, &other_hr, employee.employee_id.unwrap())
                .await
                .unwrap_err();
        assert_eq!(
            e,
            AppError::Forbidden,
            "{backend}: another agency's employee"
        );
        let admin = actor(&db, "admin").await;
        let nurse_login = user_named(&db, "pegawai.manna").await;
        let e = account::issue_temporary(&db, &admin, nurse_login.id)
            .await
            .unwrap_err();
        assert!(
            matches!(&e, AppError::Conflict(m) if m.key == "err.reset_is_hrs"),
            "{backend}: a plain employee is HR's to reset: {e:?}"
        );
        // Taking the head off their unit does not make their account HR's to reset.
        use app::server::entities::assignment;
        let kadis = actor(&db, "kadinkes.manna").await.employee_id.unwrap();
        assignment::Entity::update_many()
            .col_expr(
                assignment::Column::EndDate,
                Expr::value(app::server::db::today()),
            )
            .filter(assignment::Column::EmployeeId.eq(kadis))
            .filter(assignment::Column::EndDate.is_null())
            .exec(&db)
            .await
            .unwrap();
        let e = app::people::service::login::issue_login(&db, &hr, kadis)
            .await
            .unwrap_err();
        assert!(
            matches!(&e, AppError::Conflict(m) if m.key == "err.reset_needs_admin"),
            "{backend}: headed a unit until today: {e:?}"
        );
        let leader = user_named(&db, "kadinkes.manna").await;
        let t = account::issue_temporary(&db, &admin, leader.id)
            .await
            .unwrap();
        assert!(
            log_in(&db, "kadinkes.manna", &t.password).await.is_ok(),
            "{backend}"
        );
        let audited = count(
            &db,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'reset_password'",
        )
        .await;
        assert_eq!(
            audited, 2,
            "{backend}: the administrator's reset is audited too"
        );
    }
}

#[tokio::test]
async fn a_temporary_password_expires_after_72_hours() {
    for (backend, db) in backends("reset_expiry").await {
        let db = seeded(db).await;
        let hr = actor(&db, "hr.manna").await;
        let u = user_named(&db, "pegawai.manna").await;
        let t = account::issue_temporary(&db, &hr, u.id).await.unwrap();
        user::Entity::update_many()
            .col_expr(
                user::Column::PasswordResetAt,
                Expr::value(app::server::db::now() - Duration::hours(73)),
            )
            .filter(user::Column::Id.eq(u.id))
            .exec(&db)
            .await
            .unwrap();
        let e = log_in(&db, "pegawai.manna", &t.password).await.unwrap_err();
        assert_eq!(keys(&e), vec!["err.temporary_expired"], "{backend}");
    }
}

#[tokio::test]
async fn users_change_their_own_password_and_their_other_sessions_end() {
    for (backend, db) in backends("change_password").await {
        let db = seeded(db).await;
        let here = log_in(&db, "pegawai.manna", "cakap2026").await.unwrap();
        let elsewhere = log_in(&db, "pegawai.manna", "cakap2026").await.unwrap();
        let me = actor_for_session(&db, &here).await.unwrap().unwrap();
        let nip = nip(&db, me.employee_id.unwrap()).await;
        let long = "k".repeat(129);
        for (form, field, key) in [
            (
                change("salah", "baru-sekali-1", "baru-sekali-1"),
                "current",
                "err.password_current_wrong",
            ),
            (
                change("cakap2026", "Pegawai.Manna", "Pegawai.Manna"),
                "new",
                "err.password_is_name",
            ),
            (
                change("cakap2026", &nip, &nip),
                "new",
                "err.password_is_name",
            ),
            (
                change("cakap2026", "pendek", "pendek"),
                "new",
                "err.password_short",
            ),
            (
                change("cakap2026", &long, &long),
                "new",
                "err.password_long",
            ),
            (
                change("cakap2026", "baru-sekali-1", "baru-sekali-2"),
                "repeat",
                "err.password_repeat",
            ),
            (
                change("cakap2026", "cakap2026", "cakap2026"),
                "new",
                "err.password_same",
            ),
        ] {
            let e = account::change_password(&db, &me, &here, &form)
                .await
                .unwrap_err();
            assert_eq!(e.fields()[0].field, field, "{backend}: {key}");
            assert_eq!(keys(&e), vec![key], "{backend}");
        }
        let ok = change("cakap2026", "baru-sekali-1", "baru-sekali-1");
        account::change_password(&db, &me, &here, &ok)
            .await
            .unwrap();
        assert!(
            actor_for_session(&db, &here).await.unwrap().is_some(),
            "{backend}: this session stays"
        );
        assert!(
            actor_for_session(&db, &elsewhere).await.unwrap().is_none(),
            "{backend}: the other ends"
        );
        assert!(
            log_in(&db, "pegawai.manna", "baru-sekali-1").await.is_ok(),
            "{backend}"
        );
        let audited = count(
            &db,
            "SELECT COUNT(*) AS n FROM audit_log WHERE action = 'change_password'",
        )
        .await;
        assert_eq!(audited, 1, "{backend}");
    }
}

#[tokio::test]
async fn the_system_administrator_keeps_agencies_and_accounts_not_people() {
    for (backend, db) in backends("sysadmin").await {
        let db = seeded(db).await;
        let admin = actor(&db, "admin").await;
        let someone = actor(&db, "pegawai.manna").await.employee_id.unwrap();
        let e = employee_detail::get_employee(&db, &admin, someone)
            .await
            .unwrap_err();
        assert_eq!(e, AppError::Forbidden, "{backend}: an employee's record");
        let e = org::create_unit(&db, &admin, &form("X1", "Unit X1", None))
            .await
            .unwrap_err();
        assert_eq!(e, AppError::Forbidden, "{backend}: an agency's units");
        let o = app::hr::service::admin_overview(&db, &admin).await.unwrap();
        assert_eq!(o.agencies.len(), 2, "{backend}");
        let names: Vec<&str> = o.accounts.iter().map(|a| a.username.as_str()).collect();
        for elevated in ["admin", "hr.manna", "kadinkes.manna", "hr.makassar"] {
            assert!(
                names.contains(&elevated),
                "{backend}: {elevated} in {names:?}"
            );
        }
        assert!(!names.contains(&"pegawai.manna"), "{backend}");
    }
}
