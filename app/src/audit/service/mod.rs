//! Writing and verifying the audit chain. Every mutation ends with `commit` (or, for
//! the rows HR edits whole, `commit_created` / `commit_updated` / `commit_toggle`): the
//! record is written in the transaction of the change it
//! describes, and the transaction commits with it.

pub mod key;
mod upgrade;
mod verify;

pub use upgrade::key_legacy_chains;
pub use verify::{verify, Verdict};

use crate::auth::model::Actor;
use crate::server::entities::{audit_head, audit_log, Keyed, Tenant};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, Set,
};
use serde_json::Value as Json;

pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who made a change: a user, or the system itself (seeding, migrations).
#[derive(Clone, Debug)]
pub struct By {
    pub user_id: Option<i32>,
    pub label: String,
}

impl By {
    pub fn system(label: &str) -> By {
        By {
            user_id: None,
            label: format!("system:{label}"),
        }
    }
}

impl From<&Actor> for By {
    fn from(a: &Actor) -> By {
        By {
            user_id: Some(a.user_id),
            label: a.username.clone(),
        }
    }
}

/// One change to record.
pub struct Entry<'a> {
    pub agency_id: Option<i32>,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: String,
    pub summary: Json,
}

/// The content of a row the hash covers: every column but `id` and `hash`.
pub fn canonical(m: &audit_log::Model) -> Vec<u8> {
    serde_json::to_vec(&(
        m.chain,
        m.seq,
        m.at.timestamp(),
        m.actor_user_id,
        &m.actor_label,
        &m.action,
        &m.entity,
        &m.entity_id,
        &m.summary,
        &m.prev_hash,
    ))
    .unwrap_or_default()
}

/// The keyed hash of a row (see `key`).
pub(super) fn row_hash(m: &audit_log::Model) -> Result<String, DbErr> {
    key::mac(&canonical(m))
}

/// Appends one row to the agency's chain. The head row is updated first, which takes
/// its lock (PostgreSQL) or the write lock (SQLite), so concurrent writers queue.
pub async fn record(db: &impl ConnectionTrait, by: &By, e: Entry<'_>) -> Result<(), DbErr> {
    let chain = e.agency_id.unwrap_or(0);
    let genesis = audit_head::ActiveModel {
        chain: Set(chain),
        seq: Set(0),
        hash: Set(GENESIS.into()),
    };
    audit_head::Entity::insert(genesis)
        .on_conflict(
            OnConflict::column(audit_head::Column::Chain)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    let head = audit_head::Entity::update_many()
        .col_expr(
            audit_head::Column::Seq,
            Expr::col(audit_head::Column::Seq).add(1),
        )
        .filter(audit_head::Column::Chain.eq(chain))
        .exec_with_returning(db)
        .await?
        .pop()
        .ok_or_else(|| DbErr::Custom("audit head missing".into()))?;
    let mut row = audit_log::Model {
        id: 0,
        chain,
        seq: head.seq,
        at: crate::server::db::now(),
        actor_user_id: by.user_id,
        actor_label: by.label.clone(),
        action: e.action.into(),
        entity: e.entity.into(),
        entity_id: e.entity_id,
        summary: e.summary.to_string(),
        prev_hash: head.hash,
        hash: String::new(),
    };
    row.hash = row_hash(&row)?;
    let hash = row.hash.clone();
    let mut insert: audit_log::ActiveModel = row.into();
    insert.id = NotSet;
    audit_log::Entity::insert(insert)
        .exec_without_returning(db)
        .await?;
    audit_head::Entity::update_many()
        .col_expr(audit_head::Column::Hash, Expr::value(hash))
        .filter(audit_head::Column::Chain.eq(chain))
        .exec(db)
        .await?;
    Ok(())
}

/// How every mutation made by a user ends: its audit record, written in the
/// mutation's own transaction, then the commit (so the read caches see it at once).
pub async fn commit(
    tx: DatabaseTransaction,
    actor: &Actor,
    agency_id: i32,
    action: &str,
    entity: &str,
    id: i32,
    summary: Json,
) -> Result<(), DbErr> {
    let entry = Entry {
        agency_id: Some(agency_id),
        action,
        entity,
        entity_id: id.to_string(),
        summary,
    };
    record(&tx, &By::from(actor), entry).await?;
    if crate::server::read_cache::retires(entity) {
        crate::server::commit(tx).await
    } else {
        crate::server::db::commit_unseen(tx).await
    }
}

/// A row HR edits as a whole (a unit, a position, an employee): its changes are
/// recorded the same way everywhere, under its name, with its snapshot.
pub trait Audited: Tenant + Keyed {
    /// The `entity` column of its audit records.
    const ENTITY: &'static str;
    /// What of the row a reader of the audit log needs to see.
    fn snapshot(&self) -> Json;
}

/// The summary `{before?, after, ..extra}`; `extra` is an object or `null`.
fn summary(before: Option<Json>, after: Json, extra: Json) -> Json {
    let mut s = serde_json::Map::new();
    if let Some(b) = before {
        s.insert("before".into(), b);
    }
    s.insert("after".into(), after);
    if let Json::Object(more) = extra {
        s.extend(more);
    }
    Json::Object(s)
}

/// `commit` for a row just created.
pub async fn commit_created<M: Audited>(
    tx: DatabaseTransaction,
    actor: &Actor,
    row: &M,
    extra: Json,
) -> Result<(), DbErr> {
    let s = summary(None, row.snapshot(), extra);
    commit(
        tx,
        actor,
        row.agency_id(),
        "create",
        M::ENTITY,
        row.key(),
        s,
    )
    .await
}

/// `commit` for a row edited from `before` to `after`.
pub async fn commit_updated<M: Audited>(
    tx: DatabaseTransaction,
    actor: &Actor,
    (before, after): (&M, &M),
    extra: Json,
) -> Result<(), DbErr> {
    let s = summary(Some(before.snapshot()), after.snapshot(), extra);
    commit(
        tx,
        actor,
        after.agency_id(),
        "update",
        M::ENTITY,
        after.key(),
        s,
    )
    .await
}

/// `commit` for a row deactivated (`active` false) or reactivated.
pub async fn commit_toggle<M: Audited>(
    tx: DatabaseTransaction,
    actor: &Actor,
    row: &M,
    (before, after): (bool, bool),
) -> Result<(), DbErr> {
    let action = if after { "activate" } else { "deactivate" };
    let s = serde_json::json!({ "before": { "active": before }, "after": { "active": after } });
    commit(tx, actor, row.agency_id(), action, M::ENTITY, row.key(), s).await
}
