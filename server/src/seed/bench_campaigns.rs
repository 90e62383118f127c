//! Benchmark data for assessments: ratified standards for the bench agency's
//! positions, then campaigns whose ratees, raters (self, unit head, three peers of
//! the unit, staff rating their head) and answers are generated in bulk SQL, each
//! closed by the real closing service, which is what the benchmark times. Campaign
//! creation is timed apart, by the real service over the whole agency.

use super::bench::BENCH_USER;
use app::assessment::model::{AddedBy, CampaignForm, CampaignStatus, RaterStatus, Source};
use app::assessment::service::{campaigns, closing, totals};
use app::competency::model::StandardStatus;
use app::competency::service::standards;
use app::jobs::service::runner;
use app::server::entities::{campaign, campaign_rater, position};
use app::server::entities::{standard, user};
use app::server::{db, sql, write_tx};
use sea_orm::sea_query::Query;
use sea_orm::{
    raw_sql, ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, PaginatorTrait, QueryFilter, Set, Statement,
};
use std::time::{Duration, Instant};

fn err(e: impl std::fmt::Debug) -> DbErr {
    DbErr::Custom(format!("{e:?}"))
}

/// A running campaign with the demo's weights; returns its id.
async fn new_campaign(tx: &impl ConnectionTrait, agency: i32, name: &str) -> Result<i32, DbErr> {
    let m = campaign::ActiveModel {
        agency_id: Set(agency),
        name: Set(name.into()),
        status: Set(CampaignStatus::Running),
        starts_on: Set(db::today()),
        ends_on: Set(db::today()),
        w_self: Set(10),
        w_supervisor: Set(50),
        w_peer: Set(25),
        w_subordinate: Set(15),
        k: Set(3),
        max_peers: Set(3),
        skipped: Set(0),
        created_at: Set(db::now()),
        started_at: Set(Some(db::now())),
        ..Default::default()
    }
    .insert(tx)
    .await?;
    Ok(m.id)
}

