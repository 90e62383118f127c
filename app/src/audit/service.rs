//! Writing and verifying the audit chain. `record` must be called inside the same
//! transaction as the change it describes.

use crate::auth::model::Actor;
use crate::server::entities::{audit_head, audit_log};
use sea_orm::sea_query::{Expr, ExprTrait, OnConflict};
use sea_orm::{
    ActiveValue::NotSet, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};
use serde_json::Value as Json;
use sha2::{Digest, Sha256};

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

/// The hashed content of a row: every column but `id` and `hash`.
fn row_hash(m: &audit_log::Model) -> String {
    let canonical = serde_json::to_string(&(
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
    .unwrap_or_default();
    hex::encode(Sha256::digest(canonical.as_bytes()))
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
    row.hash = row_hash(&row);
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

/// What `verify` found.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Intact {
        rows: u64,
        chains: u64,
    },
    Broken {
        chain: i32,
        seq: i64,
        reason: String,
    },
}

/// Walks every chain in order and recomputes each hash. Detects an edited row (hash
/// mismatch), a deleted or inserted row (sequence gap or broken link) and a removed
/// tail (the head no longer matches the last row).
pub async fn verify(db: &impl ConnectionTrait) -> Result<Verdict, DbErr> {
    let heads = audit_head::Entity::find().all(db).await?;
    let mut rows = 0u64;
    for head in &heads {
        let mut prev = GENESIS.to_string();
        let mut expected_seq = 1i64;
        loop {
            let batch = audit_log::Entity::find()
                .filter(audit_log::Column::Chain.eq(head.chain))
                .filter(audit_log::Column::Seq.gte(expected_seq))
                .order_by_asc(audit_log::Column::Seq)
                .limit(2000)
                .all(db)
                .await?;
            if batch.is_empty() {
                break;
            }
            for m in &batch {
                let broken = |reason: &str| Verdict::Broken {
                    chain: head.chain,
                    seq: m.seq,
                    reason: reason.to_string(),
                };
                if m.seq != expected_seq {
                    return Ok(Verdict::Broken {
                        chain: head.chain,
                        seq: expected_seq,
                        reason: "row missing".into(),
                    });
                }
                if m.prev_hash != prev {
                    return Ok(broken("link to previous row broken"));
                }
                if row_hash(m) != m.hash {
                    return Ok(broken("row content altered"));
                }
                prev = m.hash.clone();
                expected_seq += 1;
                rows += 1;
            }
        }
        if expected_seq - 1 != head.seq || prev != head.hash {
            return Ok(Verdict::Broken {
                chain: head.chain,
                seq: expected_seq,
                reason: "rows missing at the end of the chain".into(),
            });
        }
    }
    Ok(Verdict::Intact {
        rows,
        chains: heads.len() as u64,
    })
}

/// Records that an entity was deactivated or reactivated.
pub async fn record_toggle(
    db: &impl ConnectionTrait,
    by: &By,
    agency_id: i32,
    entity: &str,
    id: i32,
    before: bool,
    after: bool,
) -> Result<(), DbErr> {
    record(db, by, Entry {
        agency_id: Some(agency_id),
        action: if after { "activate" } else { "deactivate" },
        entity,
        entity_id: id.to_string(),
        summary: serde_json::json!({ "before": { "active": before }, "after": { "active": after } }),
    })
    .await
}

/// Records a change made by a user in an agency (the common case of `record`).
pub async fn change(
    db: &impl ConnectionTrait,
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
    record(db, &By::from(actor), entry).await
}
