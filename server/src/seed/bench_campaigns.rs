//! Benchmark data for assessments: ratified standards for the bench agency's
//! positions, then campaigns whose ratees, raters (self, unit head, three peers of
//! the unit, staff rating their head) and answers are generated in bulk SQL, each
//! closed by the real closing service, which is what the benchmark times.

use super::bench::BENCH_USER;
use app::assessment::service::closing;
use app::competency::service::standards;
use app::server::{db, sql, write_tx};
use sea_orm::{DatabaseConnection, DbErr, EntityTrait};
use std::time::{Duration, Instant};

fn err(e: impl std::fmt::Debug) -> DbErr {
    DbErr::Custom(format!("{e:?}"))
}

async fn generate_one(
    db: &DatabaseConnection,
    agency: i32,
    name: &str,
    shift: i32,
) -> Result<(i32, u64), DbErr> {
    let tx = write_tx(db).await?;
    let row = sql::one(
        &tx,
        "INSERT INTO campaigns (agency_id, name, status, starts_on, ends_on, w_self, w_supervisor, w_peer, \
         w_subordinate, k, max_peers, skipped, created_at, started_at) \
         VALUES ($1, $2, 'running', $3, $3, 10, 50, 25, 15, 3, 3, 0, $4, $4) RETURNING id",
        vec![agency.into(), name.into(), db::today().into(), db::now().into()],
    )
    .await?
    .ok_or(DbErr::RecordNotInserted)?;
    let c: i32 = sql::get(&row, "id")?;
    let steps = [
        // The supervisor: the head of the unit, or for a head, the parent unit's head.
        format!(
            "INSERT INTO campaign_ratees (agency_id, campaign_id, employee_id, unit_id, position_id, standard_id, supervisor_id) \
             SELECT a.agency_id, {c}, a.employee_id, a.unit_id, a.position_id, s.id, h.employee_id \
             FROM assignments a JOIN standards s ON s.position_id = a.position_id AND s.status = 'ratified' \
             JOIN units un ON un.id = a.unit_id \
             LEFT JOIN assignments h ON h.is_head AND h.end_date IS NULL \
               AND h.unit_id = CASE WHEN a.is_head THEN un.parent_id ELSE a.unit_id END \
             WHERE a.agency_id = {agency} AND a.end_date IS NULL"
        ),
        format!("INSERT INTO campaign_raters (agency_id, campaign_id, ratee_id, rater_id, source, added_by, status) \
             SELECT agency_id, campaign_id, employee_id, employee_id, 'self', 'auto', 'pending' FROM campaign_ratees WHERE campaign_id = {c}"),
        format!("INSERT INTO campaign_raters (agency_id, campaign_id, ratee_id, rater_id, source, added_by, status) \
             SELECT agency_id, campaign_id, employee_id, supervisor_id, 'supervisor', 'auto', 'pending' FROM campaign_ratees \
             WHERE campaign_id = {c} AND supervisor_id IS NOT NULL"),
        format!("INSERT INTO campaign_raters (agency_id, campaign_id, ratee_id, rater_id, source, added_by, status) \
             SELECT agency_id, campaign_id, supervisor_id, employee_id, 'subordinate', 'auto', 'pending' FROM campaign_ratees \
             WHERE campaign_id = {c} AND supervisor_id IS NOT NULL"),
        format!("WITH ranked AS (SELECT t.agency_id, t.employee_id, t.unit_id, \
               ROW_NUMBER() OVER (PARTITION BY t.unit_id ORDER BY t.employee_id) AS rn, COUNT(*) OVER (PARTITION BY t.unit_id) AS n \
               FROM campaign_ratees t JOIN assignments a ON a.employee_id = t.employee_id AND a.end_date IS NULL AND NOT a.is_head \
               WHERE t.campaign_id = {c}) \
             INSERT INTO campaign_raters (agency_id, campaign_id, ratee_id, rater_id, source, added_by, status) \
             SELECT x.agency_id, {c}, x.employee_id, y.employee_id, 'peer', 'auto', 'pending' FROM ranked x JOIN ranked y \
               ON y.unit_id = x.unit_id AND y.employee_id <> x.employee_id \
               AND y.rn IN (x.rn % x.n + 1, (x.rn + 1) % x.n + 1, (x.rn + 2) % x.n + 1)"),
        format!("INSERT INTO answers (agency_id, rater_row_id, competency_id, level, comment) \
             SELECT r.agency_id, r.id, i.competency_id, 1 + ((r.ratee_id * 7 + i.competency_id * 3 + r.id + {shift}) % 5), \
               CASE WHEN (r.id + i.competency_id) % 10 = 0 THEN 'Komentar uji beban' ELSE NULL END \
             FROM campaign_raters r JOIN campaign_ratees t ON t.campaign_id = r.campaign_id AND t.employee_id = r.ratee_id \
             JOIN standard_items i ON i.standard_id = t.standard_id WHERE r.campaign_id = {c}"),
        format!("UPDATE campaign_raters SET status = 'submitted' WHERE campaign_id = {c}"),
    ];
    let mut answers = 0;
    for s in &steps {
        answers = sql::exec(&tx, s, vec![]).await?;
    }
    app::server::commit(tx).await?;
    Ok((c, answers))
}

