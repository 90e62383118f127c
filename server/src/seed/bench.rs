//! A synthetic agency for benchmarks: N employees in a unit tree of departments,
//! divisions and front-line units (about 30 people each, every unit with a head, so
//! supervisor chains exist), written with multi-row inserts in one transaction.

use super::{make_nip, names, Rng};
use app::audit::service::{record, By, Entry};
use app::auth::model::Role;
use app::org::input::UnitKind;
use app::people::input::EmploymentStatus;
use app::people::job_level::JobLevel;
use app::people::nip::Sex;
use app::server::entities::{agency, assignment, employee, position, unit, user, user_role};
use app::server::{db, sql, write_tx};
use sea_orm::sea_query::{Expr, Func};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    QuerySelect, Set,
};
use serde_json::json;

pub const BENCH_USER: &str = "hr.bench";
pub const BENCH_PASSWORD: &str = "bench-2026";
/// Rows held before they are written.
const BATCH: usize = 2000;

/// The next free id of a table (ids are given here so rows can refer to each other
/// before they are written).
async fn next_id<E: EntityTrait>(db: &impl ConnectionTrait, id: E::Column) -> Result<i32, DbErr> {
    let max: Option<Option<i32>> = E::find()
        .select_only()
        .expr(Func::max(Expr::col(id)))
        .into_tuple()
        .one(db)
        .await?;
    Ok(max.flatten().unwrap_or(0) + 1)
}

/// Writes the rows when enough are held (or when `all`).
async fn flush<A: ActiveModelTrait>(
    db: &impl ConnectionTrait,
    rows: &mut Vec<A>,
    all: bool,
) -> Result<(), DbErr> {
    if rows.len() >= BATCH || (all && !rows.is_empty()) {
        sql::insert_many(db, std::mem::take(rows)).await?;
    }
    Ok(())
}

pub struct Generated {
    pub agency_id: i32,
    pub units: usize,
    pub employees: usize,
}

const POSITIONS: [(&str, &str, JobLevel); 10] = [
    ("KADIS", "Kepala Dinas", JobLevel::JptPratama),
    ("KABID", "Kepala Bidang", JobLevel::Administrator),
    ("KASI", "Kepala Seksi", JobLevel::Pengawas),
    ("ANALIS", "Analis Ahli Muda", JobLevel::JfAhliMuda),
    ("PERTAMA", "Pranata Ahli Pertama", JobLevel::JfAhliPertama),
    ("PENYELIA", "Penyelia", JobLevel::JfPenyelia),
    ("MAHIR", "Teknisi Mahir", JobLevel::JfMahir),
    ("TERAMPIL", "Teknisi Terampil", JobLevel::JfTerampil),
    ("PELAKSANA", "Pengadministrasi Umum", JobLevel::Pelaksana),
    ("PENGOLAH", "Pengolah Data", JobLevel::Pelaksana),
];

