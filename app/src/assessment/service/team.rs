//! The people whose dashboards the reader may open from their own: direct
//! subordinates, and for a unit leader the staff of the units they lead, each with
//! their latest JPM, lowest first (who needs attention first).

use crate::assessment::model::{CampaignStatus, TeamMember};
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::org::service::units_under;
use crate::people::service::supervision::subordinates_of;
use crate::server::entities::assignment;
use crate::server::{sql, Db};
use sea_orm::{raw_sql, ColumnTrait, QueryFilter, QueryOrder, QuerySelect};

/// At most this many people are listed (a leader of a large unit uses HR's lists).
const MAX: usize = 300;

pub async fn team(db: &Db, actor: &Actor) -> Result<Vec<TeamMember>, AppError> {
    let (Some(me), Some(agency)) = (actor.employee_id, actor.agency_id) else {
        return Ok(vec![]);
    };
    let mut ids = subordinates_of(db, me).await?;
    let led = actor.led_units(agency);
    if !led.is_empty() {
        let units = units_under(db, agency, &led).await?;
        let staff: Vec<i32> = assignment::Entity::current()
            .select_only()
            .column(assignment::Column::EmployeeId)
            .filter(assignment::Column::UnitId.is_in(units))
            .order_by_asc(assignment::Column::EmployeeId)
            .limit(MAX as u64)
            .into_tuple()
            .all(db)
            .await?;
        ids.extend(staff);
    }
    ids.retain(|id| *id != me);
    ids.sort_unstable();
    ids.dedup();
    ids.truncate(MAX);
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let closed = CampaignStatus::Closed;
    // SQL: a list page, each person with the JPM of their latest closed campaign.
    let stmt = raw_sql!(
        Postgres,
        "SELECT e.id AS employee_id, e.name, COALESCE(p.name, '') AS position,
           (SELECT t.jpm FROM campaign_ratees t JOIN campaigns c ON c.id = t.campaign_id
            WHERE t.employee_id = e.id AND c.status = {closed}
            ORDER BY c.closed_at DESC, c.id DESC LIMIT 1) AS jpm
         FROM employees e LEFT JOIN assignments a ON a.employee_id = e.id AND a.end_date IS NULL
         LEFT JOIN positions p ON p.id = a.position_id WHERE e.id IN ({..ids}) AND e.active"
    );
    let mut out: Vec<TeamMember> = sql::all(db, stmt).await?;
    out.sort_by(|a, b| {
        a.jpm
            .unwrap_or(f64::MAX)
            .total_cmp(&b.jpm.unwrap_or(f64::MAX))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(out)
}
