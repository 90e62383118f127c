//! Checking snapshots. A snapshot file is `{"hash":…,"public_key":…,"signature":…,
//! "snapshot":<body>}` with the body's canonical bytes exactly as signed; checking it
//! needs nothing but the file and the public key (`verify_file`, also the CLI's
//! `cakap verify-snapshot`). A stored snapshot is checked the same way and against
//! its neighbours in the agency's chain (`verify_stored`): each holds the hash of
//! the one before it, so a changed, removed or reordered snapshot breaks the chain.

use super::signing::{sha256, verifies};
use super::stored::{chain_of, Head};
use crate::error::AppError;
use crate::publication::model::{Problem, Verification};
use crate::server::entities::{agency, signing_key, snapshot};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::Deserialize;
use serde_json::value::RawValue;

#[derive(Deserialize)]
struct Envelope<'a> {
    hash: String,
    public_key: String,
    signature: String,
    #[serde(borrow)]
    snapshot: &'a RawValue,
}

/// The file of a stored snapshot: its exact signed bytes with hash, key and signature.
pub fn file_text(s: &snapshot::Model, public_key: &str) -> String {
    let q = |v: &str| serde_json::Value::String(v.to_string()).to_string();
    format!(
        "{{\"hash\":{},\"public_key\":{},\"signature\":{},\"snapshot\":{}}}",
        q(&s.hash),
        q(public_key),
        q(&s.signature),
        s.body
    )
}

/// What is wrong with one snapshot's bytes against its claimed hash and signature.
pub fn problems_of(body: &[u8], hash: &str, public_key: &str, signature: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    if sha256(body) != hash.trim().to_lowercase() {
        out.push(Problem::Hash);
    }
    if !verifies(public_key, body, signature) {
        out.push(Problem::Signature);
    }
    out
}

/// Checks a snapshot file against `key` (hex): (its hash, what is wrong). A file
/// signed with another key than `key` fails its signature.
pub fn verify_file(text: &str, key: &str) -> (String, Vec<Problem>) {
    match serde_json::from_str::<Envelope>(text) {
        Ok(e) => {
            let bytes = e.snapshot.get().as_bytes();
            let mut problems = problems_of(bytes, &e.hash, key, &e.signature);
            if e.public_key.trim() != key.trim() && !problems.contains(&Problem::Signature) {
                problems.push(Problem::Key);
            }
            (sha256(bytes), problems)
        }
        Err(_) => (sha256(text.as_bytes()), vec![Problem::File]),
    }
}

/// Each link of a chain that does not hold: the sequence numbers whose previous
/// hash is not the hash of the snapshot before them (or that are out of order).
pub fn broken_links(chain: &[Head]) -> Vec<i32> {
    let mut out = Vec::new();
    let mut before: Option<&Head> = None;
    for (i, h) in chain.iter().enumerate() {
        let expected = before.map(|b| b.hash.clone());
        if h.previous_hash != expected || h.sequence != i as i32 + 1 {
            out.push(h.sequence);
        }
        before = Some(h);
    }
    out
}

/// Checks stored snapshot `id`: its bytes, its signature under the key it names,
/// and the agency's whole chain (every body rehashed, every link).
pub async fn verify_stored(db: &impl ConnectionTrait, id: i32) -> Result<Verification, AppError> {
    let s = snapshot::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let key = signing_key::Entity::find_by_id(s.key_id).one(db).await?;
    let public_key = key.map(|k| k.public_key).unwrap_or_default();
    let mut problems = problems_of(s.body.as_bytes(), &s.hash, &public_key, &s.signature);
    let chain = chain_of(db, s.agency_id).await?;
    let (checked, chain_ok) = chain_holds(db, s.agency_id, &chain).await?;
    if !chain_ok {
        problems.push(Problem::Chain);
    }
    let a = agency::Entity::find_by_id(s.agency_id).one(db).await?;
    Ok(Verification {
        id: Some(s.id),
        agency: a.map(|a| a.name),
        sequence: Some(s.sequence),
        hash: s.hash,
        public_key,
        problems,
        chain_checked: checked,
    })
}

/// Whether every snapshot of the agency still hashes to what the next one holds:
/// (snapshots checked, all well).
async fn chain_holds(
    db: &impl ConnectionTrait,
    agency: i32,
    chain: &[Head],
) -> Result<(usize, bool), AppError> {
    let mut ok = broken_links(chain).is_empty();
    let bodies: Vec<(i32, String)> = snapshot::Entity::find()
        .select_only()
        .column(snapshot::Column::Id)
        .column(snapshot::Column::Body)
        .filter(snapshot::Column::AgencyId.eq(agency))
        .into_tuple()
        .all(db)
        .await?;
    for (id, body) in &bodies {
        let claimed = chain.iter().find(|h| h.id == *id).map(|h| h.hash.as_str());
        ok &= claimed == Some(sha256(body.as_bytes()).as_str());
    }
    Ok((bodies.len(), ok))
}

/// Checks an uploaded file against the keys this server has signed with: its
/// verification, naming the stored snapshot it is when its hash is one of ours.
pub async fn verify_upload(
    db: &impl ConnectionTrait,
    text: &str,
) -> Result<Verification, AppError> {
    let key = serde_json::from_str::<Envelope>(text)
        .map(|e| e.public_key.trim().to_string())
        .unwrap_or_default();
    let known = signing_key::Entity::find()
        .filter(signing_key::Column::PublicKey.eq(key.clone()))
        .one(db)
        .await?
        .is_some();
    let (hash, mut problems) = verify_file(text, &key);
    if !known && !problems.contains(&Problem::File) {
        problems.push(Problem::Key);
    }
    let stored = snapshot::Entity::find()
        .filter(snapshot::Column::Hash.eq(hash.clone()))
        .one(db)
        .await?;
    let a = match &stored {
        Some(s) => agency::Entity::find_by_id(s.agency_id).one(db).await?,
        None => None,
    };
    Ok(Verification {
        id: stored.as_ref().map(|s| s.id),
        agency: a.map(|a| a.name),
        sequence: stored.map(|s| s.sequence),
        hash,
        public_key: key,
        problems,
        chain_checked: 0,
    })
}