/// Creates agency `code` with `n` employees. Returns what was made.
pub async fn generate(db: &DatabaseConnection, code: &str, n: usize) -> Result<Generated, DbErr> {
    let tx = write_tx(db).await?;
    let now = db::now();
    let agency_id = next_id::<agency::Entity>(&tx, agency::Column::Id).await?;
    agency::ActiveModel {
        id: Set(agency_id),
        code: Set(code.into()),
        name: Set(format!("Instansi Uji Beban {code}")),
        active: Set(true),
        created_at: Set(now),
        comment_days: Set(7),
        named_ranking: Set(false),
    }
    .insert(&tx)
    .await?;
    // Positions: a small catalogue; the structural ones head units.
    let pos_base = next_id::<position::Entity>(&tx, position::Column::Id).await?;
    let positions =
        POSITIONS
            .iter()
            .enumerate()
            .map(|(k, (c, name, level))| position::ActiveModel {
                id: Set(pos_base + k as i32),
                agency_id: Set(agency_id),
                code: Set(c.to_string()),
                name: Set(name.to_string()),
                job_level: Set(*level),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
            });
    sql::insert_many(&tx, positions.collect()).await?;
    let (unit_base, unit_level) = units(&tx, agency_id, n).await?;
    let emp_base = employees(&tx, agency_id, n, (unit_base, &unit_level), pos_base).await?;
    bench_login(&tx, agency_id, emp_base).await?;
    employee_logins(&tx, agency_id, emp_base, n).await?;
    if tx.get_database_backend() == DbBackend::Postgres {
        for t in [
            "agencies",
            "positions",
            "units",
            "employees",
            "assignments",
            "users",
        ] {
            // Ids were given here: the sequences must move past them.
            let q = format!(
                "SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT MAX(id) FROM {t}))"
            );
            tx.execute_unprepared(&q).await?;
        }
    }
    let summary = json!({ "employees": n, "units": unit_level.len() });
    let entry = Entry {
        agency_id: Some(agency_id),
        action: "generate",
        entity: "agency",
        entity_id: agency_id.to_string(),
        summary,
    };
    record(&tx, &By::system("bench"), entry).await?;
    app::server::commit(tx).await?;
    Ok(Generated {
        agency_id,
        units: unit_level.len(),
        employees: n,
    })
}

/// The unit tree: ~30 employees a unit, 10 divisions a department. Returns the first
/// unit id and each unit's depth (0 department, 1 division, 2 front line).
async fn units(
    tx: &impl ConnectionTrait,
    agency_id: i32,
    n: usize,
) -> Result<(i32, Vec<usize>), DbErr> {
    let now = db::now();
    let unit_count = (n / 30).max(3);
    let departments = (unit_count / 200).max(1);
    let divisions = departments * 10;
    let unit_base = next_id::<unit::Entity>(tx, unit::Column::Id).await?;
    let mut rows = Vec::new();
    let mut unit_level = Vec::with_capacity(unit_count);
    for u in 0..unit_count {
        let (parent, kind, name, level) = if u < departments {
            (None, UnitKind::Dinas, format!("Dinas {}", u + 1), 0)
        } else if u < departments + divisions {
            let d = (u - departments) % departments;
            let parent = Some(unit_base + d as i32);
            (parent, UnitKind::Bidang, format!("Bidang {}", u + 1), 1)
        } else {
            let b = departments + (u - departments - divisions) % divisions;
            let parent = Some(unit_base + b as i32);
            (parent, UnitKind::Seksi, format!("Seksi {}", u + 1), 2)
        };
        unit_level.push(level);
        rows.push(unit::ActiveModel {
            id: Set(unit_base + u as i32),
            agency_id: Set(agency_id),
            parent_id: Set(parent),
            code: Set(format!("U{:06}", u + 1)),
            name: Set(name),
            kind: Set(kind),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
        });
        flush(tx, &mut rows, false).await?;
    }
    flush(tx, &mut rows, true).await?;
    Ok((unit_base, unit_level))
}

