//! Creating a campaign: the scope and the ratees (each with the standard version
//! they are measured against and their supervisor now) are stored at once; the
//! rater lists are then built by a background job (`prepare`), after which the
//! campaign is a draft whose peers supervisors can review before the start.

use crate::assessment::input::{parse_campaign, ValidCampaign};
use crate::assessment::model::*;
use crate::assessment::service::assign::{self, Ratee};
use crate::audit::service as audit;
use crate::auth::model::Actor;
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::jobs::model::{JobKind, JobState};
use crate::jobs::service::{self as jobs, runner, NewJob};
use crate::org::service::{hr_agency, units_under};
use crate::server::entities::campaign as campaign_entity;
use crate::server::entities::{campaign_ratee, campaign_unit};
use crate::server::{sql, write_tx, Db};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};
use serde_json::json;

/// HR creates a campaign; its rater lists are prepared by a job. Returns the
/// campaign's id (its page shows the job's progress).
pub async fn create(db: &Db, actor: &Actor, form: &CampaignForm) -> Result<i32, AppError> {
    Ok(begin(db, actor, form).await?.0)
}

/// Creates a campaign and prepares its raters in the caller's task (seeds, tests):
/// it is a draft on return.
pub async fn create_now(db: &Db, actor: &Actor, form: &CampaignForm) -> Result<i32, AppError> {
    let (id, job) = begin(db, actor, form).await?;
    match runner::run_now(db, job).await? {
        JobState::Done => Ok(id),
        state => Err(crate::error::internal(format!(
            "preparing job {job} ended {state:?}"
        ))),
    }
}

/// The campaign and its job's ids.
async fn begin(db: &Db, actor: &Actor, form: &CampaignForm) -> Result<(i32, i32), AppError> {
    let agency = hr_agency(actor)?;
    let v = parse_campaign(form)?;
    // Who is assessed is read before the write lock is taken: at 250 000 employees
    // the reading takes seconds that nobody else's writes should wait for. The
    // ratees are a snapshot of that moment, as they are of the creation anyway.
    let mut lap = jobs::Lap::default();
    let units = units_under(db, agency, &form.unit_ids).await?;
    if units.is_empty() || form.unit_ids.iter().any(|u| !units.contains(u)) {
        return Err(AppError::field("unit_ids", K::ErrUnitUnknown));
    }
    let ratees = assign::ratees(db, agency, &units).await?;
    let assessed: Vec<&Ratee> = ratees.iter().filter(|r| r.standard_id.is_some()).collect();
    if assessed.is_empty() {
        return Err(AppError::Conflict(Msg::new(K::ErrCampaignNobody)));
    }
    let skipped = (ratees.len() - assessed.len()) as i32;
    lap.mark("read");
    let tx = write_tx(db).await?;
    let id = insert_campaign(&tx, agency, &v, skipped).await?;
    insert_scope(&tx, agency, id, &form.unit_ids, &assessed).await?;
    let new = NewJob {
        agency_id: agency,
        kind: JobKind::PrepareCampaign,
        subject_id: Some(id),
        total: assessed.len() as i64,
    };
    let job = jobs::enqueue(&tx, actor, new).await?;
    audit::commit(tx,
        actor,
        agency,
        "create",
        "campaign",
        id,
        json!({ "name": v.name, "starts_on": v.starts_on, "ends_on": v.ends_on, "weights": v.weights,
                "k": v.k, "max_peers": v.max_peers, "units": form.unit_ids,
                "ratees": assessed.len(), "skipped": skipped, "job": job }),
    ).await?;
    lap.mark("stored");
    tracing::debug!(campaign = id, "campaign created: {lap}");
    runner::wake();
    Ok((id, job))
}

async fn insert_campaign(
    tx: &impl ConnectionTrait,
    agency: i32,
    v: &ValidCampaign,
    skipped: i32,
) -> Result<i32, AppError> {
    let w = &v.weights;
    let c = campaign_entity::ActiveModel {
        agency_id: Set(agency),
        name: Set(v.name.clone()),
        status: Set(CampaignStatus::Preparing),
        starts_on: Set(v.starts_on),
        ends_on: Set(v.ends_on),
        w_self: Set(w.self_rating as i16),
        w_supervisor: Set(w.supervisor as i16),
        w_peer: Set(w.peer as i16),
        w_subordinate: Set(w.subordinate as i16),
        k: Set(v.k as i16),
        max_peers: Set(v.max_peers as i16),
        skipped: Set(skipped),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(c.id)
}

/// The units chosen and the ratees, each with the standard version they are
/// measured against and their supervisor at the time.
async fn insert_scope(
    tx: &impl ConnectionTrait,
    agency: i32,
    id: i32,
    unit_ids: &[i32],
    assessed: &[&Ratee],
) -> Result<(), AppError> {
    let units = unit_ids.iter().map(|u| campaign_unit::ActiveModel {
        agency_id: Set(agency),
        campaign_id: Set(id),
        unit_id: Set(*u),
        ..Default::default()
    });
    sql::insert_many(tx, units.collect()).await?;
    let ratees = assessed.iter().map(|r| campaign_ratee::ActiveModel {
        agency_id: Set(agency),
        campaign_id: Set(id),
        employee_id: Set(r.employee_id),
        unit_id: Set(r.unit_id),
        position_id: Set(r.position_id),
        standard_id: Set(r.standard_id.unwrap_or_default()),
        supervisor_id: Set(r.supervisor),
        ..Default::default()
    });
    sql::insert_many(tx, ratees.collect()).await?;
    Ok(())
}
