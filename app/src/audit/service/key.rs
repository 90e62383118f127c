//! The audit key. A chain of plain SHA-256 hashes only shows tampering to someone
//! who cannot recompute it, and whoever can write the database can. So each row's
//! hash is an HMAC-SHA256 under a secret key kept outside the database (a file on
//! the application server, created at first start; see docs/SECURITY.md): rewriting
//! a row and recomputing the hashes without the key is caught by `verify`.
//!
//! The key is installed once per process, before anything is recorded.

use hmac::{Hmac, Mac};
use sea_orm::DbErr;
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

static KEY: OnceLock<Vec<u8>> = OnceLock::new();

/// Installs the process's audit key. Installing the same key again is harmless; a
/// different one is refused (one process, one chain key).
pub fn install(key: Vec<u8>) -> Result<(), String> {
    let installed = KEY.get_or_init(|| key.clone());
    if *installed == key {
        Ok(())
    } else {
        Err("a different audit key is already installed".into())
    }
}

/// The keyed hash of a row's canonical content.
pub fn mac(canonical: &[u8]) -> Result<String, DbErr> {
    let key = KEY
        .get()
        .ok_or_else(|| DbErr::Custom("the audit key is not loaded".into()))?;
    let mut m = Hmac::<Sha256>::new_from_slice(key)
        .map_err(|e| DbErr::Custom(format!("audit key: {e}")))?;
    m.update(canonical);
    Ok(hex::encode(m.finalize().into_bytes()))
}

/// The plain SHA-256 of a row's canonical content: how rows were hashed before the
/// chain was keyed (read once, when a legacy chain is keyed).
pub fn plain(canonical: &[u8]) -> String {
    hex::encode(Sha256::digest(canonical))
}

/// A new random key, as the hex text the key file holds.
pub fn generate() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// Ties the installed key to the database. The first key a writing process brings
/// (`writes`) is recorded by its fingerprint (and, when the key file was `created`
/// just now, the chains written before keys existed are keyed with it); any other key
/// is refused, so rows nobody could verify are never written. A check (`writes`
/// false) only compares, and never records the key it was given.
pub async fn bind(
    db: &sea_orm::DatabaseConnection,
    created: bool,
    writes: bool,
) -> Result<Vec<i32>, DbErr> {
    use crate::server::entities::audit_key;
    use sea_orm::{EntityTrait, Set};
    let fingerprint = mac(b"cakap audit key check")?;
    let tx = crate::server::write_tx(db).await?;
    let known = audit_key::Entity::find().all(&tx).await?;
    if known.iter().any(|k| k.fingerprint == fingerprint) {
        crate::server::commit(tx).await?;
        return Ok(vec![]);
    }
    if !known.is_empty() || !writes {
        if known.is_empty() {
            // Nothing recorded yet (a database older than the fingerprint): compare later.
            return Ok(vec![]);
        }
        return Err(DbErr::Custom(
            "this database's audit chain is keyed with another key: start with its key file \
             (--audit-key)"
                .into(),
        ));
    }
    let row = audit_key::ActiveModel {
        fingerprint: Set(fingerprint.clone()),
        created_at: Set(crate::server::db::now()),
    };
    if let Err(e) = audit_key::Entity::insert(row)
        .exec_without_returning(&tx)
        .await
    {
        // Another server sharing the database recorded a key between our read and
        // this write (two processes starting at once on PostgreSQL): the same key is
        // fine; any other is refused as above.
        drop(tx);
        let again = audit_key::Entity::find().all(db).await?;
        if again.iter().any(|k| k.fingerprint == fingerprint) {
            return Ok(vec![]);
        }
        return Err(e);
    }
    let broken = if created {
        super::key_legacy_chains(&tx).await?
    } else {
        vec![]
    };
    crate::server::commit(tx).await?;
    Ok(broken)
}
