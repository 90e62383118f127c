//! Writing and verifying the audit chain. `record` must be called inside the same
//! transaction as the change it describes.

use crate::auth::model::Actor;
use crate::server::entities::audit_log;
use crate::server::sql;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
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
#[allow(clippy::too_many_arguments)]
fn row_hash(
    chain: i32,
    seq: i64,
    at: i64,
    actor_user_id: Option<i32>,
    actor_label: &str,
    action: &str,
    entity: &str,
    entity_id: &str,
    summary: &str,
    prev_hash: &str,
) -> String {
    let canonical = serde_json::to_string(&(
        chain,
        seq,
        at,
        actor_user_id,
        actor_label,
        action,
        entity,
        entity_id,
        summary,
        prev_hash,
    ))
    .unwrap_or_default();
    hex::encode(Sha256::digest(canonical.as_bytes()))
}

fn hash_of(m: &audit_log::Model) -> String {
    row_hash(
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
    )
}

/// Appends one row to the agency's chain. The head row is updated first, which takes
/// its lock (PostgreSQL) or the write lock (SQLite), so concurrent writers queue.
pub async fn record(db: &impl ConnectionTrait, by: &By, e: Entry<'_>) -> Result<(), DbErr> {
    let chain = e.agency_id.unwrap_or(0);
    sql::exec(
        db,
        "INSERT INTO audit_heads (chain, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (chain) DO NOTHING",
        vec![chain.into(), GENESIS.into()],
    )
    .await?;
    let head = sql::one(
        db,
        "UPDATE audit_heads SET seq = seq + 1 WHERE chain = $1 RETURNING seq, hash",
        vec![chain.into()],
    )
    .await?
    .ok_or_else(|| DbErr::Custom("audit head missing".into()))?;
    let seq: i64 = sql::get(&head, "seq")?;
    let prev: String = sql::get(&head, "hash")?;
    let at = crate::server::db::now();
    let summary = e.summary.to_string();
    let hash = row_hash(
        chain,
        seq,
        at.timestamp(),
        by.user_id,
        &by.label,
        e.action,
        e.entity,
        &e.entity_id,
        &summary,
        &prev,
    );
    sql::exec(
        db,
        "INSERT INTO audit_log (chain, seq, at, actor_user_id, actor_label, action, entity, entity_id, summary, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        vec![
            chain.into(), seq.into(), at.into(), by.user_id.into(), by.label.clone().into(),
            e.action.into(), e.entity.into(), e.entity_id.into(), summary.into(), prev.into(),
            hash.clone().into(),
        ],
    )
    .await?;
    sql::exec(
        db,
        "UPDATE audit_heads SET hash = $1 WHERE chain = $2",
        vec![hash.into(), chain.into()],
    )
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
    let heads = crate::server::entities::audit_head::Entity::find()
        .all(db)
        .await?;
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
                if hash_of(m) != m.hash {
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
