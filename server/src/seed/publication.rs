//! Demo publications: each agency publishes its 2025 and 2026 campaigns; then the
//! two best-rated people of 2026 consent to the honour list and HR publishes a
//! correction of 2026 that names them, with its reason. So the public pages show a
//! chain of three snapshots, a superseded version, a trend and an honour list.

use super::training::actor_of;
use app::auth::model::Actor;
use app::error::AppError;
use app::publication::model::ConsentKind;
use app::publication::service::{consent, publish::publish};
use app::server::entities::campaign_ratee;
use app::server::Db;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// The reason the demo's correction gives.
const REASON: &str = "Menambahkan daftar kehormatan setelah dua pegawai memberikan persetujuan.";

pub async fn seed(db: &Db, hr: &Actor, campaigns: [i32; 2]) -> Result<(), AppError> {
    for c in campaigns {
        publish(db, hr, c, "").await?;
    }
    let best: Vec<i32> = campaign_ratee::Entity::find()
        .select_only()
        .column(campaign_ratee::Column::EmployeeId)
        .filter(campaign_ratee::Column::CampaignId.eq(campaigns[1]))
        .filter(campaign_ratee::Column::Jpm.gte(90.0))
        .order_by_desc(campaign_ratee::Column::Jpm)
        .order_by_asc(campaign_ratee::Column::EmployeeId)
        .limit(2)
        .into_tuple()
        .all(db)
        .await?;
    for e in best {
        if let Some(me) = actor_of(db, e).await? {
            consent::set(db, &me, ConsentKind::Honour, true).await?;
        }
    }
    publish(db, hr, campaigns[1], REASON).await?;
    Ok(())
}
