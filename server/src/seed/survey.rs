//! Demo citizen satisfaction surveys: each agency's puskesmas, Dukcapil counter and
//! primary school collect a year's worth of responses through the real service (so
//! the stuffing checks run on them), a few of them repeated or filled in seconds
//! and so held; HR excludes one of those with a reason and counts another.

use super::Rng;
use app::auth::model::Actor;
use app::error::AppError;
use app::server::entities::{agency, survey_response, unit};
use app::server::{db, Db};
use app::survey::model::{ResponseForm, ResponseState, ServiceUnitForm};
use app::survey::service::respond::{respond, Visit};
use app::survey::service::token::{new_device, start_token};
use app::survey::service::{review, units};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// (code prefix, name, the unit it serves under, people served a year, responses,
/// how good the service is: the chance in 10 of each answer being 4 rather than 3).
const UNITS: &[(&str, &str, &str, i32, u32, u64)] = &[
    ("PKM", "Puskesmas Kota {city}", "PKM-KOTA", 12_000, 120, 6),
    (
        "CAPIL",
        "Loket Dukcapil {city}",
        "DUKCAPIL-DAFDUK",
        30_000,
        150,
        3,
    ),
    (
        "SDN1",
        "SD Negeri 1 {city} (layanan orang tua)",
        "SDN-1",
        400,
        45,
        5,
    ),
];

/// Nine answers around a unit's quality: mostly 3 or 4, now and then a 2.
fn answers(rng: &mut Rng, good: u64) -> [String; 9] {
    std::array::from_fn(|_| {
        let r = rng.below(10);
        let a = if r < good {
            4
        } else if rng.below(8) == 0 {
            2
        } else {
            3
        };
        a.to_string()
    })
}

/// A response with these answers and, two times in three, the respondent's profile.
fn form(started: String, a: [String; 9], rng: &mut Rng) -> ResponseForm {
    let mut f = ResponseForm::answered(started, a);
    if rng.below(3) > 0 {
        f.age = (18 + rng.below(50)).to_string();
        f.sex = rng.pick(&["L", "P"]).to_string();
        f.education = rng.pick(&["smp", "sma", "diploma", "s1"]).to_string();
        f.occupation = rng
            .pick(&["swasta", "wirausaha", "pns", "lainnya"])
            .to_string();
    }
    f.suggestion = match rng.below(12) {
        0 => "Antrean pagi terlalu panjang, mohon tambah petugas.".into(),
        1 => "Petugas ramah dan jelas menjelaskan persyaratan.".into(),
        _ => String::new(),
    };
    f
}

pub async fn seed(db: &Db, hr: &Actor, agency_id: i32, rng: &mut Rng) -> Result<(), AppError> {
    let a = agency::Entity::find_by_id(agency_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let city = a.name.rsplit(' ').next().unwrap_or_default().to_string();
    let now = db::now().timestamp();
    for (n, (prefix, name, under, population, count, good)) in UNITS.iter().enumerate() {
        let Some(owner) = unit::Entity::find()
            .filter(unit::Column::AgencyId.eq(agency_id))
            .filter(unit::Column::Code.eq(*under))
            .one(db)
            .await?
        else {
            continue;
        };
        let code = format!("{prefix}-{}", city.to_uppercase());
        let f = ServiceUnitForm {
            code: code.clone(),
            name: name.replace("{city}", &city),
            unit_id: owner.id.to_string(),
            population: population.to_string(),
        };
        let id = units::save(db, hr, None, &f).await?;
        let mut last_device = None;
        for k in 0..*count {
            let device = Some(new_device());
            let visit = Visit {
                ip: format!("10.{agency_id}.{n}.{k}"),
                device: device.clone(),
            };
            let started = start_token(id, now - 60 - rng.below(400) as i64)?;
            respond(db, &code, &form(started, answers(rng, *good), rng), &visit).await?;
            last_device = device;
        }
        // Stuffing: the last device twice more, and two sent within seconds.
        for k in 0..4u32 {
            let device = if k < 2 {
                last_device.clone()
            } else {
                Some(new_device())
            };
            let visit = Visit {
                ip: format!("10.{agency_id}.{n}.{}", 200 + k),
                device,
            };
            let secs = if k < 2 { 90 } else { 4 };
            let started = start_token(id, now - secs)?;
            respond(db, &code, &form(started, answers(rng, 10), rng), &visit).await?;
        }
    }
    decide(db, hr, agency_id).await?;
    spread_over(db, agency_id, YEAR).await
}

/// The year the demo's responses belong to: that of the demo's latest campaign, so
/// its snapshot carries them whatever the day the demo is seeded.
const YEAR: i32 = 2026;

/// Spreads the agency's responses over January to October of `year` (they were all
/// sent just now), keeping their order.
async fn spread_over(db: &Db, agency_id: i32, year: i32) -> Result<(), AppError> {
    let rows = survey_response::Entity::find()
        .filter(survey_response::Column::AgencyId.eq(agency_id))
        .order_by_asc(survey_response::Column::Id)
        .all(db)
        .await?;
    let start = chrono::NaiveDate::from_ymd_opt(year, 1, 2)
        .unwrap_or_default()
        .and_hms_opt(8, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let step = (300 * 24 * 3600) / rows.len().max(1) as i64;
    let tx = app::server::write_tx(db).await?;
    for (n, r) in rows.into_iter().enumerate() {
        let mut a: survey_response::ActiveModel = r.into();
        a.submitted_at = sea_orm::Set(start + chrono::Duration::seconds(step * n as i64));
        a.update(&tx).await?;
    }
    app::server::commit(tx).await?;
    Ok(())
}

/// HR excludes the first held response with a reason and counts the last one.
async fn decide(db: &Db, hr: &Actor, agency_id: i32) -> Result<(), AppError> {
    let held = survey_response::Entity::find()
        .filter(survey_response::Column::AgencyId.eq(agency_id))
        .filter(survey_response::Column::State.eq(ResponseState::Held))
        .order_by_asc(survey_response::Column::Id)
        .all(db)
        .await?;
    if let (Some(first), Some(last)) = (held.first(), held.last()) {
        let why = "Dikirim berulang dari perangkat yang sama dalam satu menit.";
        review::review(db, hr, first.id, false, why).await?;
        if last.id != first.id {
            review::review(db, hr, last.id, true, "").await?;
        }
    }
    Ok(())
}
