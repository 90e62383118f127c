//! The key snapshots are signed with: an Ed25519 key whose private half is a file on
//! the application server (created at first start, like the audit key), installed
//! once per process; its public half is recorded in `signing_keys`, printed on the
//! public pages and given by the API, so anyone can check a snapshot offline.

use crate::server::entities::signing_key;
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

static KEY: OnceLock<SigningKey> = OnceLock::new();

/// A new random private key, as the hex text the key file holds.
pub fn generate() -> String {
    hex::encode(rand::random::<[u8; 32]>())
}

/// Installs the process's signing key (32 bytes). The same key again is harmless;
/// another is refused.
pub fn install(seed: &[u8]) -> Result<(), String> {
    let bytes: [u8; 32] = seed
        .try_into()
        .map_err(|_| "a signing key is 32 bytes".to_string())?;
    let key = SigningKey::from_bytes(&bytes);
    let installed = KEY.get_or_init(|| key.clone());
    if installed.to_bytes() == key.to_bytes() {
        Ok(())
    } else {
        Err("a different signing key is already installed".into())
    }
}

fn key() -> Result<&'static SigningKey, DbErr> {
    KEY.get()
        .ok_or_else(|| DbErr::Custom("the signing key is not loaded".into()))
}

/// The installed key's public half, hex.
pub fn public_key() -> Result<String, DbErr> {
    Ok(hex::encode(key()?.verifying_key().to_bytes()))
}

/// The id of the installed key's row in `signing_keys`, recording it first if needed.
pub async fn key_id(db: &impl ConnectionTrait) -> Result<i32, DbErr> {
    let public = public_key()?;
    let found = signing_key::Entity::find()
        .filter(signing_key::Column::PublicKey.eq(public.clone()))
        .one(db)
        .await?;
    if let Some(k) = found {
        return Ok(k.id);
    }
    let row = signing_key::ActiveModel {
        public_key: Set(public.clone()),
        ..Default::default()
    }
    .insert(db)
    .await;
    match row {
        Ok(row) => Ok(row.id),
        // Another server sharing the database recorded the same key between our read
        // and this write (two processes starting at once on PostgreSQL).
        Err(e) => signing_key::Entity::find()
            .filter(signing_key::Column::PublicKey.eq(public))
            .one(db)
            .await?
            .map(|k| k.id)
            .ok_or(e),
    }
}

/// The signature of `bytes` under the installed key, hex.
pub fn sign(bytes: &[u8]) -> Result<String, DbErr> {
    Ok(hex::encode(key()?.sign(bytes).to_bytes()))
}

/// SHA-256 of `bytes`, hex.
pub fn sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Whether `signature` (hex) is the signature of `bytes` under `public_key` (hex).
/// Anything unreadable is simply not a valid signature.
pub fn verifies(public_key: &str, bytes: &[u8], signature: &str) -> bool {
    let key = hex::decode(public_key.trim())
        .ok()
        .and_then(|k| <[u8; 32]>::try_from(k.as_slice()).ok())
        .and_then(|k| VerifyingKey::from_bytes(&k).ok());
    let sig = hex::decode(signature.trim())
        .ok()
        .and_then(|s| <[u8; 64]>::try_from(s.as_slice()).ok())
        .map(|s| Signature::from_bytes(&s));
    match (key, sig) {
        (Some(k), Some(s)) => k.verify(bytes, &s).is_ok(),
        _ => false,
    }
}

/// A secret for another use (`label`), derived from the installed key: HMAC-SHA-256
/// of the label under the private half. It lasts as long as the key, without a
/// second key file, and says nothing about the key itself.
pub fn derived(label: &str) -> Result<[u8; 32], DbErr> {
    use hmac::{Hmac, Mac};
    let mut m = Hmac::<Sha256>::new_from_slice(&key()?.to_bytes())
        .map_err(|e| DbErr::Custom(format!("signing key: {e}")))?;
    m.update(label.as_bytes());
    Ok(m.finalize().into_bytes().into())
}
