//! What the API reads beyond the pages' services: an agency's chain with hashes and
//! signatures (without the bodies), and a ranking as rows.

use super::model::{RankRow, Ranking, Snapshot};
use app::error::AppError;
use app::publication::model::{Published, RankBy};
use app::server::entities::{agency, by_ids, campaign, signing_key, snapshot};
use app::server::Db;
use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect};
use std::collections::HashSet;

/// A snapshot's row without its body.
#[derive(FromQueryResult)]
struct Row {
    id: i32,
    sequence: i32,
    period_id: i32,
    version: i32,
    corrects_id: Option<i32>,
    reason: Option<String>,
    hash: String,
    previous_hash: Option<String>,
    key_id: i32,
    signature: String,
    published_at: chrono::DateTime<chrono::Utc>,
}

/// Agency `code`'s snapshots, newest first (NotFound for an unknown agency).
pub async fn snapshots_of(db: &Db, code: &str) -> Result<Vec<Snapshot>, AppError> {
    let a = agency::Entity::find()
        .filter(agency::Column::Code.eq(code))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    use snapshot::Column as C;
    let rows = snapshot::Entity::find()
        .select_only()
        .columns([
            C::Id,
            C::Sequence,
            C::PeriodId,
            C::Version,
            C::CorrectsId,
            C::Reason,
        ])
        .columns([
            C::Hash,
            C::PreviousHash,
            C::KeyId,
            C::Signature,
            C::PublishedAt,
        ])
        .filter(C::AgencyId.eq(a.id))
        .order_by_desc(C::Sequence)
        .into_model::<Row>()
        .all(db)
        .await?;
    let corrected: HashSet<i32> = rows.iter().filter_map(|r| r.corrects_id).collect();
    let keys = by_ids::<signing_key::Model>(db, rows.iter().map(|r| r.key_id)).await?;
    let periods = by_ids::<campaign::Model>(db, rows.iter().map(|r| r.period_id)).await?;
    Ok(rows
        .into_iter()
        .map(|r| Snapshot {
            current: !corrected.contains(&r.id),
            period: periods
                .get(&r.period_id)
                .map(|c| c.name.clone())
                .unwrap_or_default(),
            public_key: keys
                .get(&r.key_id)
                .map(|k| k.public_key.clone())
                .unwrap_or_default(),
            published_at: r.published_at.to_rfc3339(),
            id: r.id,
            sequence: r.sequence,
            version: r.version,
            reason: r.reason,
            hash: r.hash,
            previous_hash: r.previous_hash,
            signature: r.signature,
        })
        .collect())
}

/// The top units of snapshot `s` ranked by `by`, withheld ones last without a rank.
pub fn ranking(s: &Published, by: RankBy) -> Ranking {
    let b = &s.body;
    let mut rows: Vec<RankRow> = b
        .ranked(by)
        .into_iter()
        .enumerate()
        .map(|(n, u)| RankRow {
            rank: Some(n as u32 + 1),
            code: u.code.clone(),
            name: u.name.clone(),
            people: u.figures.people,
            value: by.of(&u.figures),
            withheld: None,
        })
        .collect();
    rows.extend(
        b.top_units()
            .into_iter()
            .filter(|u| by.of(&u.figures).is_none())
            .map(|u| RankRow {
                rank: None,
                code: u.code.clone(),
                name: u.name.clone(),
                people: u.figures.people,
                value: None,
                withheld: u.figures.withheld.map(|w| w.code().to_string()),
            }),
    );
    Ranking {
        agency: b.agency.code.clone(),
        snapshot: s.id,
        period: b.period.name.clone(),
        by: by.code().to_string(),
        rules: b.rules.version.clone(),
        rows,
    }
}
