//! Small helpers shared by the migrations.

use sea_orm_migration::prelude::*;

/// A table or column name.
pub fn a(s: &'static str) -> Alias {
    Alias::new(s)
}

/// Runs one SQL statement that both backends understand (partial indexes, mostly).
pub async fn exec(manager: &SchemaManager<'_>, sql: &str) -> Result<(), DbErr> {
    manager
        .get_connection()
        .execute_unprepared(sql)
        .await
        .map(|_| ())
}

/// A unique index over the given columns.
pub fn unique(name: &str, table: impl IntoIden, cols: &[&'static str]) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(name).table(table).unique();
    for c in cols {
        idx.col(Alias::new(*c));
    }
    idx.take()
}

/// A plain index over the given columns.
pub fn index(name: &str, table: impl IntoIden, cols: &[&'static str]) -> IndexCreateStatement {
    let mut idx = Index::create();
    idx.name(name).table(table);
    for c in cols {
        idx.col(Alias::new(*c));
    }
    idx.take()
}

/// A foreign key on `(agency_id, <col>)` to `(agency_id, id)` of a tenant table.
pub fn tenant_fk(
    name: &str,
    from: &'static str,
    col: &'static str,
    to: &'static str,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .name(name)
        .from(Alias::new(from), (Alias::new("agency_id"), Alias::new(col)))
        .to(Alias::new(to), (Alias::new("agency_id"), Alias::new("id")))
        .on_delete(ForeignKeyAction::Restrict)
        .take()
}

/// The inline `(agency_id, id)` unique key that tenant foreign keys point at. It is
/// declared inside CREATE TABLE so that a table can reference itself (unit parents).
pub fn tenant_key(name: &str) -> IndexCreateStatement {
    Index::create()
        .name(name)
        .col(Alias::new("agency_id"))
        .col(Alias::new("id"))
        .unique()
        .take()
}
