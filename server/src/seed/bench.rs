//! A synthetic agency for benchmarks: N employees in a unit tree of departments,
//! divisions and front-line units (about 30 people each, every unit with a head, so
//! supervisor chains exist), written with multi-row inserts in one transaction.

use super::{make_nip, names, Rng};
use app::audit::service::{record, By, Entry};
use app::server::{db, sql, write_tx};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Value};
use serde_json::json;

pub const BENCH_USER: &str = "hr.bench";
pub const BENCH_PASSWORD: &str = "bench-2026";
const BATCH: usize = 400;

/// Rows of one table, flushed as multi-row INSERTs.
struct Bulk<'a, C: ConnectionTrait> {
    db: &'a C,
    head: String,
    cols: usize,
    rows: Vec<Vec<Value>>,
}

impl<'a, C: ConnectionTrait> Bulk<'a, C> {
    fn new(db: &'a C, table: &str, cols: &[&str]) -> Self {
        Bulk {
            db,
            head: format!("INSERT INTO {table} ({}) VALUES ", cols.join(", ")),
            cols: cols.len(),
            rows: vec![],
        }
    }

    async fn push(&mut self, row: Vec<Value>) -> Result<(), DbErr> {
        self.rows.push(row);
        if self.rows.len() >= BATCH {
            self.flush().await?;
        }
        Ok(())
    }

    async fn flush(&mut self) -> Result<(), DbErr> {
        if self.rows.is_empty() {
            return Ok(());
        }
        let mut sql_text = self.head.clone();
        let mut values = Vec::with_capacity(self.rows.len() * self.cols);
        for (r, row) in self.rows.drain(..).enumerate() {
            if r > 0 {
                sql_text.push(',');
            }
            let marks: Vec<String> = (0..self.cols)
                .map(|c| format!("${}", values.len() + c + 1))
                .collect();
            sql_text.push_str(&format!("({})", marks.join(",")));
            values.extend(row);
        }
        sql::exec(self.db, &sql_text, values).await?;
        Ok(())
    }
}

async fn next_id(db: &impl ConnectionTrait, table: &str) -> Result<i32, DbErr> {
    let row = sql::one(
        db,
        &format!("SELECT COALESCE(MAX(id), 0) AS m FROM {table}"),
        vec![],
    )
    .await?;
    Ok(row
        .map(|r| sql::get::<i32>(&r, "m"))
        .transpose()?
        .unwrap_or(0)
        + 1)
}

pub struct Generated {
    pub agency_id: i32,
    pub units: usize,
    pub employees: usize,
}

