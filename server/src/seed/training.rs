//! Demo training: a catalogue per agency (past and coming programmes, one of them
//! assessor training), trainings completed between the 2025 and 2026 campaigns by
//! about half of those below the standard in the competency most lacking (the 2026
//! answers then rate them higher, so the effect page has figures to show), a few
//! seats taken in coming programmes, and the employee demo login's request waiting
//! for their supervisor, and a few development plans approved, returned or waiting.
//! Everything goes through the services, as HR, the employee and the supervisor
//! would.

use app::auth::model::Actor;
use app::error::AppError;
use app::people::service::supervision::supervisor_of;
use app::server::entities::{employee, user};
use app::server::{sql, Db};
use app::training::model::{CompletionForm, ProgrammeForm};
use app::training::service::{catalogue, completion, enrol, plan};
use chrono::{Duration, NaiveDate};
use sea_orm::{raw_sql, ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder};
use std::collections::{HashMap, HashSet};

/// (code, name, JP, mode, provider, builds (competency code, level), for assessors).
type Offer = (
    &'static str,
    &'static str,
    i32,
    &'static str,
    &'static str,
    &'static [(&'static str, i16)],
    bool,
);

const COMING: &[Offer] = &[
    (
        "PL-PELAYANAN",
        "Pelatihan Pelayanan Publik Prima",
        24,
        "klasikal",
        "BPSDM Provinsi",
        &[("M.5", 3)],
        false,
    ),
    (
        "EL-KOMUNIKASI",
        "Komunikasi Efektif di Tempat Kerja",
        12,
        "e-learning",
        "LAN RI (e-learning)",
        &[("M.3", 3)],
        false,
    ),
    (
        "CO-KEPUTUSAN",
        "Coaching Pengambilan Keputusan",
        8,
        "coaching",
        "Sekretariat Daerah",
        &[("M.8", 3)],
        false,
    ),
    (
        "MT-PERUBAHAN",
        "Mentoring Mengelola Perubahan",
        10,
        "mentoring",
        "Inspektorat",
        &[("M.7", 3), ("M.4", 3)],
        false,
    ),
    (
        "MG-INTEGRITAS",
        "Magang Integritas dan Akuntabilitas",
        16,
        "magang",
        "Inspektorat",
        &[("M.1", 3)],
        false,
    ),
    (
        "PL-KERJASAMA",
        "Membangun Kerja Sama Tim",
        16,
        "klasikal",
        "BPSDM Provinsi",
        &[("M.2", 2), ("SK.1", 2)],
        false,
    ),
    (
        "PL-KEPERAWATAN",
        "Asuhan Keperawatan Lanjut",
        30,
        "klasikal",
        "Dinas Kesehatan",
        &[("T.1", 3)],
        false,
    ),
    (
        "PL-PENILAI-2",
        "Pelatihan Penilai Kompetensi Angkatan II",
        16,
        "klasikal",
        "BKPSDM",
        &[("M.6", 3)],
        true,
    ),
];

fn form(
    o: &Offer,
    starts: NaiveDate,
    days: i64,
    codes: &HashMap<String, i32>,
    capacity: i32,
) -> ProgrammeForm {
    ProgrammeForm {
        code: o.0.into(),
        name: o.1.into(),
        jp: o.2.to_string(),
        mode: o.3.into(),
        provider: o.4.into(),
        starts_on: starts.to_string(),
        ends_on: (starts + Duration::days(days)).to_string(),
        capacity: capacity.to_string(),
        for_assessors: o.6.then(|| "on".into()),
        builds: o
            .5
            .iter()
            .filter_map(|(c, l)| Some(format!("{}:{l}", codes.get(*c)?)))
            .collect(),
    }
}

#[derive(FromQueryResult)]
struct Short {
    employee_id: i32,
    competency_id: i32,
    nip: String,
}