/// What generation and closing took.
pub struct Timings {
    pub ratees: u64,
    pub generate: Vec<Duration>,
    pub close: Vec<Duration>,
}

/// Reopens the bench agency's latest campaign (its results removed) and closes it
/// again: to time a change to closing without generating answers anew.
pub async fn reclose(db: &DatabaseConnection) -> Result<Duration, DbErr> {
    let hr = bench_hr(db).await?;
    let tx = write_tx(db).await?;
    let row = sql::one(
        &tx,
        "SELECT MAX(id) AS id FROM campaigns WHERE agency_id = $1",
        vec![hr.agency_id.into()],
    )
    .await?
    .ok_or(DbErr::RecordNotFound("campaign".into()))?;
    let id: i32 = sql::get(&row, "id")?;
    for q in [
        "DELETE FROM results WHERE campaign_id = $1",
        "DELETE FROM result_comments WHERE campaign_id = $1",
        "UPDATE campaign_ratees SET jpm = NULL WHERE campaign_id = $1",
        "UPDATE campaigns SET status = 'running' WHERE id = $1",
    ] {
        sql::exec(&tx, q, vec![id.into()]).await?;
    }
    app::server::commit(tx).await?;
    let start = Instant::now();
    closing::close(db, &hr, id).await.map_err(err)?;
    Ok(start.elapsed())
}

async fn bench_hr(db: &DatabaseConnection) -> Result<app::auth::model::Actor, DbErr> {
    let user = sql::one(
        db,
        "SELECT id FROM users WHERE username = $1",
        vec![BENCH_USER.into()],
    )
    .await?
    .ok_or(DbErr::RecordNotFound("run gen-bench first".into()))?;
    let u = app::server::entities::user::Entity::find_by_id(sql::get::<i32>(&user, "id")?)
        .one(db)
        .await?
        .ok_or(DbErr::RecordNotFound(BENCH_USER.into()))?;
    app::auth::service::load_actor(db, u).await.map_err(err)
}

pub async fn generate(db: &DatabaseConnection, campaigns: usize) -> Result<Timings, DbErr> {
    let hr = bench_hr(db).await?;
    let agency = hr.agency_id.ok_or(DbErr::RecordNotFound("agency".into()))?;
    let tx = write_tx(db).await?;
    for p in sql::all(
        &tx,
        "SELECT id, job_level FROM positions p WHERE agency_id = $1 AND NOT EXISTS \
        (SELECT 1 FROM standards s WHERE s.position_id = p.id)",
        vec![agency.into()],
    )
    .await?
    {
        let items = standards::defaults(&tx, &sql::get::<String>(&p, "job_level")?)
            .await
            .map_err(err)?;
        standards::insert_standard(&tx, agency, sql::get(&p, "id")?, 1, "ratified", &items)
            .await
            .map_err(err)?;
    }
    app::server::commit(tx).await?;
    let mut t = Timings {
        ratees: 0,
        generate: vec![],
        close: vec![],
    };
    for k in 0..campaigns {
        let start = Instant::now();
        let (id, answers) =
            generate_one(db, agency, &format!("Uji beban {}", k + 1), k as i32).await?;
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
    Ok(t)
}
