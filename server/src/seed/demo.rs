//! The demo dataset loaded on first start: two city governments (Kota Manna and Kota
//! Makassar), each with its secretariat, BKPSDM, Dinas Pendidikan (with a school),
//! Dinas Kesehatan (with a puskesmas) and Dinas Kependudukan dan Pencatatan Sipil;
//! positions across the job levels; 90 employees with valid NIPs and supervisor
//! chains; a login per role. Every demo account uses the password `DEMO_PASSWORD`.

use super::demo_data::{POSITIONS, STAFF, UNITS};
use super::{make_nip, names, Rng};
use app::audit::service::{record, By, Entry};
use app::auth::model::Role;
use app::people::input::EmploymentStatus;
use app::people::nip::Sex;
use app::server::entities::{agency, assignment, employee, position, unit, user, user_role};
use app::server::{db, write_tx};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Set,
};
use serde_json::json;
use std::collections::HashMap;

pub const DEMO_PASSWORD: &str = "cakap2026";

/// The demo logins, for the README and the start-up message.
pub fn logins() -> Vec<(&'static str, &'static str)> {
    vec![
        ("admin", "administrator sistem / system administrator"),
        ("hr.manna", "admin BKPSDM Kota Manna / HR administrator"),
        (
            "kadinkes.manna",
            "Kepala Dinas Kesehatan Kota Manna / unit leader",
        ),
        ("pegawai.manna", "perawat, Puskesmas Kota Manna / employee"),
        (
            "hr.makassar",
            "admin BKPSDM Kota Makassar / HR administrator",
        ),
    ]
}

/// Whether this database holds the demo data (its HR login exists).
pub async fn present(db: &DatabaseConnection) -> Result<bool, DbErr> {
    Ok(hr_login(db, "hr.manna").await?.is_some())
}

async fn hr_login(db: &DatabaseConnection, login: &str) -> Result<Option<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::Username.eq(login))
        .one(db)
        .await
}

struct Seeder<'a> {
    tx: &'a sea_orm::DatabaseTransaction,
    hash: String,
    rng: Rng,
    serial: u64,
}

