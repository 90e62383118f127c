//! The people whose dashboards the reader may open from their own: direct
//! subordinates, and for a unit leader the staff of the units they lead, each with
//! their latest JPM, lowest first (who needs attention first).

use crate::assessment::model::TeamMember;
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::org::service::{id_list, units_under};
use crate::people::service::supervision::subordinates_of;
use crate::server::{sql, Db};

/// At most this many people are listed (a leader of a large unit uses HR's lists).
const MAX: usize = 300;

pub async fn team(db: &Db, actor: &Actor) -> Result<Vec<TeamMember>, AppError> {
    let (Some(me), Some(agency)) = (actor.employee_id, actor.agency_id) else {
        return Ok(vec![]);
    };
    let mut ids = subordinates_of(db, me).await?;
    let led = actor.led_units(agency);
    if !led.is_empty() {
        let units = id_list(&units_under(db, agency, &led).await?);
        let rows = sql::all(
            db,
            &format!(
                "SELECT a.employee_id FROM assignments a WHERE a.end_date IS NULL AND a.unit_id IN ({units}) \
                 ORDER BY a.employee_id LIMIT {MAX}"
            ),
            vec![],
        )
        .await?;
        ids.extend(
            rows.iter()
                .filter_map(|r| sql::get::<i32>(r, "employee_id").ok()),
        );
    }
    ids.retain(|id| *id != me);
    ids.sort_unstable();
    ids.dedup();
    ids.truncate(MAX);
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let list = id_list(&ids);
    let rows = sql::all(
        db,
        &format!(
            "SELECT e.id, e.name, p.name AS position, \
               (SELECT t.jpm FROM campaign_ratees t JOIN campaigns c ON c.id = t.campaign_id \
                WHERE t.employee_id = e.id AND c.status = 'closed' ORDER BY c.closed_at DESC, c.id DESC LIMIT 1) AS jpm \
             FROM employees e LEFT JOIN assignments a ON a.employee_id = e.id AND a.end_date IS NULL \
             LEFT JOIN positions p ON p.id = a.position_id WHERE e.id IN ({list}) AND e.active"
        ),
        vec![],
    )
    .await?;
    let mut out: Vec<TeamMember> = rows
        .iter()
        .map(|r| {
            Ok(TeamMember {
                employee_id: sql::get(r, "id")?,
                name: sql::get(r, "name")?,
                position: sql::get::<Option<String>>(r, "position")?.unwrap_or_default(),
                jpm: sql::get(r, "jpm")?,
            })
        })
        .collect::<Result<_, sea_orm::DbErr>>()?;
    out.sort_by(|a, b| {
        a.jpm
            .unwrap_or(f64::MAX)
            .total_cmp(&b.jpm.unwrap_or(f64::MAX))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(out)
}
