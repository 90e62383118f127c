//! Demo assessments: every position gets a ratified standard (from the job-level
//! table; nurses also a technical competency), then two campaigns a year apart are
//! answered with realistic spreads (self-ratings a little generous, a year of
//! progress between them, some forms never sent) and closed by the real closing
//! service, so a first run shows full dashboards and their progress.

use super::Rng;
use app::assessment::model::{CampaignForm, RaterStatus, Source};
use app::assessment::service::{campaigns, closing, totals};
use app::auth::model::Actor;
use app::competency::model::{StandardStatus, TechnicalForm};
use app::competency::service::{dictionary, standards};
use app::error::AppError;
use app::server::entities::{answer, campaign, campaign_rater, position};
use app::server::{sql, write_tx, Db};
use sea_orm::sea_query::Expr;
use sea_orm::{raw_sql, ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, Set};
use std::collections::{HashMap, HashSet};

const COMMENTS: &[(Source, &[&str])] = &[
    (Source::Supervisor, &[
        "Konsisten menyelesaikan tugas tepat waktu; perlu lebih berani mengambil keputusan sendiri.",
        "Komunikasi dengan pasien dan keluarga sangat baik. Pertahankan.",
        "Mulai membimbing rekan baru; lanjutkan dengan membuat catatan prosedur yang rapi.",
        "Perlu lebih aktif menyampaikan kendala di lapangan sebelum menjadi masalah.",
    ]),
    (Source::Peer, &[
        "Selalu siap membantu saat jadwal jaga padat.",
        "Kadang sulit dihubungi saat koordinasi mendadak.",
        "Terbuka menerima masukan dan cepat memperbaiki.",
        "Bisa lebih sering berbagi informasi dengan tim.",
        "Menjadi contoh dalam kejujuran dan kedisiplinan.",
    ]),
    (Source::Subordinate, &[
        "Memberi arahan yang jelas dan adil kepada staf.",
        "Kami berharap lebih sering ada rapat evaluasi singkat.",
        "Mendukung staf yang ingin ikut pelatihan.",
    ]),
];

async fn nurse_competency(db: &Db, hr: &Actor) -> Result<i32, AppError> {
    let level = |d: &str| d.to_string();
    dictionary::add_technical(db, hr, &TechnicalForm {
        code: "T.1".into(),
        name: "Asuhan Keperawatan".into(),
        definition: "Kemampuan memberikan asuhan keperawatan yang aman dan bermutu sesuai standar profesi.".into(),
        levels: vec![
            level("Melakukan tindakan keperawatan dasar dengan bimbingan."),
            level("Melakukan asuhan keperawatan mandiri pada pasien dengan kondisi stabil."),
            level("Menangani pasien dengan kondisi kompleks dan mengoordinasikan tim jaga."),
            level("Mengembangkan standar asuhan dan membimbing perawat lain."),
            level("Menjadi rujukan asuhan keperawatan di tingkat daerah."),
        ],
        indicators: vec![String::new(); 5],
    })
    .await
}

/// Ratified version 1 of every position's standard.
async fn ratify_all(db: &Db, hr: &Actor, agency: i32, nurse_tech: i32) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let positions = position::Entity::find()
        .filter(position::Column::AgencyId.eq(agency))
        .order_by_asc(position::Column::Id)
        .all(&tx)
        .await?;
    for p in positions {
        let mut items = standards::defaults(&tx, p.job_level).await?;
        if p.code.starts_with("PERAWAT") {
            items.push((nurse_tech, 2));
        }
        standards::insert_standard(&tx, agency, p.id, 1, StandardStatus::Ratified, &items).await?;
    }
    let summary = serde_json::json!({ "ratified": "all positions, version 1" });
    app::audit::service::commit(tx, hr, agency, "seed", "standard", 0, summary).await?;
    Ok(())
}

/// A stable "true" level of a person in a competency, in [-1.2, 0.5] around the
/// required level (most people fall a little short somewhere).
fn talent(emp: i32, comp: i32) -> f64 {
    let h = (emp as u64).wrapping_mul(2654435761) ^ (comp as u64).wrapping_mul(40503);
    (h % 171) as f64 / 100.0 - 1.2
}

/// One competency of one form to answer.
#[derive(FromQueryResult)]
struct Question {
    id: i32,
    agency_id: i32,
    ratee_id: i32,
    rater_id: i32,
    source: Source,
    competency_id: i32,
    required_level: i16,
}

/// The demo's one clearly lenient supervisor (the fair-assessor page flags them):
/// of those rating the most people, the first.
fn lenient(rows: &[Question]) -> Option<i32> {
    let mut rated: HashMap<i32, std::collections::BTreeSet<i32>> = HashMap::new();
    for q in rows.iter().filter(|q| q.source == Source::Supervisor) {
        rated.entry(q.rater_id).or_default().insert(q.ratee_id);
    }
    let most = rated.values().map(|r| r.len()).max()?;
    rated
        .into_iter()
        .filter(|(_, r)| r.len() == most)
        .map(|(id, _)| id)
        .min()
}

