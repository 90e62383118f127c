//! The training catalogue and who takes what: programmes with the competencies and
//! levels they build, enrolments (asked by the employee and approved by their
//! supervisor, or made by HR) through attendance and completion, and certificates
//! kept in the database beside them (never as files named by the uploader).

use crate::util::{a, index, tenant_fk, tenant_key, unique};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn programmes() -> TableCreateStatement {
    Table::create()
        .table(a("programmes"))
        .col(pk_auto(a("id")))
        .col(integer(a("agency_id")))
        .col(string(a("code")))
        .col(string(a("name")))
        .col(integer(a("jp")))
        .col(string(a("mode")))
        .col(string(a("provider")))
        .col(date(a("starts_on")))
        .col(date(a("ends_on")))
        .col(integer(a("capacity")))
        // Training for assessors: its effect is read on their leniency.
        .col(boolean(a("for_assessors")))
        .col(boolean(a("active")))
        .col(timestamp_with_time_zone(a("created_at")))
        .col(timestamp_with_time_zone(a("updated_at")))
        .index(&mut tenant_key("ux_programmes_tenant"))
        .foreign_key(
            ForeignKey::create()
                .name("fk_programmes_agency")
                .from(a("programmes"), a("agency_id"))
                .to(a("agencies"), a("id"))
                .on_delete(ForeignKeyAction::Restrict),
        )
        .take()
}

fn programme_competencies() -> TableCreateStatement {
    Table::create()
        .table(a("programme_competencies"))
        .col(pk_auto(a("id")))
        .col(integer(a("agency_id")))
        .col(integer(a("programme_id")))
        .col(integer(a("competency_id")))
        // The level the programme builds the competency to.
        .col(small_integer(a("level")))
        .foreign_key(&mut tenant_fk(
            "fk_programme_competencies_programme",
            "programme_competencies",
            "programme_id",
            "programmes",
        ))
        .foreign_key(
            ForeignKey::create()
                .name("fk_programme_competencies_competency")
                .from(a("programme_competencies"), a("competency_id"))
                .to(a("competencies"), a("id"))
                .on_delete(ForeignKeyAction::Restrict),
        )
        .take()
}

fn enrolments() -> TableCreateStatement {
    Table::create()
        .table(a("enrolments"))
        .col(pk_auto(a("id")))
        .col(integer(a("agency_id")))
        .col(integer(a("programme_id")))
        .col(integer(a("employee_id")))
        // The gap of the development plan it closes, when it comes from one.
        .col(integer_null(a("competency_id")))
        .col(string(a("status")))
        .col(boolean(a("by_hr")))
        // The supervisor's note when they return a request.
        .col(string_null(a("note")))
        .col(integer_null(a("decided_by")))
        // Percent of the sessions attended.
        .col(small_integer_null(a("attendance")))
        .col(string_null(a("certificate_no")))
        .col(date_null(a("completed_on")))
        // Credited on completion with a pass; 0 before.
        .col(integer(a("jp")))
        .col(timestamp_with_time_zone(a("created_at")))
        .col(timestamp_with_time_zone(a("updated_at")))
        .index(&mut tenant_key("ux_enrolments_tenant"))
        .foreign_key(&mut tenant_fk(
            "fk_enrolments_programme",
            "enrolments",
            "programme_id",
            "programmes",
        ))
        .foreign_key(&mut tenant_fk(
            "fk_enrolments_employee",
            "enrolments",
            "employee_id",
            "employees",
        ))
        .take()
}

fn certificates() -> TableCreateStatement {
    Table::create()
        .table(a("certificates"))
        .col(pk_auto(a("id")))
        .col(integer(a("agency_id")))
        .col(integer(a("enrolment_id")))
        // Decided from the file's first bytes, never from its name.
        .col(string(a("media_type")))
        .col(string(a("file_name")))
        .col(integer(a("size")))
        .col(string(a("sha256")))
        .col(blob(a("bytes")))
        .col(timestamp_with_time_zone(a("created_at")))
        .foreign_key(&mut tenant_fk(
            "fk_certificates_enrolment",
            "certificates",
            "enrolment_id",
            "enrolments",
        ))
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(programmes()).await?;
        m.create_index(unique(
            "ux_programmes_code",
            a("programmes"),
            &["agency_id", "code"],
        ))
        .await?;
        m.create_table(programme_competencies()).await?;
        m.create_index(unique(
            "ux_programme_competencies",
            a("programme_competencies"),
            &["programme_id", "competency_id"],
        ))
        .await?;
        m.create_index(index(
            "ix_programme_competencies_competency",
            a("programme_competencies"),
            &["agency_id", "competency_id"],
        ))
        .await?;
        m.create_table(enrolments()).await?;
        m.create_index(unique(
            "ux_enrolments_person",
            a("enrolments"),
            &["programme_id", "employee_id"],
        ))
        .await?;
        m.create_index(index(
            "ix_enrolments_employee",
            a("enrolments"),
            &["employee_id", "status"],
        ))
        .await?;
        m.create_index(index(
            "ix_enrolments_status",
            a("enrolments"),
            &["agency_id", "status"],
        ))
        .await?;
        m.create_table(certificates()).await?;
        m.create_index(unique(
            "ux_certificates_enrolment",
            a("certificates"),
            &["enrolment_id"],
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            "certificates",
            "enrolments",
            "programme_competencies",
            "programmes",
        ] {
            m.drop_table(Table::drop().table(a(t)).take()).await?;
        }
        Ok(())
    }
}
