//! The honour list: people of a campaign at the optimal band who consented to be
//! named, best first. The snapshot commits to SHA-256 of `salt:entry` for each (the
//! entry as canonical JSON, the salt random); the entries and salts are kept beside
//! it in `snapshot_names` and deleted when consent is revoked, so a name disappears
//! everywhere while the signed snapshot, and its chain, stay as they were.

use super::signing::sha256;
use crate::competency::rules::JpmBands;
use crate::error::AppError;
use crate::publication::model::ConsentKind;
use crate::publication::rules::{canonical, two};
use crate::server::entities::{by_ids, campaign_ratee, consent, employee, position, unit};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde_json::json;

/// At most this many names on a list.
pub const HONOUR_MAX: u64 = 10;

/// One named entry to keep beside a snapshot.
pub struct Named {
    pub employee_id: i32,
    pub entry: String,
    pub salt: String,
    pub commitment: String,
}

/// The commitment a snapshot holds for an entry with its salt.
pub fn commitment(salt: &str, entry: &str) -> String {
    sha256(format!("{salt}:{entry}").as_bytes())
}

/// Who currently consents to `kind` in the agency.
pub async fn consenting(
    db: &impl ConnectionTrait,
    agency: i32,
    kind: ConsentKind,
) -> Result<Vec<i32>, AppError> {
    Ok(consent::Entity::find()
        .select_only()
        .column(consent::Column::EmployeeId)
        .filter(consent::Column::AgencyId.eq(agency))
        .filter(consent::Column::Kind.eq(kind))
        .filter(consent::Column::RevokedAt.is_null())
        .into_tuple()
        .all(db)
        .await?)
}

/// The campaign's honour list of consenting people, best JPM first.
pub async fn honour_list(
    db: &impl ConnectionTrait,
    (agency, c): (i32, i32),
) -> Result<Vec<Named>, AppError> {
    let who = consenting(db, agency, ConsentKind::Honour).await?;
    if who.is_empty() {
        return Ok(vec![]);
    }
    let rows = campaign_ratee::Entity::find()
        .filter(campaign_ratee::Column::CampaignId.eq(c))
        .filter(campaign_ratee::Column::EmployeeId.is_in(who))
        .filter(campaign_ratee::Column::Jpm.gte(JpmBands::default().optimal))
        .order_by_desc(campaign_ratee::Column::Jpm)
        .order_by_asc(campaign_ratee::Column::EmployeeId)
        .limit(HONOUR_MAX)
        .all(db)
        .await?;
    let people = by_ids::<employee::Model>(db, rows.iter().map(|r| r.employee_id)).await?;
    let units = by_ids::<unit::Model>(db, rows.iter().map(|r| r.unit_id)).await?;
    let posts = by_ids::<position::Model>(db, rows.iter().map(|r| r.position_id)).await?;
    let name_of = |m: Option<String>| m.unwrap_or_default();
    Ok(rows
        .iter()
        .map(|r| {
            let entry = canonical(&json!({
                "name": name_of(people.get(&r.employee_id).map(|e| e.name.clone())),
                "position": name_of(posts.get(&r.position_id).map(|p| p.name.clone())),
                "unit": name_of(units.get(&r.unit_id).map(|u| u.name.clone())),
                "jpm": two(r.jpm.unwrap_or(0.0)),
            }));
            let salt = hex::encode(rand::random::<[u8; 16]>());
            Named {
                employee_id: r.employee_id,
                commitment: commitment(&salt, &entry),
                entry,
                salt,
            }
        })
        .collect())
}