/// The employees and their assignments: the first ones head the units, one each;
/// the rest are spread over the units. Returns the first employee id.
async fn employees(
    tx: &impl ConnectionTrait,
    agency_id: i32,
    n: usize,
    (unit_base, unit_level): (i32, &[usize]),
    pos_base: i32,
) -> Result<i32, DbErr> {
    let (now, today) = (db::now(), db::today());
    let emp_base = next_id::<employee::Entity>(tx, employee::Column::Id).await?;
    let asg_base = next_id::<assignment::Entity>(tx, assignment::Column::Id).await?;
    let (mut emps, mut asgs) = (Vec::new(), Vec::new());
    let mut rng = Rng::new(250_000);
    let serial_base = 1_000_000 + agency_id as u64 * 10_000_000;
    for e in 0..n {
        let id = emp_base + e as i32;
        let female = rng.below(2) == 0;
        let nip = make_nip(&mut rng, female, serial_base + e as u64);
        emps.push(employee::ActiveModel {
            id: Set(id),
            agency_id: Set(agency_id),
            nip: Set(nip),
            name: Set(names::person(&mut rng, female)),
            sex: Set(if female { Sex::Female } else { Sex::Male }),
            status: Set(EmploymentStatus::Pns),
            active: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
        });
        let (unit, head, p) = match unit_level.get(e) {
            Some(level) => (e, true, *level),
            None => (e % unit_level.len(), false, 3 + rng.below(7) as usize),
        };
        asgs.push(assignment::ActiveModel {
            id: Set(asg_base + e as i32),
            agency_id: Set(agency_id),
            employee_id: Set(id),
            position_id: Set(pos_base + p as i32),
            unit_id: Set(unit_base + unit as i32),
            is_head: Set(head),
            start_date: Set(today),
            end_date: Set(None),
            created_at: Set(now),
        });
        flush(tx, &mut emps, false).await?;
        flush(tx, &mut asgs, false).await?;
    }
    flush(tx, &mut emps, true).await?;
    flush(tx, &mut asgs, true).await?;
    Ok(emp_base)
}

/// The account name of the bench agency's `e`-th employee (0 is HR's, `BENCH_USER`).
pub fn employee_account(e: usize) -> String {
    format!("uji{e}")
}

/// A login for every other employee (`employee_account`, password `BENCH_PASSWORD`),
/// so the benchmark's users each have a session of their own. One hash serves them
/// all: a quarter of a million password hashes would take hours to compute.
async fn employee_logins(
    tx: &impl ConnectionTrait,
    agency_id: i32,
    emp_base: i32,
    n: usize,
) -> Result<(), DbErr> {
    let now = db::now();
    let hash = app::auth::service::hash_password(BENCH_PASSWORD)
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    let user_base = next_id::<user::Entity>(tx, user::Column::Id).await?;
    let (mut users, mut roles) = (Vec::new(), Vec::new());
    for e in 1..n {
        let id = user_base + e as i32;
        users.push(user::ActiveModel {
            id: Set(id),
            username: Set(employee_account(e)),
            display_name: Set(employee_account(e)),
            password_hash: Set(hash.clone()),
            agency_id: Set(Some(agency_id)),
            employee_id: Set(Some(emp_base + e as i32)),
            active: Set(true),
            created_at: Set(now),
            last_login_at: Set(None),
            must_change_password: Set(false),
            password_reset_at: Set(None),
        });
        roles.push(user_role::ActiveModel {
            user_id: Set(id),
            role: Set(Role::Employee),
            agency_id: Set(Some(agency_id)),
            unit_id: Set(None),
            created_at: Set(now),
            ..Default::default()
        });
        flush(tx, &mut users, false).await?;
        flush(tx, &mut roles, false).await?;
    }
    flush(tx, &mut users, true).await?;
    flush(tx, &mut roles, true).await
}

/// HR's login for the benchmark (the first employee, who heads the first department).
async fn bench_login(tx: &impl ConnectionTrait, agency_id: i32, emp: i32) -> Result<(), DbErr> {
    let now = db::now();
    let hash = app::auth::service::hash_password(BENCH_PASSWORD)
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    let user_id = next_id::<user::Entity>(tx, user::Column::Id).await?;
    user::ActiveModel {
        id: Set(user_id),
        username: Set(BENCH_USER.into()),
        display_name: Set("Admin Uji Beban".into()),
        password_hash: Set(hash),
        agency_id: Set(Some(agency_id)),
        employee_id: Set(Some(emp)),
        active: Set(true),
        created_at: Set(now),
        last_login_at: Set(None),
        must_change_password: Set(false),
        password_reset_at: Set(None),
    }
    .insert(tx)
    .await?;
    for role in [Role::Employee, Role::HrAdmin] {
        user_role::ActiveModel {
            user_id: Set(user_id),
            role: Set(role),
            agency_id: Set(Some(agency_id)),
            unit_id: Set(None),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(tx)
        .await?;
    }
    Ok(())
}
