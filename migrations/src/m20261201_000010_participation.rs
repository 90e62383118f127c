//! The comment round of a standard cannot be skipped silently: each agency sets how
//! long a standard stays open for comment at least (`comment_days`, 7 by default),
//! and a standard ratified before that keeps the reason HR gave (`skip_reason`).

use crate::util::a;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(a("agencies"))
                .add_column(small_integer(a("comment_days")).default(7))
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(a("standards"))
                .add_column(text_null(a("skip_reason")))
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(a("standards"))
                .drop_column(a("skip_reason"))
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(a("agencies"))
                .drop_column(a("comment_days"))
                .take(),
        )
        .await
    }
}