/// The people below the standard in 2025, in the competency most of them lack.
async fn most_lacking(db: &Db, campaign: i32) -> Result<Vec<Short>, AppError> {
    // SQL: a demo query over one campaign's results.
    let stmt = raw_sql!(
        Postgres,
        "SELECT r.employee_id, r.competency_id, e.nip FROM results r
         JOIN employees e ON e.id = r.employee_id
         WHERE r.campaign_id = {campaign} AND r.measured < r.required_level
         ORDER BY r.employee_id"
    );
    let rows = sql::all::<Short>(db, stmt).await?;
    let mut count: HashMap<i32, usize> = HashMap::new();
    for r in &rows {
        *count.entry(r.competency_id).or_default() += 1;
    }
    let top = count
        .into_iter()
        .max_by_key(|(c, n)| (*n, -c))
        .map(|(c, _)| c);
    Ok(rows
        .into_iter()
        .filter(|r| Some(r.competency_id) == top)
        .collect())
}

fn done(on: NaiveDate, n: usize) -> CompletionForm {
    CompletionForm {
        attendance: (90 + n % 11).to_string(),
        result: "lulus".into(),
        certificate_no: format!("DL.{}/{:03}", on.format("%Y%m"), n + 1),
        completed_on: on.to_string(),
    }
}

