//! The competency dictionary (national rows have no agency; each agency adds its
//! technical ones), the level descriptions, and per-position standards: versioned,
//! drafted with the employees (comments and HR's answers), then ratified and locked.
//! The national dictionary is data of this migration (`app/src/competency/national.json`).

use crate::util::{a, exec, index, tenant_fk, tenant_key, unique};
use chrono::Timelike;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const NATIONAL: &str = include_str!("../../app/src/competency/national.json");

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(a("competencies"))
                .col(pk_auto(a("id")))
                .col(integer_null(a("agency_id")))
                .col(string(a("code")))
                .col(string(a("grp")))
                .col(string(a("name")))
                .col(text(a("definition")))
                .col(boolean(a("active")).default(true))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_competencies_agency")
                        .from(a("competencies"), a("agency_id"))
                        .to(a("agencies"), a("id")),
                )
                .take(),
        )
        .await?;
        // National codes are unique nationally; an agency's codes within the agency.
        exec(m, "CREATE UNIQUE INDEX ux_competencies_national ON competencies (code) WHERE agency_id IS NULL").await?;
        exec(m, "CREATE UNIQUE INDEX ux_competencies_agency ON competencies (agency_id, code) WHERE agency_id IS NOT NULL").await?;

        m.create_table(
            Table::create()
                .table(a("competency_levels"))
                .col(pk_auto(a("id")))
                .col(integer(a("competency_id")))
                .col(small_integer(a("level")))
                .col(text(a("description")))
                // A JSON array of behavioural indicators.
                .col(text(a("indicators")))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_competency_levels_competency")
                        .from(a("competency_levels"), a("competency_id"))
                        .to(a("competencies"), a("id"))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(unique(
            "ux_competency_levels",
            a("competency_levels"),
            &["competency_id", "level"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(a("standards"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(integer(a("position_id")))
                .col(integer(a("version")))
                .col(string(a("status")))
                .col(text(a("note")).default(""))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone_null(a("opened_at")))
                .col(timestamp_with_time_zone_null(a("ratified_at")))
                .col(integer_null(a("ratified_by_user_id")))
                .index(&mut tenant_key("ux_standards_tenant"))
                .foreign_key(&mut tenant_fk(
                    "fk_standards_position",
                    "standards",
                    "position_id",
                    "positions",
                ))
                .take(),
        )
        .await?;
        m.create_index(unique(
            "ux_standards_version",
            a("standards"),
            &["position_id", "version"],
        ))
        .await?;
        // At most one ratified (in force) and one being drafted per position.
        exec(m, "CREATE UNIQUE INDEX ux_standards_ratified ON standards (position_id) WHERE status = 'ratified'").await?;
        exec(m, "CREATE UNIQUE INDEX ux_standards_working ON standards (position_id) WHERE status IN ('draft', 'open')").await?;

        m.create_table(
            Table::create()
                .table(a("standard_items"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(integer(a("standard_id")))
                .col(integer(a("competency_id")))
                .col(small_integer(a("required_level")))
                .foreign_key(&mut tenant_fk(
                    "fk_standard_items_standard",
                    "standard_items",
                    "standard_id",
                    "standards",
                ))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_standard_items_competency")
                        .from(a("standard_items"), a("competency_id"))
                        .to(a("competencies"), a("id")),
                )
                .take(),
        )
        .await?;
        m.create_index(unique(
            "ux_standard_items",
            a("standard_items"),
            &["standard_id", "competency_id"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(a("standard_comments"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(integer(a("standard_id")))
                .col(integer(a("user_id")))
                .col(string(a("author_name")))
                .col(text(a("body")))
                .col(text_null(a("answer")))
                .col(integer_null(a("answered_by_user_id")))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone_null(a("answered_at")))
                .foreign_key(&mut tenant_fk(
                    "fk_standard_comments_standard",
                    "standard_comments",
                    "standard_id",
                    "standards",
                ))
                .take(),
        )
        .await?;
        m.create_index(index(
            "ix_standard_comments_standard",
            a("standard_comments"),
            &["standard_id", "created_at"],
        ))
        .await?;
        seed_national(m).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "standard_comments",
            "standard_items",
            "standards",
            "competency_levels",
            "competencies",
        ] {
            m.drop_table(Table::drop().table(a(t)).take()).await?;
        }
        Ok(())
    }
}

/// The 8 managerial competencies and Perekat Bangsa with their level texts.
async fn seed_national(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    let list: Vec<serde_json::Value> =
        serde_json::from_str(NATIONAL).map_err(|e| DbErr::Custom(e.to_string()))?;
    let now = chrono::Utc::now()
        .with_nanosecond(0)
        .unwrap_or_else(chrono::Utc::now);
    for c in &list {
        let s = |k: &str| c[k].as_str().unwrap_or_default().to_string();
        m.exec_stmt(
            Query::insert()
                .into_table(a("competencies"))
                .columns([
                    a("code"),
                    a("grp"),
                    a("name"),
                    a("definition"),
                    a("active"),
                    a("created_at"),
                ])
                .values_panic([
                    s("code").into(),
                    s("group").into(),
                    s("name").into(),
                    s("definition").into(),
                    true.into(),
                    Expr::val(now),
                ])
                .take(),
        )
        .await?;
        for l in c["levels"].as_array().into_iter().flatten() {
            let level = l["level"].as_i64().unwrap_or_default() as i32;
            let select = Query::select()
                .column(a("id"))
                .expr(Expr::val(level))
                .expr(Expr::val(l["description"].as_str().unwrap_or_default()))
                .expr(Expr::val(l["indicators"].to_string()))
                .from(a("competencies"))
                .and_where(Expr::col(a("agency_id")).is_null())
                .and_where(Expr::col(a("code")).eq(s("code")))
                .take();
            m.exec_stmt(
                Query::insert()
                    .into_table(a("competency_levels"))
                    .columns([
                        a("competency_id"),
                        a("level"),
                        a("description"),
                        a("indicators"),
                    ])
                    .select_from(select)
                    .map_err(|e| DbErr::Custom(e.to_string()))?
                    .take(),
            )
            .await?;
        }
    }
    Ok(())
}