/// The statements that fill a campaign: written by hand, each one INSERT … SELECT,
/// because generating 1.5 million forms row by row would take longer than closing.
fn fill(c: i32, agency: i32, shift: i32) -> Vec<Statement> {
    let (ratified, auto, pending) = (
        StandardStatus::Ratified,
        AddedBy::Auto,
        RaterStatus::Pending,
    );
    let (me, sup, sub, peer) = (
        Source::SelfRating,
        Source::Supervisor,
        Source::Subordinate,
        Source::Peer,
    );
    let sent = RaterStatus::Submitted;
    vec![
        // The supervisor: the head of the unit, or for a head, the parent unit's head.
        raw_sql!(Postgres, "INSERT INTO campaign_ratees (agency_id, campaign_id, employee_id, unit_id,
             position_id, standard_id, supervisor_id)
           SELECT a.agency_id, {c}, a.employee_id, a.unit_id, a.position_id, s.id, h.employee_id
           FROM assignments a JOIN standards s ON s.position_id = a.position_id AND s.status = {ratified}
           JOIN units un ON un.id = a.unit_id
           LEFT JOIN assignments h ON h.is_head AND h.end_date IS NULL
             AND h.unit_id = CASE WHEN a.is_head THEN un.parent_id ELSE a.unit_id END
           WHERE a.agency_id = {agency} AND a.end_date IS NULL"),
        raw_sql!(Postgres, "INSERT INTO campaign_raters (agency_id, campaign_id, ratee_id, rater_id,
             source, added_by, status)
           SELECT agency_id, campaign_id, employee_id, employee_id, {me}, {auto}, {pending}
           FROM campaign_ratees WHERE campaign_id = {c}"),
        raw_sql!(Postgres, "INSERT INTO campaign_raters (agency_id, campaign_id, ratee_id, rater_id,
             source, added_by, status)
           SELECT agency_id, campaign_id, employee_id, supervisor_id, {sup}, {auto}, {pending}
           FROM campaign_ratees WHERE campaign_id = {c} AND supervisor_id IS NOT NULL"),
        raw_sql!(Postgres, "INSERT INTO campaign_raters (agency_id, campaign_id, ratee_id, rater_id,
             source, added_by, status)
           SELECT agency_id, campaign_id, supervisor_id, employee_id, {sub}, {auto}, {pending}
           FROM campaign_ratees WHERE campaign_id = {c} AND supervisor_id IS NOT NULL"),
        raw_sql!(Postgres, "WITH ranked AS (SELECT t.agency_id, t.employee_id, t.unit_id,
             ROW_NUMBER() OVER (PARTITION BY t.unit_id ORDER BY t.employee_id) AS rn,
             COUNT(*) OVER (PARTITION BY t.unit_id) AS n
             FROM campaign_ratees t
             JOIN assignments a ON a.employee_id = t.employee_id AND a.end_date IS NULL AND NOT a.is_head
             WHERE t.campaign_id = {c})
           INSERT INTO campaign_raters (agency_id, campaign_id, ratee_id, rater_id, source, added_by, status)
           SELECT x.agency_id, {c}, x.employee_id, y.employee_id, {peer}, {auto}, {pending}
           FROM ranked x JOIN ranked y ON y.unit_id = x.unit_id AND y.employee_id <> x.employee_id
             AND y.rn IN (x.rn % x.n + 1, (x.rn + 1) % x.n + 1, (x.rn + 2) % x.n + 1)"),
        raw_sql!(Postgres, "INSERT INTO answers (agency_id, rater_row_id, competency_id, level, comment)
           SELECT r.agency_id, r.id, i.competency_id,
             1 + ((r.ratee_id * 7 + i.competency_id * 3 + r.id + {shift}) % 5),
             CASE WHEN (r.id + i.competency_id) % 10 = 0 THEN 'Komentar uji beban' ELSE NULL END
           FROM campaign_raters r
           JOIN campaign_ratees t ON t.campaign_id = r.campaign_id AND t.employee_id = r.ratee_id
           JOIN standard_items i ON i.standard_id = t.standard_id WHERE r.campaign_id = {c}"),
        raw_sql!(Postgres, "UPDATE campaign_raters SET status = {sent} WHERE campaign_id = {c}"),
    ]
}

/// A campaign with its forms: all answered and sent, or (`answered` false) all still
/// to fill in, for the benchmark's users to save.
async fn generate_one(
    db: &DatabaseConnection,
    agency: i32,
    name: &str,
    shift: i32,
    answered: bool,
) -> Result<(i32, u64), DbErr> {
    let tx = write_tx(db).await?;
    let c = new_campaign(&tx, agency, name).await?;
    let mut statements = fill(c, agency, shift);
    if !answered {
        statements.truncate(statements.len() - 2);
    }
    let mut rows = Vec::new();
    for s in statements {
        rows.push(tx.execute_raw(sql::on(&tx, s)).await?.rows_affected());
    }
    // The answers' insert is the last but one statement (the last marks forms sent).
    let answers = if answered { rows[rows.len() - 2] } else { 0 };
    if answered {
        // Every form was just sent at once: folded once, as each send does.
        totals::fold(&tx, c, i32::MIN..=i32::MAX)
            .await
            .map_err(err)?;
    }
    app::server::commit(tx).await?;
    Ok((c, answers))
}

/// Creates a campaign over the whole agency as HR does, and prepares its raters,
/// printing how long each part took.
async fn create_timed(
    db: &DatabaseConnection,
    hr: &app::auth::model::Actor,
    name: &str,
) -> Result<(), DbErr> {
    let today = db::today();
    let (starts, ends) = (
        today.to_string(),
        (today + chrono::Days::new(30)).to_string(),
    );
    let form = CampaignForm::suggested(name, &starts, &ends, vec![]);
    let start = Instant::now();
    let id = campaigns::create(db, hr, &form).await.map_err(err)?;
    let request = start.elapsed().as_secs_f64();
    let job = app::jobs::service::latest_for(db, id)
        .await
        .map_err(err)?
        .ok_or(DbErr::RecordNotFound("preparing job".into()))?;
    let start = Instant::now();
    let state = runner::run_now(db, job.id).await.map_err(err)?;
    let forms = campaign_rater::Entity::find()
        .filter(campaign_rater::Column::CampaignId.eq(id))
        .count(db)
        .await?;
    println!(
        "campaign {id}: created in {request:.1} s (HR's request: {} ratees stored), \
         raters prepared in {:.1} s ({forms} forms, job {state:?})",
        job.total,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}

/// What generation and closing took.
pub struct Timings {
    pub ratees: u64,
    pub generate: Vec<Duration>,
    pub close: Vec<Duration>,
}

async fn bench_hr(db: &DatabaseConnection) -> Result<app::auth::model::Actor, DbErr> {
    let u = user::Entity::find()
        .filter(user::Column::Username.eq(BENCH_USER))
        .one(db)
        .await?
        .ok_or(DbErr::RecordNotFound("run gen-bench first".into()))?;
    app::auth::service::load_actor(db, u).await.map_err(err)
}

/// Ratified version 1 for every position of the agency that has no standard yet.
async fn ratify_positions(db: &DatabaseConnection, agency: i32) -> Result<(), DbErr> {
    let tx = write_tx(db).await?;
    let with_standard = Query::select()
        .column(standard::Column::PositionId)
        .from(standard::Entity)
        .to_owned();
    let positions = position::Entity::find()
        .filter(position::Column::AgencyId.eq(agency))
        .filter(position::Column::Id.not_in_subquery(with_standard))
        .all(&tx)
        .await?;
    for p in positions {
        let items = standards::defaults(&tx, p.job_level).await.map_err(err)?;
        standards::insert_standard(&tx, agency, p.id, 1, StandardStatus::Ratified, &items)
            .await
            .map_err(err)?;
    }
    app::server::commit(tx).await
}

/// One running campaign over the whole bench agency with every form sent, not closed
/// (for a test that writes while it closes); its id and the agency's HR.
pub async fn running(
    db: &DatabaseConnection,
    name: &str,
) -> Result<(i32, app::auth::model::Actor), DbErr> {
    let hr = bench_hr(db).await?;
    let agency = hr.agency_id.ok_or(DbErr::RecordNotFound("agency".into()))?;
    ratify_positions(db, agency).await?;
    let (id, _) = generate_one(db, agency, name, 0, true).await?;
    Ok((id, hr))
}

/// How many campaigns of each kind to add.
pub struct Wanted {
    /// Answered and closed here, each closing timed.
    pub closed: usize,
    /// Left running with every form still to fill in (the mixed benchmark saves them).
    pub open: usize,
    /// Answered and sent, left for the benchmark to close while users work.
    pub ready: usize,
    /// Created over the whole agency by the real service, timed: HR's request, then
    /// the job preparing the rater lists. Left as drafts.
    pub created: usize,
}

pub async fn generate(db: &DatabaseConnection, want: Wanted) -> Result<Timings, DbErr> {
    let hr = bench_hr(db).await?;
    let agency = hr.agency_id.ok_or(DbErr::RecordNotFound("agency".into()))?;
    ratify_positions(db, agency).await?;
    let mut t = Timings {
        ratees: 0,
        generate: vec![],
        close: vec![],
    };
    for k in 0..want.created {
        create_timed(db, &hr, &format!("Uji beban dibuat {}", k + 1)).await?;
    }
    for k in 0..want.closed {
        let start = Instant::now();
        let name = format!("Uji beban {}", k + 1);
        let (id, answers) = generate_one(db, agency, &name, k as i32, true).await?;
        t.generate.push(start.elapsed());
        println!(
            "campaign {id}: {answers} answers generated in {:.1} s",
            start.elapsed().as_secs_f64()
        );
        let start = Instant::now();
        let done = closing::close(db, &hr, id).await.map_err(err)?;
        t.close.push(start.elapsed());
        t.ratees = done.ratees;
        println!(
            "campaign {id}: closed in {:.1} s ({} ratees, {} results, {} comments)",
            start.elapsed().as_secs_f64(),
            done.ratees,
            done.results,
            done.comments
        );
    }
    for k in 0..want.open {
        let name = format!("Uji beban berjalan {}", k + 1);
        let (id, _) = generate_one(db, agency, &name, 0, false).await?;
        println!("campaign {id}: running, every form still to fill in");
    }
    for k in 0..want.ready {
        let name = format!("Uji beban siap ditutup {}", k + 1);
        let (id, _) = generate_one(db, agency, &name, k as i32, true).await?;
        println!("campaign {id}: running, every form sent, ready to close");
    }
    Ok(t)
}
