//! Checking the audit chain: every row's hash recomputed and every link followed.

use super::{row_hash, GENESIS};
use crate::server::entities::{audit_head, audit_log};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

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
                if row_hash(m)? != m.hash {
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