impl Seeder<'_> {
    async fn user(
        &self,
        username: &str,
        name: &str,
        agency: Option<i32>,
        emp: Option<i32>,
        roles: &[(Role, Option<i32>)],
    ) -> Result<(), DbErr> {
        let u = user::ActiveModel {
            username: Set(username.to_string()),
            display_name: Set(name.to_string()),
            password_hash: Set(self.hash.clone()),
            agency_id: Set(agency),
            employee_id: Set(emp),
            active: Set(true),
            created_at: Set(db::now()),
            last_login_at: Set(None),
            ..Default::default()
        }
        .insert(self.tx)
        .await?;
        for (role, unit) in roles {
            user_role::ActiveModel {
                user_id: Set(u.id),
                role: Set(*role),
                agency_id: Set(if *role == Role::SysAdmin {
                    None
                } else {
                    agency
                }),
                unit_id: Set(*unit),
                created_at: Set(db::now()),
                ..Default::default()
            }
            .insert(self.tx)
            .await?;
        }
        Ok(())
    }

    async fn agency(&mut self, code: &str, name: &str, city: &str) -> Result<usize, DbErr> {
        let now = db::now();
        let a = agency::ActiveModel {
            code: Set(code.into()),
            name: Set(name.into()),
            active: Set(true),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(self.tx)
        .await?;
        let mut units: HashMap<&str, i32> = HashMap::new();
        for (ucode, uname, kind, parent) in UNITS {
            let u = unit::ActiveModel {
                agency_id: Set(a.id),
                parent_id: Set(parent.and_then(|p| units.get(p).copied())),
                code: Set(ucode.to_string()),
                name: Set(uname.replace("{city}", city)),
                kind: Set(*kind),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(self.tx)
            .await?;
            units.insert(ucode, u.id);
        }
        let mut positions: HashMap<&str, i32> = HashMap::new();
        for (pcode, pname, level) in POSITIONS {
            let p = position::ActiveModel {
                agency_id: Set(a.id),
                code: Set(pcode.to_string()),
                name: Set(pname.to_string()),
                job_level: Set(*level),
                active: Set(true),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(self.tx)
            .await?;
            positions.insert(pcode, p.id);
        }
        let slug = city.to_lowercase();
        let mut count = 0;
        for (ucode, pcode, head, n) in STAFF {
            for k in 0..*n {
                let female = self.rng.below(100) < 55;
                let name = names::person(&mut self.rng, female);
                self.serial += 1;
                let nip = make_nip(&mut self.rng, female, self.serial);
                let e = employee::ActiveModel {
                    agency_id: Set(a.id),
                    nip: Set(nip.clone()),
                    name: Set(name.clone()),
                    sex: Set(if female { Sex::Female } else { Sex::Male }),
                    status: Set(if self.rng.below(10) == 0 {
                        EmploymentStatus::Pppk
                    } else {
                        EmploymentStatus::Pns
                    }),
                    active: Set(true),
                    created_at: Set(now),
                    updated_at: Set(now),
                    ..Default::default()
                }
                .insert(self.tx)
                .await?;
                let start = db::today() - chrono::Duration::days(200 + self.rng.below(2500) as i64);
                assignment::ActiveModel {
                    agency_id: Set(a.id),
                    employee_id: Set(e.id),
                    position_id: Set(positions[pcode]),
                    unit_id: Set(units[ucode]),
                    is_head: Set(*head),
                    start_date: Set(start),
                    end_date: Set(None),
                    created_at: Set(now),
                    ..Default::default()
                }
                .insert(self.tx)
                .await?;
                // A head's leadership of their unit comes from the appointment itself
                // (see auth::service::grants_of), so only HR is granted here.
                let (username, roles): (String, Vec<(Role, Option<i32>)>) =
                    match (*ucode, *pcode, k) {
                        ("BKPSDM", "ANALIS-SDM", 0) => (
                            format!("hr.{slug}"),
                            vec![(Role::Employee, None), (Role::HrAdmin, None)],
                        ),
                        ("DINKES", "KADIS", _) => {
                            (format!("kadinkes.{slug}"), vec![(Role::Employee, None)])
                        }
                        ("PKM-KOTA", "PERAWAT-TRP", 0) => {
                            (format!("pegawai.{slug}"), vec![(Role::Employee, None)])
                        }
                        _ => (nip.clone(), vec![(Role::Employee, None)]),
                    };
                self.user(&username, &name, Some(a.id), Some(e.id), &roles)
                    .await?;
                count += 1;
            }
        }
        record(self.tx, &By::system("seed"), Entry {
            agency_id: Some(a.id),
            action: "seed",
            entity: "agency",
            entity_id: a.id.to_string(),
            summary: json!({ "units": UNITS.len(), "positions": POSITIONS.len(), "employees": count }),
        })
        .await?;
        Ok(count)
    }
}

/// Loads the demo data in one transaction, unless the database already holds an
/// agency; returns the number of employees loaded. Safe when several server
/// processes start at once on one database: the check runs under the write lock.
pub async fn seed(db: &DatabaseConnection) -> Result<Option<usize>, DbErr> {
    let hash = app::auth::service::hash_password(DEMO_PASSWORD)
        .map_err(|e| DbErr::Custom(e.to_string()))?;
    let tx = write_tx(db).await?;
    if tx.get_database_backend() == sea_orm::DbBackend::Postgres {
        tx.execute_unprepared("SELECT pg_advisory_xact_lock(20261122)")
            .await?;
    }
    if !super::is_empty(&tx).await? {
        return Ok(None);
    }
    let mut s = Seeder {
        tx: &tx,
        hash,
        rng: Rng::new(2026),
        serial: 0,
    };
    s.user(
        "admin",
        "Administrator Sistem",
        None,
        None,
        &[(Role::SysAdmin, None)],
    )
    .await?;
    record(
        &tx,
        &By::system("seed"),
        Entry {
            agency_id: None,
            action: "seed",
            entity: "user",
            entity_id: "admin".into(),
            summary: json!({ "roles": ["sys_admin"] }),
        },
    )
    .await?;
    let mut total = s
        .agency("KOTA-MANNA", "Pemerintah Kota Manna", "Manna")
        .await?;
    total += s
        .agency("KOTA-MAKASSAR", "Pemerintah Kota Makassar", "Makassar")
        .await?;
    app::server::commit(tx).await?;
    assessments(db).await?;
    Ok(Some(total))
}

/// Standards and two closed campaigns per agency (see `seed::assessment`), run by
/// each agency's HR through the services.
async fn assessments(db: &DatabaseConnection) -> Result<(), DbErr> {
    let mut rng = Rng::new(38);
    for login in ["hr.manna", "hr.makassar"] {
        let u = hr_login(db, login)
            .await?
            .ok_or(DbErr::RecordNotFound(login.into()))?;
        let hr = app::auth::service::load_actor(db, u)
            .await
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        let agency = hr.agency_id.ok_or(DbErr::RecordNotFound("agency".into()))?;
        super::assessment::seed(db, &hr, agency, &mut rng)
            .await
            .map_err(|e| DbErr::Custom(format!("demo assessments: {e:?}")))?;
    }
    Ok(())
}
