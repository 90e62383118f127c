//! Keying a chain written before the audit key existed: done once, when the key is
//! created, and only for chains whose plain hashes still check out. It is never
//! triggered by anything in the database (a flag there could be flipped by the very
//! writer the key guards against), only by the key file being new.

use super::{canonical, key, GENESIS};
use crate::server::entities::{audit_head, audit_log};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbBackend, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// Re-hashes every chain with the key just created, in the caller's transaction
/// (the heads are locked first on PostgreSQL, so no row is appended meanwhile). A
/// chain whose plain hashes do not check out is left as it is (verify will report
/// it) and named in the result.
pub async fn key_legacy_chains(tx: &impl ConnectionTrait) -> Result<Vec<i32>, DbErr> {
    let mut heads = audit_head::Entity::find();
    if tx.get_database_backend() == DbBackend::Postgres {
        heads = heads.lock_exclusive();
    }
    let mut broken = Vec::new();
    for head in heads.all(tx).await? {
        let rows = audit_log::Entity::find()
            .filter(audit_log::Column::Chain.eq(head.chain))
            .order_by_asc(audit_log::Column::Seq)
            .all(tx)
            .await?;
        let mut prev = GENESIS.to_string();
        let intact = rows.iter().all(|r| {
            let ok = r.prev_hash == prev && key::plain(&canonical(r)) == r.hash;
            prev = r.hash.clone();
            ok
        });
        if !intact || prev != head.hash {
            broken.push(head.chain);
            continue;
        }
        let mut prev = GENESIS.to_string();
        for mut r in rows {
            r.prev_hash = prev;
            r.hash = key::mac(&canonical(&r))?;
            prev = r.hash.clone();
            audit_log::Entity::update_many()
                .col_expr(audit_log::Column::PrevHash, Expr::value(r.prev_hash))
                .col_expr(audit_log::Column::Hash, Expr::value(r.hash))
                .filter(audit_log::Column::Id.eq(r.id))
                .exec(tx)
                .await?;
        }
        audit_head::Entity::update_many()
            .col_expr(audit_head::Column::Hash, Expr::value(prev))
            .filter(audit_head::Column::Chain.eq(head.chain))
            .exec(tx)
            .await?;
    }
    Ok(broken)
}
