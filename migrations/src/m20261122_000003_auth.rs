//! Users, their roles per agency, database-backed sessions (so several server
//! processes can share one PostgreSQL) and the login attempts used for rate limiting.

use crate::util::{a, index, unique};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(a("users"))
                .col(pk_auto(a("id")))
                .col(string(a("username")))
                .col(string(a("display_name")))
                .col(string(a("password_hash")))
                .col(integer_null(a("agency_id")))
                .col(integer_null(a("employee_id")))
                .col(boolean(a("active")).default(true))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone_null(a("last_login_at")))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_users_agency")
                        .from(a("users"), a("agency_id"))
                        .to(a("agencies"), a("id")),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_users_employee")
                        .from(a("users"), (a("agency_id"), a("employee_id")))
                        .to(a("employees"), (a("agency_id"), a("id"))),
                )
                .take(),
        )
        .await?;
        m.create_index(unique("ux_users_username", a("users"), &["username"]))
            .await?;
        m.create_index(unique("ux_users_employee", a("users"), &["employee_id"]))
            .await?;

        m.create_table(
            Table::create()
                .table(a("user_roles"))
                .col(pk_auto(a("id")))
                .col(integer(a("user_id")))
                .col(string(a("role")))
                .col(integer_null(a("agency_id")))
                .col(integer_null(a("unit_id")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_user_roles_user")
                        .from(a("user_roles"), a("user_id"))
                        .to(a("users"), a("id"))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_user_roles_unit")
                        .from(a("user_roles"), (a("agency_id"), a("unit_id")))
                        .to(a("units"), (a("agency_id"), a("id"))),
                )
                .take(),
        )
        .await?;
        m.create_index(index("ix_user_roles_user", a("user_roles"), &["user_id"]))
            .await?;

        m.create_table(
            Table::create()
                .table(a("sessions"))
                // SHA-256 of the cookie token: a stolen database does not yield live cookies.
                .col(string(a("id")).primary_key())
                .col(integer(a("user_id")))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone(a("expires_at")))
                .col(string(a("ip")))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_sessions_user")
                        .from(a("sessions"), a("user_id"))
                        .to(a("users"), a("id"))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(index("ix_sessions_user", a("sessions"), &["user_id"]))
            .await?;

        m.create_table(
            Table::create()
                .table(a("login_attempts"))
                .col(big_pk_auto(a("id")))
                .col(string(a("account")))
                .col(string(a("ip")))
                .col(boolean(a("success")))
                .col(timestamp_with_time_zone(a("at")))
                .take(),
        )
        .await?;
        m.create_index(index(
            "ix_login_attempts_account",
            a("login_attempts"),
            &["account", "at"],
        ))
        .await?;
        m.create_index(index(
            "ix_login_attempts_ip",
            a("login_attempts"),
            &["ip", "at"],
        ))
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["login_attempts", "sessions", "user_roles", "users"] {
            m.drop_table(Table::drop().table(a(t)).take()).await?;
        }
        Ok(())
    }
}
