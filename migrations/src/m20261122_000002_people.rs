//! Positions (jabatan), employees (pegawai), their dated assignments and the
//! supervisor links HR sets over the derived ones.

use crate::util::{a, exec, index, tenant_fk, tenant_key, unique};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn agency_fk(name: &str, from: &'static str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(a(from), a("agency_id"))
        .to(a("agencies"), a("id"))
        .take()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(a("positions"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(string(a("code")))
                .col(string(a("name")))
                .col(string(a("job_level")))
                .col(boolean(a("active")).default(true))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone(a("updated_at")))
                .index(&mut tenant_key("ux_positions_tenant"))
                .foreign_key(&mut agency_fk("fk_positions_agency", "positions"))
                .take(),
        )
        .await?;
        m.create_index(unique(
            "ux_positions_agency_code",
            a("positions"),
            &["agency_id", "code"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(a("employees"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(string(a("nip")))
                .col(string(a("name")))
                .col(string(a("sex")))
                .col(string(a("status")))
                .col(boolean(a("active")).default(true))
                .col(timestamp_with_time_zone(a("created_at")))
                .col(timestamp_with_time_zone(a("updated_at")))
                .index(&mut tenant_key("ux_employees_tenant"))
                .foreign_key(&mut agency_fk("fk_employees_agency", "employees"))
                .take(),
        )
        .await?;
        // A NIP identifies one civil servant nationally, whatever agency holds them.
        m.create_index(unique("ux_employees_nip", a("employees"), &["nip"]))
            .await?;
        // Covers the HR list (ordered by name) so its page is read from the index alone.
        m.create_index(index(
            "ix_employees_agency_name",
            a("employees"),
            &["agency_id", "name", "id", "active", "nip", "status"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(a("assignments"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(integer(a("employee_id")))
                .col(integer(a("position_id")))
                .col(integer(a("unit_id")))
                .col(boolean(a("is_head")).default(false))
                .col(date(a("start_date")))
                .col(date_null(a("end_date")))
                .col(timestamp_with_time_zone(a("created_at")))
                .foreign_key(&mut tenant_fk(
                    "fk_assignments_employee",
                    "assignments",
                    "employee_id",
                    "employees",
                ))
                .foreign_key(&mut tenant_fk(
                    "fk_assignments_position",
                    "assignments",
                    "position_id",
                    "positions",
                ))
                .foreign_key(&mut tenant_fk(
                    "fk_assignments_unit",
                    "assignments",
                    "unit_id",
                    "units",
                ))
                .take(),
        )
        .await?;
        // One current assignment per employee and one current head per unit.
        exec(m, "CREATE UNIQUE INDEX ux_assignments_current ON assignments (employee_id) WHERE end_date IS NULL").await?;
        exec(m, "CREATE UNIQUE INDEX ux_assignments_head ON assignments (unit_id) WHERE end_date IS NULL AND is_head").await?;
        exec(m, "CREATE INDEX ix_assignments_unit_current ON assignments (unit_id, employee_id) WHERE end_date IS NULL").await?;
        exec(m, "CREATE INDEX ix_assignments_position_current ON assignments (position_id) WHERE end_date IS NULL").await?;
        m.create_index(index(
            "ix_assignments_employee",
            a("assignments"),
            &["employee_id", "start_date"],
        ))
        .await?;

        m.create_table(
            Table::create()
                .table(a("supervisor_links"))
                .col(pk_auto(a("id")))
                .col(integer(a("agency_id")))
                .col(integer(a("employee_id")))
                .col(integer_null(a("supervisor_id")))
                .col(string(a("reason")))
                .col(integer_null(a("set_by_user_id")))
                .col(timestamp_with_time_zone(a("valid_from")))
                .col(timestamp_with_time_zone_null(a("valid_to")))
                .foreign_key(&mut tenant_fk(
                    "fk_supervisor_links_employee",
                    "supervisor_links",
                    "employee_id",
                    "employees",
                ))
                .foreign_key(&mut tenant_fk(
                    "fk_supervisor_links_supervisor",
                    "supervisor_links",
                    "supervisor_id",
                    "employees",
                ))
                .take(),
        )
        .await?;
        exec(m, "CREATE UNIQUE INDEX ux_supervisor_links_current ON supervisor_links (employee_id) WHERE valid_to IS NULL").await?;
        exec(m, "CREATE INDEX ix_supervisor_links_supervisor ON supervisor_links (supervisor_id) WHERE valid_to IS NULL").await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in ["supervisor_links", "assignments", "employees", "positions"] {
            m.drop_table(Table::drop().table(a(t)).take()).await?;
        }
        Ok(())
    }
}
