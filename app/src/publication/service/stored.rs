//! Reading what was published: an agency's chain (without the bodies), a period's
//! versions, and the body a snapshot holds. A snapshot is current until a later
//! version of its period corrects it.

use crate::error::AppError;
use crate::publication::model::{Body, PeriodKind, VersionRow};
use crate::server::entities::snapshot;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;

/// A snapshot's place in the chain, without its body.
#[derive(Clone, Debug, FromQueryResult)]
pub struct Head {
    pub id: i32,
    pub sequence: i32,
    pub period_kind: PeriodKind,
    pub period_id: i32,
    pub version: i32,
    pub corrects_id: Option<i32>,
    pub reason: Option<String>,
    pub hash: String,
    pub previous_hash: Option<String>,
    pub published_at: chrono::DateTime<chrono::Utc>,
}

impl Head {
    pub fn period(&self) -> (PeriodKind, i32) {
        (self.period_kind, self.period_id)
    }
}

/// The agency's snapshots in chain order.
pub async fn chain_of(db: &impl ConnectionTrait, agency: i32) -> Result<Vec<Head>, AppError> {
    use snapshot::Column as S;
    Ok(snapshot::Entity::find()
        .select_only()
        .columns([
            S::Id,
            S::Sequence,
            S::PeriodKind,
            S::PeriodId,
            S::Version,
            S::CorrectsId,
            S::Reason,
            S::Hash,
            S::PreviousHash,
            S::PublishedAt,
        ])
        .filter(S::AgencyId.eq(agency))
        .order_by_asc(S::Sequence)
        .into_model::<Head>()
        .all(db)
        .await?)
}

/// Whether no later snapshot corrects `h`.
pub fn is_current(chain: &[Head], h: &Head) -> bool {
    !chain.iter().any(|o| o.corrects_id == Some(h.id))
}

/// The versions of one period, first first.
pub fn versions_in(chain: &[Head], period: (PeriodKind, i32)) -> Vec<VersionRow> {
    chain
        .iter()
        .filter(|h| h.period() == period)
        .map(|h| VersionRow {
            id: h.id,
            sequence: h.sequence,
            version: h.version,
            published_at: h.published_at.to_rfc3339(),
            reason: h.reason.clone(),
            current: is_current(chain, h),
        })
        .collect()
}

/// The body a snapshot holds, read back.
pub async fn body_of(db: &impl ConnectionTrait, id: i32) -> Result<Body, AppError> {
    let text: Option<String> = snapshot::Entity::find_by_id(id)
        .select_only()
        .column(snapshot::Column::Body)
        .into_tuple()
        .one(db)
        .await?;
    let text = text.ok_or(AppError::NotFound)?;
    serde_json::from_str(&text).map_err(crate::error::internal)
}

/// The bodies of several snapshots, by id, in one read.
pub async fn bodies_of(
    db: &impl ConnectionTrait,
    ids: Vec<i32>,
) -> Result<HashMap<i32, Body>, AppError> {
    let rows: Vec<(i32, String)> = snapshot::Entity::find()
        .select_only()
        .column(snapshot::Column::Id)
        .column(snapshot::Column::Body)
        .filter(snapshot::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    rows.into_iter()
        .map(|(id, text)| {
            let body = serde_json::from_str(&text).map_err(crate::error::internal)?;
            Ok((id, body))
        })
        .collect()
}

/// The body of the latest current snapshot of another period than `period`.
pub async fn current_of_other_period(
    db: &impl ConnectionTrait,
    agency: i32,
    period: (PeriodKind, i32),
) -> Result<Option<Body>, AppError> {
    let chain = chain_of(db, agency).await?;
    let latest = chain
        .iter()
        .rev()
        .find(|h| h.period() != period && is_current(&chain, h));
    match latest {
        Some(h) => Ok(Some(body_of(db, h.id).await?)),
        None => Ok(None),
    }
}
