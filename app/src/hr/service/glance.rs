//! What matters to the reader at a glance on the home page: their JPM and the gap to
//! close next, the forms waiting for them; for a unit leader and HR, the competencies
//! their units lack most; for HR, what is in progress. Each part comes from the
//! service that owns it, with that service's own checks.

use crate::assessment::model::{CampaignStatus, RaterStatus};
use crate::assessment::service::{dashboard, forms};
use crate::auth::model::Actor;
use crate::competency::model::StandardStatus;
use crate::error::AppError;
use crate::hr::model::Glance;
use crate::server::db::today;
use crate::server::entities::{campaign, employee, standard};
use crate::server::Db;
use crate::training::model::NeedsQuery;
use crate::training::service::{needs, plan};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

/// How many of the largest shortfalls the home page names.
const SHORTFALLS: usize = 3;

pub async fn glance(db: &Db, actor: &Actor) -> Result<Glance, AppError> {
    let mut g = Glance::default();
    if let Some(me) = actor.employee_id {
        let e = employee::Entity::find_by_id(me)
            .one(db)
            .await?
            .ok_or(AppError::NotFound)?;
        let d = dashboard::build(db, e, None).await?;
        // The dashboard's items come largest gap first.
        g.next_gap = d
            .items
            .iter()
            .find(|i| i.gap.is_some_and(|x| x > 0.0))
            .map(|i| {
                (
                    format!("{} {}", i.code, i.name),
                    i.required,
                    i.measured.unwrap_or(0.0),
                )
            });
        (g.jpm, g.band, g.campaign) = (d.jpm, d.band, d.campaign.map(|c| c.1));
        let todo = forms::todo(db, actor).await?;
        g.open_forms = todo
            .iter()
            .filter(|t| t.open && t.status != RaterStatus::Submitted)
            .count();
        g.jp = Some(plan::jp_year(db, me, today()).await?);
        g.requests = plan::requests(db, me).await?.len();
    }
    if actor.hr_agency().is_some() || actor.is_leader() {
        let n = needs::needs(db, actor, NeedsQuery::default()).await?;
        g.shortfalls = n
            .columns
            .into_iter()
            .filter(|c| c.total.shortfall > 0.0)
            .take(SHORTFALLS)
            .map(|c| (format!("{} {}", c.code, c.name), c.total))
            .collect();
    }
    if let Some(agency) = actor.hr_agency() {
        let busy = [
            CampaignStatus::Preparing,
            CampaignStatus::Running,
            CampaignStatus::Closing,
        ];
        g.campaigns_in_progress = campaign::Entity::find()
            .filter(campaign::Column::AgencyId.eq(agency))
            .filter(campaign::Column::Status.is_in(busy))
            .count(db)
            .await?;
        g.standards_open = standard::Entity::find()
            .filter(standard::Column::AgencyId.eq(agency))
            .filter(standard::Column::Status.eq(StandardStatus::Open))
            .count(db)
            .await?;
        g.to_record = plan::to_record(db, agency, today()).await?;
    }
    Ok(g)
}