/// Answers every form; `trained` (employee, competency) are rated higher: what
/// they learnt in between shows.
async fn answer_all(
    db: &Db,
    campaign: i32,
    (progress, trained): (f64, &HashSet<(i32, i32)>),
    rng: &mut Rng,
) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    // Every form with its competencies, in a stable order so the demo is the same
    // on every machine.
    let stmt = raw_sql!(
        Postgres,
        "SELECT r.id, r.agency_id, r.ratee_id, r.rater_id, r.source, i.competency_id, i.required_level
         FROM campaign_raters r
         JOIN campaign_ratees t ON t.campaign_id = r.campaign_id AND t.employee_id = r.ratee_id
         JOIN standard_items i ON i.standard_id = t.standard_id
         WHERE r.campaign_id = {campaign} ORDER BY r.id, i.competency_id"
    );
    let rows = sql::all::<Question>(&tx, stmt).await?;
    let lenient = lenient(&rows);
    let mut answered: HashMap<i32, bool> = HashMap::new();
    let mut out = Vec::new();
    for q in rows {
        // About one form in fifteen is never sent.
        if !*answered.entry(q.id).or_insert_with(|| rng.below(15) != 0) {
            continue;
        }
        let req = f64::from(q.required_level);
        let bias = match q.source {
            Source::SelfRating => 0.6,
            Source::Supervisor if Some(q.rater_id) == lenient => 1.2,
            _ => 0.0,
        };
        let noise = rng.below(121) as f64 / 100.0 - 0.6;
        let learnt = if trained.contains(&(q.ratee_id, q.competency_id)) {
            0.9
        } else {
            0.0
        };
        let level = (req + talent(q.ratee_id, q.competency_id) + progress + learnt + bias + noise)
            .round()
            .clamp(1.0, 5.0) as i16;
        let bank = COMMENTS
            .iter()
            .find(|(s, _)| *s == q.source)
            .map(|(_, c)| *c);
        let comment = bank
            .filter(|_| rng.below(4) == 0)
            .map(|c| rng.pick(c).to_string());
        out.push(answer::ActiveModel {
            agency_id: Set(q.agency_id),
            rater_row_id: Set(q.id),
            competency_id: Set(q.competency_id),
            level: Set(Some(level)),
            comment: Set(comment),
            ..Default::default()
        });
    }
    sql::insert_many(&tx, out).await?;
    let sent: Vec<i32> = answered
        .into_iter()
        .filter(|(_, s)| *s)
        .map(|(id, _)| id)
        .collect();
    for ids in sent.chunks(500) {
        campaign_rater::Entity::update_many()
            .col_expr(
                campaign_rater::Column::Status,
                Expr::value(RaterStatus::Submitted),
            )
            .col_expr(
                campaign_rater::Column::SubmittedAt,
                Expr::value(app::server::db::now()),
            )
            .filter(campaign_rater::Column::Id.is_in(ids.iter().copied()))
            .exec(&tx)
            .await?;
    }
    // The forms were sent together: folded once, as each send does.
    totals::fold(&tx, campaign, i32::MIN..=i32::MAX).await?;
    app::server::commit(tx).await?;
    Ok(())
}

pub async fn seed(db: &Db, hr: &Actor, agency: i32, rng: &mut Rng) -> Result<(), AppError> {
    let tech = nurse_competency(db, hr).await?;
    ratify_all(db, hr, agency, tech).await?;
    let mut trained = HashSet::new();
    let mut closed_ids = [0; 2];
    for (n, (name, year, progress)) in [
        ("Penilaian Kompetensi 2025", 2025, 0.0),
        ("Penilaian Kompetensi 2026", 2026, 0.35),
    ]
    .into_iter()
    .enumerate()
    {
        let (starts, ends) = (format!("{year}-10-01"), format!("{year}-10-31"));
        let form = CampaignForm::suggested(name, &starts, &ends, vec![]);
        let id = campaigns::create_now(db, hr, &form).await?;
        campaigns::start(db, hr, id).await?;
        answer_all(db, id, (progress, &trained), rng).await?;
        closing::close(db, hr, id).await?;
        closed_ids[n] = id;
        let tx = write_tx(db).await?;
        let closed = chrono::NaiveDate::from_ymd_opt(year, 11, 3)
            .unwrap_or_default()
            .and_hms_opt(9, 0, 0)
            .unwrap_or_default()
            .and_utc();
        campaign::Entity::update_many()
            .col_expr(campaign::Column::ClosedAt, Expr::value(closed))
            .col_expr(
                campaign::Column::StartedAt,
                Expr::value(closed - chrono::Duration::days(33)),
            )
            .filter(campaign::Column::Id.eq(id))
            .exec(&tx)
            .await?;
        app::server::commit(tx).await?;
        if year == 2025 {
            trained = super::training::between(db, hr, agency, id).await?;
        }
    }
    super::training::coming(db, hr, agency).await?;
    super::survey::seed(db, hr, agency, rng).await?;
    super::publication::seed(db, hr, closed_ids).await
}