/// Creates agency `code` with `n` employees. Returns what was made.
pub async fn generate(db: &DatabaseConnection, code: &str, n: usize) -> Result<Generated, DbErr> {
    let tx = write_tx(db).await?;
    let now = db::now();
    let today = db::today();
    let agency_id = next_id(&tx, "agencies").await?;
    sql::exec(
        &tx,
        "INSERT INTO agencies (id, code, name, active, created_at) VALUES ($1, $2, $3, TRUE, $4)",
        vec![
            agency_id.into(),
            code.into(),
            format!("Instansi Uji Beban {code}").into(),
            now.into(),
        ],
    )
    .await?;
    // Positions: the demo catalogue; structural ones head units.
    let pos_base = next_id(&tx, "positions").await?;
    let levels = [
        ("KADIS", "Kepala Dinas", "jpt_pratama"),
        ("KABID", "Kepala Bidang", "administrator"),
        ("KASI", "Kepala Seksi", "pengawas"),
        ("ANALIS", "Analis Ahli Muda", "jf_ahli_muda"),
        ("PERTAMA", "Pranata Ahli Pertama", "jf_ahli_pertama"),
        ("PENYELIA", "Penyelia", "jf_penyelia"),
        ("MAHIR", "Teknisi Mahir", "jf_mahir"),
        ("TERAMPIL", "Teknisi Terampil", "jf_terampil"),
        ("PELAKSANA", "Pengadministrasi Umum", "pelaksana"),
        ("PENGOLAH", "Pengolah Data", "pelaksana"),
    ];
    let mut pos = Bulk::new(
        &tx,
        "positions",
        &[
            "id",
            "agency_id",
            "code",
            "name",
            "job_level",
            "active",
            "created_at",
            "updated_at",
        ],
    );
    for (k, (c, name, level)) in levels.iter().enumerate() {
        pos.push(vec![
            (pos_base + k as i32).into(),
            agency_id.into(),
            (*c).into(),
            (*name).into(),
            (*level).into(),
            true.into(),
            now.into(),
            now.into(),
        ])
        .await?;
    }
    pos.flush().await?;
    // Unit tree: ~30 employees a unit, 10 divisions a department.
    let unit_count = (n / 30).max(3);
    let departments = (unit_count / 200).max(1);
    let divisions = departments * 10;
    let unit_base = next_id(&tx, "units").await?;
    let mut units = Bulk::new(
        &tx,
        "units",
        &[
            "id",
            "agency_id",
            "parent_id",
            "code",
            "name",
            "kind",
            "active",
            "created_at",
            "updated_at",
        ],
    );
    let mut unit_level = Vec::with_capacity(unit_count);
    for u in 0..unit_count {
        let id = unit_base + u as i32;
        let (parent, kind, name, level) = if u < departments {
            (None, "dinas", format!("Dinas {}", u + 1), 0)
        } else if u < departments + divisions {
            let d = (u - departments) % departments;
            (
                Some(unit_base + d as i32),
                "bidang",
                format!("Bidang {}", u + 1),
                1,
            )
        } else {
            let b = departments + (u - departments - divisions) % divisions;
            (
                Some(unit_base + b as i32),
                "seksi",
                format!("Seksi {}", u + 1),
                2,
            )
        };
        unit_level.push(level);
        units
            .push(vec![
                id.into(),
                agency_id.into(),
                parent.into(),
                format!("U{:06}", u + 1).into(),
                name.into(),
                kind.into(),
                true.into(),
                now.into(),
                now.into(),
            ])
            .await?;
    }
    units.flush().await?;
    drop(units);
    let emp_base = next_id(&tx, "employees").await?;
    let asg_base = next_id(&tx, "assignments").await?;
    let mut emps = Bulk::new(
        &tx,
        "employees",
        &[
            "id",
            "agency_id",
            "nip",
            "name",
            "sex",
            "status",
            "active",
            "created_at",
            "updated_at",
        ],
    );
    let mut asgs = Bulk::new(
        &tx,
        "assignments",
        &[
            "id",
            "agency_id",
            "employee_id",
            "position_id",
            "unit_id",
            "is_head",
            "start_date",
            "end_date",
            "created_at",
        ],
    );
    let mut rng = Rng::new(250_000);
    let serial_base = 1_000_000 + agency_id as u64 * 10_000_000;
    for e in 0..n {
        let id = emp_base + e as i32;
        let female = rng.below(2) == 0;
        let nip = make_nip(&mut rng, female, serial_base + e as u64);
        emps.push(vec![
            id.into(),
            agency_id.into(),
            nip.into(),
            names::person(&mut rng, female).into(),
            (if female { "P" } else { "L" }).into(),
            "PNS".into(),
            true.into(),
            now.into(),
            now.into(),
        ])
        .await?;
        // The first unit_count employees head the units, one each.
        let (unit, head, p) = match unit_level.get(e) {
            Some(level) => (e, true, *level),
            None => (e % unit_count, false, 3 + rng.below(7) as usize),
        };
        asgs.push(vec![
            (asg_base + e as i32).into(),
            agency_id.into(),
            id.into(),
            (pos_base + p as i32).into(),
            (unit_base + unit as i32).into(),
            head.into(),
            today.into(),
            Option::<chrono::NaiveDate>::None.into(),
            now.into(),
        ])
        .await?;
    }
    emps.flush().await?;
    asgs.flush().await?;
    drop((emps, asgs));
    let hash = app::auth::service::hash_password(BENCH_PASSWORD)
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    let user_id = next_id(&tx, "users").await?;
    sql::exec(&tx, "INSERT INTO users (id, username, display_name, password_hash, agency_id, employee_id, active, created_at) VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7)",
        vec![user_id.into(), BENCH_USER.into(), "Admin Uji Beban".into(), hash.into(), agency_id.into(), emp_base.into(), now.into()]).await?;
    for role in ["employee", "hr_admin"] {
        sql::exec(
            &tx,
            "INSERT INTO user_roles (user_id, role, agency_id, created_at) VALUES ($1, $2, $3, $4)",
            vec![user_id.into(), role.into(), agency_id.into(), now.into()],
        )
        .await?;
    }
    if tx.get_database_backend() == DbBackend::Postgres {
        for t in [
            "agencies",
            "positions",
            "units",
            "employees",
            "assignments",
            "users",
        ] {
            sql::exec(
                &tx,
                &format!(
                    "SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT MAX(id) FROM {t}))"
                ),
                vec![],
            )
            .await?;
        }
    }
    record(
        &tx,
        &By::system("bench"),
        Entry {
            agency_id: Some(agency_id),
            action: "generate",
            entity: "agency",
            entity_id: agency_id.to_string(),
            summary: json!({ "employees": n, "units": unit_count }),
        },
    )
    .await?;
    app::server::commit(tx).await?;
    Ok(Generated {
        agency_id,
        units: unit_count,
        employees: n,
    })
}
