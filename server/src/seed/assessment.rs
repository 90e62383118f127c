//! Demo assessments: every position gets a ratified standard (from the job-level
//! table; nurses also a technical competency), then two campaigns a year apart are
//! answered with realistic spreads (self-ratings a little generous, a year of
//! progress between them, some forms never sent) and closed by the real closing
//! service, so a first run shows full dashboards and their progress.

use super::Rng;
use app::assessment::model::CampaignForm;
use app::assessment::service::{campaigns, closing};
use app::auth::model::Actor;
use app::competency::model::TechnicalForm;
use app::competency::service::{dictionary, standards};
use app::error::AppError;
use app::server::{sql, write_tx, Db};
use sea_orm::Value;
use std::collections::HashMap;

const COMMENTS: &[(&str, &[&str])] = &[
    ("supervisor", &[
        "Konsisten menyelesaikan tugas tepat waktu; perlu lebih berani mengambil keputusan sendiri.",
        "Komunikasi dengan pasien dan keluarga sangat baik. Pertahankan.",
        "Mulai membimbing rekan baru; lanjutkan dengan membuat catatan prosedur yang rapi.",
        "Perlu lebih aktif menyampaikan kendala di lapangan sebelum menjadi masalah.",
    ]),
    ("peer", &[
        "Selalu siap membantu saat jadwal jaga padat.",
        "Kadang sulit dihubungi saat koordinasi mendadak.",
        "Terbuka menerima masukan dan cepat memperbaiki.",
        "Bisa lebih sering berbagi informasi dengan tim.",
        "Menjadi contoh dalam kejujuran dan kedisiplinan.",
    ]),
    ("subordinate", &[
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
        levels: [
            level("Melakukan tindakan keperawatan dasar dengan bimbingan."),
            level("Melakukan asuhan keperawatan mandiri pada pasien dengan kondisi stabil."),
            level("Menangani pasien dengan kondisi kompleks dan mengoordinasikan tim jaga."),
            level("Mengembangkan standar asuhan dan membimbing perawat lain."),
            level("Menjadi rujukan asuhan keperawatan di tingkat daerah."),
        ],
        indicators: std::array::from_fn(|_| String::new()),
    })
    .await
}

/// Ratified version 1 of every position's standard.
async fn ratify_all(db: &Db, hr: &Actor, agency: i32, nurse_tech: i32) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let positions = sql::all(
        &tx,
        "SELECT id, code, job_level FROM positions WHERE agency_id = $1",
        vec![agency.into()],
    )
    .await?;
    for p in positions {
        let mut items = standards::defaults(&tx, &sql::get::<String>(&p, "job_level")?).await?;
        if sql::get::<String>(&p, "code")?.starts_with("PERAWAT") {
            items.push((nurse_tech, 2));
        }
        standards::insert_standard(&tx, agency, sql::get(&p, "id")?, 1, "ratified", &items).await?;
    }
    app::audit::service::change(
        &tx,
        hr,
        agency,
        "seed",
        "standard",
        0,
        serde_json::json!({ "ratified": "all positions, version 1" }),
    )
    .await?;
    app::server::commit(tx).await?;
    Ok(())
}

/// A stable "true" level of a person in a competency, in [-1.2, 0.5] around the
/// required level (most people fall a little short somewhere).
fn talent(emp: i32, comp: i32) -> f64 {
    let h = (emp as u64).wrapping_mul(2654435761) ^ (comp as u64).wrapping_mul(40503);
    (h % 171) as f64 / 100.0 - 1.2
}

async fn answer_all(db: &Db, campaign: i32, progress: f64, rng: &mut Rng) -> Result<(), AppError> {
    let tx = write_tx(db).await?;
    let rows = sql::all(
        &tx,
        "SELECT r.id, r.agency_id, r.ratee_id, r.source, i.competency_id, i.required_level FROM campaign_raters r \
         JOIN campaign_ratees t ON t.campaign_id = r.campaign_id AND t.employee_id = r.ratee_id \
         JOIN standard_items i ON i.standard_id = t.standard_id WHERE r.campaign_id = $1 ORDER BY r.id, i.competency_id",
        vec![campaign.into()],
    )
    .await?;
    let mut answered: HashMap<i32, bool> = HashMap::new();
    let mut out: Vec<Vec<Value>> = Vec::new();
    for r in rows {
        let id: i32 = sql::get(&r, "id")?;
        // About one form in fifteen is never sent.
        if !*answered.entry(id).or_insert_with(|| rng.below(15) != 0) {
            continue;
        }
        let source: String = sql::get(&r, "source")?;
        let comp: i32 = sql::get(&r, "competency_id")?;
        let req = f64::from(sql::get::<i16>(&r, "required_level")?);
        let bias = if source == "self" { 0.6 } else { 0.0 };
        let noise = rng.below(121) as f64 / 100.0 - 0.6;
        let level = (req + talent(sql::get(&r, "ratee_id")?, comp) + progress + bias + noise)
            .round()
            .clamp(1.0, 5.0) as i16;
        let bank = COMMENTS.iter().find(|(s, _)| *s == source).map(|(_, c)| *c);
        let comment = bank
            .filter(|_| rng.below(4) == 0)
            .map(|c| rng.pick(c).to_string());
        out.push(vec![
            sql::get::<i32>(&r, "agency_id")?.into(),
            id.into(),
            comp.into(),
            level.into(),
            comment.into(),
        ]);
    }
    sql::insert_rows(
        &tx,
        "answers",
        &[
            "agency_id",
            "rater_row_id",
            "competency_id",
            "level",
            "comment",
        ],
        out,
    )
    .await?;
    for (id, sent) in answered {
        if sent {
            sql::exec(
                &tx,
                "UPDATE campaign_raters SET status = 'submitted', submitted_at = $1 WHERE id = $2",
                vec![app::server::db::now().into(), id.into()],
            )
            .await?;
        }
    }
    app::server::commit(tx).await?;
    Ok(())
}

pub async fn seed(db: &Db, hr: &Actor, agency: i32, rng: &mut Rng) -> Result<(), AppError> {
    let tech = nurse_competency(db, hr).await?;
    ratify_all(db, hr, agency, tech).await?;
    for (name, year, progress) in [
        ("Penilaian Kompetensi 2025", 2025, 0.0),
        ("Penilaian Kompetensi 2026", 2026, 0.35),
    ] {
        let form = CampaignForm {
            name: name.into(),
            starts_on: format!("{year}-10-01"),
            ends_on: format!("{year}-10-31"),
            unit_ids: vec![],
            w_self: "10".into(),
            w_supervisor: "50".into(),
            w_peer: "25".into(),
            w_subordinate: "15".into(),
            k: "3".into(),
            max_peers: "4".into(),
        };
        let id = campaigns::create(db, hr, &form).await?;
        campaigns::start(db, hr, id).await?;
        answer_all(db, id, progress, rng).await?;
        closing::close(db, hr, id).await?;
        let tx = write_tx(db).await?;
        let closed = chrono::NaiveDate::from_ymd_opt(year, 11, 3)
            .unwrap_or_default()
            .and_hms_opt(9, 0, 0)
            .unwrap_or_default()
            .and_utc();
        sql::exec(
            &tx,
            "UPDATE campaigns SET closed_at = $1, started_at = $2 WHERE id = $3",
            vec![
                closed.into(),
                (closed - chrono::Duration::days(33)).into(),
                id.into(),
            ],
        )
        .await?;
        app::server::commit(tx).await?;
    }
    Ok(())
}