/// The programme and trainings of 2026 before the second campaign; returns who was
/// trained in which competency, for the 2026 answers.
pub async fn between(
    db: &Db,
    hr: &Actor,
    agency: i32,
    first: i32,
) -> Result<HashSet<(i32, i32)>, AppError> {
    let codes: HashMap<String, i32> = catalogue::competencies(db, agency)
        .await?
        .into_iter()
        .map(|(id, c, _)| (c, id))
        .collect();
    let short = most_lacking(db, first).await?;
    let Some(c) = short.first().map(|s| s.competency_id) else {
        return Ok(HashSet::new());
    };
    let code = codes
        .iter()
        .find(|(_, id)| **id == c)
        .map(|(k, _)| k.clone())
        .unwrap_or_default();
    let builds = [(code.as_str(), 3_i16)];
    let offer: Offer = (
        "PL-2026-01",
        "Penguatan Kompetensi Prioritas 2026",
        20,
        "klasikal",
        "BPSDM Provinsi",
        &[],
        false,
    );
    let mut f = form(&offer, day(2026, 3, 2), 4, &codes, 200);
    f.builds = builds
        .iter()
        .filter_map(|(c, l)| Some(format!("{}:{l}", codes.get(*c)?)))
        .collect();
    let p = catalogue::create(db, hr, &f).await?;
    let mut trained = HashSet::new();
    // Every other person short in it takes part.
    for (n, s) in short.iter().step_by(2).enumerate() {
        let e = enrol::enrol(db, hr, p, &s.nip).await?;
        completion::complete(db, hr, e, &done(day(2026, 3, 6), n)).await?;
        trained.insert((s.employee_id, c));
    }
    // Assessor training, for every other supervisor, in April.
    let assessor: &Offer = &(
        "PL-PENILAI-1",
        "Pelatihan Penilai Kompetensi Angkatan I",
        16,
        "klasikal",
        "BKPSDM",
        &[("M.6", 3)],
        true,
    );
    let p = catalogue::create(db, hr, &form(assessor, day(2026, 4, 13), 2, &codes, 40)).await?;
    for (n, nip) in supervisors(db, first).await?.iter().step_by(2).enumerate() {
        let e = enrol::enrol(db, hr, p, nip).await?;
        completion::complete(db, hr, e, &done(day(2026, 4, 15), n)).await?;
    }
    Ok(trained)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// NIPs of those who rated as supervisors in a campaign.
async fn supervisors(db: &Db, campaign: i32) -> Result<Vec<String>, AppError> {
    #[derive(FromQueryResult)]
    struct Nip {
        nip: String,
    }
    // SQL: a demo query over one campaign's supervisors.
    let stmt = raw_sql!(
        Postgres,
        "SELECT e.nip FROM rater_calibration c JOIN employees e ON e.id = c.supervisor_id
         WHERE c.campaign_id = {campaign} ORDER BY e.id"
    );
    Ok(sql::all::<Nip>(db, stmt)
        .await?
        .into_iter()
        .map(|n| n.nip)
        .collect())
}

/// The programmes running and to come, a few seats taken in them, the employee
/// login's request for their largest gap (when they have one), and a few others'
/// development plans (`plans`).
pub async fn coming(db: &Db, hr: &Actor, agency: i32) -> Result<(), AppError> {
    let codes: HashMap<String, i32> = catalogue::competencies(db, agency)
        .await?
        .into_iter()
        .map(|(id, c, _)| (c, id))
        .collect();
    let today = app::server::db::today();
    let mut ids = vec![];
    for (n, o) in COMING.iter().enumerate() {
        // The first few are running (started before today), the rest to come.
        let starts = today + Duration::days(7 * n as i64 - 20);
        ids.push(catalogue::create(db, hr, &form(o, starts, 40, &codes, 25)).await?);
    }
    let people = employee::Entity::find()
        .filter(employee::Column::AgencyId.eq(agency))
        .all(db)
        .await?;
    for (n, e) in people.iter().skip(3).step_by(9).take(12).enumerate() {
        enrol::enrol(db, hr, ids[n % ids.len()], &e.nip).await?;
    }
    let slug = if agency_is(db, agency, "KOTA-MANNA").await? {
        "manna"
    } else {
        "makassar"
    };
    let login = user::Entity::find()
        .filter(user::Column::Username.eq(format!("pegawai.{slug}")))
        .one(db)
        .await?;
    let mut skip = None;
    if let Some(u) = login {
        let me = app::auth::service::load_actor(db, u).await?;
        skip = me.employee_id;
        let mine = plan::my_training(db, &me, today).await?;
        let first = mine
            .gaps
            .iter()
            .find_map(|g| Some((g, g.suggestions.first()?)));
        if let Some((g, s)) = first {
            enrol::request(db, &me, s.programme_id, Some(g.competency_id)).await?;
        }
    }
    plans(db, agency, skip).await
}

async fn agency_is(db: &Db, agency: i32, code: &str) -> Result<bool, AppError> {
    Ok(app::server::entities::agency::Entity::find_by_id(agency)
        .one(db)
        .await?
        .is_some_and(|a| a.code == code))
}

/// Development plans: the first people with a gap each choose the programme
/// suggested first; their supervisors approve some, return one with a note and
/// leave the rest waiting.
async fn plans(db: &Db, agency: i32, skip: Option<i32>) -> Result<(), AppError> {
    let today = app::server::db::today();
    let people = employee::Entity::find()
        .filter(employee::Column::AgencyId.eq(agency))
        .order_by_asc(employee::Column::Id)
        .all(db)
        .await?;
    let mut chosen = 0;
    for e in people.iter().filter(|e| Some(e.id) != skip) {
        let Some(me) = actor_of(db, e.id).await? else {
            continue;
        };
        let mine = plan::my_training(db, &me, today).await?;
        let Some((g, s)) = mine
            .gaps
            .iter()
            .find_map(|g| Some((g, g.suggestions.first()?)))
        else {
            continue;
        };
        let Some((boss, _)) = supervisor_of(db, e).await? else {
            continue;
        };
        let Some(boss) = actor_of(db, boss).await? else {
            continue;
        };
        let Ok(id) = enrol::request(db, &me, s.programme_id, Some(g.competency_id)).await else {
            continue;
        };
        match chosen {
            0..=2 => enrol::decide(db, &boss, id, true, "").await?,
            3 => {
                enrol::decide(
                    db,
                    &boss,
                    id,
                    false,
                    "Pilih jadwal setelah laporan triwulan selesai.",
                )
                .await?
            }
            _ => {}
        }
        chosen += 1;
        if chosen == 6 {
            break;
        }
    }
    Ok(())
}

pub(crate) async fn actor_of(db: &Db, employee: i32) -> Result<Option<Actor>, AppError> {
    let u = user::Entity::find()
        .filter(user::Column::EmployeeId.eq(employee))
        .one(db)
        .await?;
    match u {
        Some(u) => Ok(Some(app::auth::service::load_actor(db, u).await?)),
        None => Ok(None),
    }
}
