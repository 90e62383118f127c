//! Publishing results: the public keys snapshots are signed with, the snapshots
//! themselves (immutable: the database refuses to change or delete one), the names
//! beside them (deleted when consent is revoked; the snapshot keeps only a salted
//! hash of each), the consents, and each agency's choice to show named rankings
//! inside the agency.

use crate::util::{a, exec, index, tenant_fk, tenant_key, unique};
use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn signing_keys() -> TableCreateStatement {
    Table::create()
        .table(a("signing_keys"))
        .col(pk_auto(a("id")))
        // Ed25519 public key, hex; the private half stays in a file on the server.
        .col(string_uniq(a("public_key")))
        .col(timestamp_with_time_zone(a("created_at")))
        .take()
}

fn snapshots() -> TableCreateStatement {
    Table::create()
        .table(a("snapshots"))
        .col(pk_auto(a("id")))
        .col(integer(a("agency_id")))
        // Position in the agency's chain, from 1.
        .col(integer(a("sequence")))
        .col(string(a("period_kind")))
        .col(integer(a("period_id")))
        // 1 for a first publication of the period, then each correction.
        .col(integer(a("version")))
        .col(integer_null(a("corrects_id")))
        .col(string_null(a("reason")))
        // The canonical JSON that is hashed and signed, byte for byte.
        .col(text(a("body")))
        .col(string(a("hash")))
        .col(string_null(a("previous_hash")))
        .col(integer(a("key_id")))
        .col(string(a("signature")))
        .col(integer(a("published_by")))
        .col(timestamp_with_time_zone(a("published_at")))
        .index(&mut tenant_key("ux_snapshots_tenant"))
        .foreign_key(
            ForeignKey::create()
                .name("fk_snapshots_agency")
                .from(a("snapshots"), a("agency_id"))
                .to(a("agencies"), a("id"))
                .on_delete(ForeignKeyAction::Restrict),
        )
        .foreign_key(
            ForeignKey::create()
                .name("fk_snapshots_key")
                .from(a("snapshots"), a("key_id"))
                .to(a("signing_keys"), a("id"))
                .on_delete(ForeignKeyAction::Restrict),
        )
        .take()
}

fn snapshot_names() -> TableCreateStatement {
    Table::create()
        .table(a("snapshot_names"))
        .col(pk_auto(a("id")))
        .col(integer(a("agency_id")))
        .col(integer(a("snapshot_id")))
        .col(integer(a("employee_id")))
        .col(string(a("list")))
        // The entry as canonical JSON and the random salt its committed hash used.
        .col(text(a("entry")))
        .col(string(a("salt")))
        .col(string(a("commitment")))
        .foreign_key(&mut tenant_fk(
            "fk_snapshot_names_snapshot",
            "snapshot_names",
            "snapshot_id",
            "snapshots",
        ))
        .foreign_key(&mut tenant_fk(
            "fk_snapshot_names_employee",
            "snapshot_names",
            "employee_id",
            "employees",
        ))
        .take()
}

fn consents() -> TableCreateStatement {
    Table::create()
        .table(a("consents"))
        .col(pk_auto(a("id")))
        .col(integer(a("agency_id")))
        .col(integer(a("employee_id")))
        .col(string(a("kind")))
        .col(timestamp_with_time_zone(a("given_at")))
        .col(timestamp_with_time_zone_null(a("revoked_at")))
        .foreign_key(&mut tenant_fk(
            "fk_consents_employee",
            "consents",
            "employee_id",
            "employees",
        ))
        .take()
}

/// Triggers that refuse to change or delete a published snapshot, on both backends.
async fn freeze(m: &SchemaManager<'_>) -> Result<(), DbErr> {
    if m.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        exec(
            m,
            "CREATE FUNCTION snapshots_frozen() RETURNS trigger AS $$ BEGIN \
             RAISE EXCEPTION 'published snapshots never change'; END; $$ LANGUAGE plpgsql",
        )
        .await?;
        exec(
            m,
            "CREATE TRIGGER snapshots_frozen BEFORE UPDATE OR DELETE ON snapshots \
             FOR EACH ROW EXECUTE FUNCTION snapshots_frozen()",
        )
        .await
    } else {
        for (name, op) in [
            ("snapshots_no_update", "UPDATE"),
            ("snapshots_no_delete", "DELETE"),
        ] {
            exec(
                m,
                &format!(
                    "CREATE TRIGGER {name} BEFORE {op} ON snapshots BEGIN \
                     SELECT RAISE(ABORT, 'published snapshots never change'); END"
                ),
            )
            .await?;
        }
        Ok(())
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(signing_keys()).await?;
        m.create_table(snapshots()).await?;
        m.create_index(unique(
            "ux_snapshots_sequence",
            a("snapshots"),
            &["agency_id", "sequence"],
        ))
        .await?;
        m.create_index(unique("ux_snapshots_hash", a("snapshots"), &["hash"]))
            .await?;
        m.create_index(index(
            "ix_snapshots_period",
            a("snapshots"),
            &["agency_id", "period_kind", "period_id"],
        ))
        .await?;
        freeze(m).await?;
        m.create_table(snapshot_names()).await?;
        m.create_index(index(
            "ix_snapshot_names_snapshot",
            a("snapshot_names"),
            &["snapshot_id"],
        ))
        .await?;
        m.create_index(index(
            "ix_snapshot_names_employee",
            a("snapshot_names"),
            &["employee_id"],
        ))
        .await?;
        m.create_table(consents()).await?;
        m.create_index(unique(
            "ux_consents_person",
            a("consents"),
            &["employee_id", "kind"],
        ))
        .await?;
        m.alter_table(
            Table::alter()
                .table(a("agencies"))
                .add_column(boolean(a("named_ranking")).default(false))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(a("agencies"))
                .drop_column(a("named_ranking"))
                .take(),
        )
        .await?;
        for t in ["consents", "snapshot_names", "snapshots", "signing_keys"] {
            m.drop_table(Table::drop().table(a(t)).take()).await?;
        }
        if m.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            exec(m, "DROP FUNCTION IF EXISTS snapshots_frozen()").await?;
        }
        Ok(())
    }
}
