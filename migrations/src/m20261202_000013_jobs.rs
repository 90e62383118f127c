//! Long work done in the background (closing a campaign, creating its rater lists):
//! one row per job with who started it, where it stands and how far it got. The
//! `cursor` is the job's own bookmark, written in the same transaction as each step's
//! work, so a job taken over after a crash resumes exactly after the last step that
//! committed. `runner` and `heartbeat_at` say which server process holds it and when
//! it last showed life.

use crate::util::{a, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(a("jobs"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(string(a("kind")))
                .col(integer_null(a("subject_id")))
                .col(integer_null(a("started_by")))
                .col(string(a("started_by_name")))
                .col(string(a("state")))
                .col(string_null(a("phase")))
                .col(big_integer(a("done")))
                .col(big_integer(a("total")))
                .col(big_integer_null(a("cursor")))
                .col(text_null(a("error")))
                .col(string_null(a("runner")))
                .col(timestamp_with_time_zone_null(a("heartbeat_at")))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone_null(a("started_at")))
                .col(timestamp_with_time_zone_null(a("finished_at")))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_jobs_agency")
                        .from(a("jobs"), a("agency_id"))
                        .to(a("agencies"), a("id"))
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .take(),
        )
        .await?;
        m.create_index(index("ix_jobs_state", a("jobs"), &["state", "id"]))
            .await?;
        m.create_index(index("ix_jobs_agency", a("jobs"), &["agency_id", "id"]))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(a("jobs")).take()).await
    }
}
