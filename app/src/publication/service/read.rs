//! What the public reads (no login): the agencies with their latest published
//! period, one snapshot as its page shows it (with the names still consented, the
//! period's versions and the agency's trend), and a snapshot's file.
//!
//! The first two are remembered (see `server::read_cache`): a stored snapshot never
//! changes, and what is read beside it (which one is latest, a correction, the names
//! whose consent stands) changes only by a commit, which retires every entry. A
//! regency's snapshot is megabytes of JSON with its trend read from every earlier
//! one, so parsing them for each visitor would cost the page and the API their speed.

use super::stored::{bodies_of, body_of, chain_of, is_current, versions_in};
use super::verify::file_text;
use crate::error::AppError;
use crate::publication::model::{NamedEntry, PublicAgency, Published};
use crate::server::entities::{agency, signing_key, snapshot, snapshot_name};
use crate::server::read_cache::{ReadCache, TTL};
use crate::server::Config;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Deserialize;
use std::sync::Arc;

/// The agencies' list, as `agencies` reads it.
pub type Agencies = ReadCache<(), Vec<PublicAgency>>;
/// Snapshots as `published` reads them, by (agency code, snapshot asked for).
pub type Snapshots = ReadCache<(String, Option<i32>), Published>;

/// Snapshots remembered at most: a regency's is megabytes once parsed, and which
/// ones are asked for is the visitor's choice (`?snapshot=`).
const MOST_SNAPSHOTS: usize = 16;

pub fn register(caches: &mut crate::server::caches::Caches, config: &Config) {
    caches.register(Agencies::new(config.published_cache));
    caches.register(if config.published_cache {
        Snapshots::with_limits(TTL, MOST_SNAPSHOTS)
    } else {
        Snapshots::new(false)
    });
}

/// `agencies`, remembered in `cache`.
pub async fn agencies_in(
    cache: &Agencies,
    db: &impl ConnectionTrait,
) -> Result<Arc<Vec<PublicAgency>>, AppError> {
    cache.get_or_load((), agencies(db)).await
}

/// `published`, remembered in `cache`.
pub async fn published_in(
    cache: &Snapshots,
    db: &impl ConnectionTrait,
    code: &str,
    id: Option<i32>,
) -> Result<Arc<Published>, AppError> {
    cache
        .get_or_load((code.to_string(), id), published(db, code, id))
        .await
}

/// Active agencies, each with its latest current snapshot.
pub async fn agencies(db: &impl ConnectionTrait) -> Result<Vec<PublicAgency>, AppError> {
    let all = agency::Entity::find()
        .filter(agency::Column::Active.eq(true))
        .order_by_asc(agency::Column::Name)
        .all(db)
        .await?;
    let mut out = Vec::new();
    for a in all {
        let chain = chain_of(db, a.id).await?;
        let latest = chain.iter().rev().find(|h| is_current(&chain, h));
        let latest = match latest {
            Some(h) => Some((
                h.id,
                body_of(db, h.id).await?.period.name,
                h.published_at.to_rfc3339(),
            )),
            None => None,
        };
        out.push(PublicAgency {
            code: a.code,
            name: a.name,
            latest,
        });
    }
    Ok(out)
}

/// The agency of `code`, active.
async fn agency_by_code(db: &impl ConnectionTrait, code: &str) -> Result<agency::Model, AppError> {
    agency::Entity::find()
        .filter(agency::Column::Code.eq(code))
        .filter(agency::Column::Active.eq(true))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

#[derive(Deserialize)]
struct Entry {
    name: String,
    position: String,
    unit: String,
    jpm: f64,
}

/// Snapshot `id` of agency `code`, or its latest current one.
pub async fn published(
    db: &impl ConnectionTrait,
    code: &str,
    id: Option<i32>,
) -> Result<Published, AppError> {
    let a = agency_by_code(db, code).await?;
    let chain = chain_of(db, a.id).await?;
    let head = match id {
        Some(id) => chain.iter().find(|h| h.id == id),
        None => chain.iter().rev().find(|h| is_current(&chain, h)),
    }
    .ok_or(AppError::NotFound)?;
    let s = snapshot::Entity::find_by_id(head.id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let body = serde_json::from_str(&s.body).map_err(crate::error::internal)?;
    let key = signing_key::Entity::find_by_id(s.key_id).one(db).await?;
    let shown: Vec<i32> = chain
        .iter()
        .filter(|h| is_current(&chain, h) && h.sequence <= s.sequence)
        .map(|h| h.id)
        .collect();
    let bodies = bodies_of(db, shown.clone()).await?;
    let trend = shown
        .iter()
        .filter_map(|id| bodies.get(id))
        .map(|b| (b.period.name.clone(), b.total.mean_jpm))
        .collect();
    Ok(Published {
        id: s.id,
        hash: s.hash.clone(),
        signature: s.signature.clone(),
        public_key: key.map(|k| k.public_key).unwrap_or_default(),
        superseded_by: chain
            .iter()
            .find(|o| o.corrects_id == Some(s.id))
            .map(|o| o.id),
        honour: names_of(db, s.id).await?,
        versions: versions_in(&chain, head.period()),
        body,
        trend,
        bands_chart: None,
        trend_chart: None,
        unlisted: 0,
    })
}

/// The named entries kept beside snapshot `id` (those whose consent stands).
pub async fn names_of(db: &impl ConnectionTrait, id: i32) -> Result<Vec<NamedEntry>, AppError> {
    let rows = snapshot_name::Entity::find()
        .filter(snapshot_name::Column::SnapshotId.eq(id))
        .order_by_asc(snapshot_name::Column::Id)
        .all(db)
        .await?;
    rows.into_iter()
        .map(|r| {
            // An entry we wrote that no longer reads is a fault, never a name to drop.
            let e: Entry = serde_json::from_str(&r.entry).map_err(crate::error::internal)?;
            Ok(NamedEntry {
                name: e.name,
                position: e.position,
                unit: e.unit,
                jpm: e.jpm,
                salt: r.salt,
                commitment: r.commitment,
            })
        })
        .collect()
}

/// Snapshot `id`'s file: (file name, its text).
pub async fn file(db: &impl ConnectionTrait, id: i32) -> Result<(String, String), AppError> {
    let s = snapshot::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let key = signing_key::Entity::find_by_id(s.key_id)
        .one(db)
        .await?
        .map(|k| k.public_key)
        .unwrap_or_default();
    let a = agency::Entity::find_by_id(s.agency_id).one(db).await?;
    let code = a.map(|a| a.code).unwrap_or_default();
    Ok((
        format!("snapshot-{code}-{}.json", s.sequence),
        file_text(&s, &key),
    ))
}
