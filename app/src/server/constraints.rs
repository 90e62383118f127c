//! Database errors as users read them. Services check uniqueness and references
//! before they write, so people see a field error at once; the database's unique
//! indexes and foreign keys still decide when two requests race (on PostgreSQL both
//! pre-checks can pass). This is the one place that turns such a violation into
//! the same field error the pre-check gives: PostgreSQL names the constraint,
//! SQLite names the table and columns, and this list knows both. Any other database
//! error is internal: logged under a request id, never shown.

use crate::error::{AppError, FieldError, Msg};
use crate::i18n::K;
use sea_orm::sqlx::error::{DatabaseError, ErrorKind};
use sea_orm::sqlx::sqlite::SqliteError;
use sea_orm::{ConnAcquireErr, DbErr, RuntimeErr};

/// A constraint users can run into, and what they are told.
struct Constraint {
    /// The index or foreign key name (PostgreSQL reports it).
    name: &'static str,
    /// `table.column, table.column` as SQLite reports a unique violation.
    sqlite: &'static str,
    /// The form field at fault, or None for a message about the whole form.
    field: Option<&'static str>,
    msg: K,
}

const fn c(name: &'static str, sqlite: &'static str, field: &'static str, msg: K) -> Constraint {
    Constraint {
        name,
        sqlite,
        field: Some(field),
        msg,
    }
}

const fn whole(name: &'static str, sqlite: &'static str, msg: K) -> Constraint {
    Constraint {
        name,
        sqlite,
        field: None,
        msg,
    }
}

const CONSTRAINTS: &[Constraint] = &[
    c(
        "ux_units_agency_code",
        "units.agency_id, units.code",
        "code",
        K::ErrCodeTaken,
    ),
    c(
        "ux_positions_agency_code",
        "positions.agency_id, positions.code",
        "code",
        K::ErrCodeTaken,
    ),
    c("ux_employees_nip", "employees.nip", "nip", K::ErrNipTaken),
    // Two publications of one agency at the same moment take the same place in its chain.
    whole(
        "ux_snapshots_sequence",
        "snapshots.agency_id, snapshots.sequence",
        K::ErrConflictChanged,
    ),
    whole(
        "ux_consents_person",
        "consents.employee_id, consents.kind",
        K::ErrConflictChanged,
    ),
    // Two HR officers creating the same employee's login at the same moment.
    whole(
        "ux_users_employee",
        "users.employee_id",
        K::ErrConflictChanged,
    ),
    whole("ux_users_username", "users.username", K::ErrConflictChanged),
    c(
        "ux_competencies_agency",
        "competencies.agency_id, competencies.code",
        "code",
        K::ErrCodeTaken,
    ),
    c(
        "ux_competencies_national",
        "competencies.code",
        "code",
        K::ErrCompetencyCodeNational,
    ),
    c(
        "ux_assignments_head",
        "assignments.unit_id",
        "is_head",
        K::ErrUnitHasHead,
    ),
    c(
        "ux_campaign_raters",
        "campaign_raters.campaign_id, campaign_raters.ratee_id, campaign_raters.rater_id",
        "rater_id",
        K::ErrPeerAlready,
    ),
    whole(
        "ux_standards_working",
        "standards.position_id",
        K::ErrStandardWorking,
    ),
    whole(
        "ux_standards_version",
        "standards.position_id, standards.version",
        K::ErrStandardWorking,
    ),
    c("fk_assignments_unit", "", "unit_id", K::ErrUnitUnknown),
    c("fk_assignments_position", "", "position_id", K::ErrChoice),
    c("fk_campaign_units_unit", "", "unit_ids", K::ErrUnitUnknown),
    c(
        "fk_campaign_raters_rater",
        "",
        "rater_id",
        K::ErrEmployeeUnknown,
    ),
    c(
        "fk_standard_items_competency",
        "",
        "competency_id",
        K::ErrCompetencyUnknown,
    ),
];

/// The driver's description of a failed statement, if the database refused it.
fn database_error(e: &DbErr) -> Option<&dyn DatabaseError> {
    match e {
        DbErr::Exec(RuntimeErr::SqlxError(e)) | DbErr::Query(RuntimeErr::SqlxError(e)) => {
            match e.as_ref() {
                sea_orm::sqlx::Error::Database(d) => Some(d.as_ref()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The user's error for a violated unique index or foreign key; None for anything
/// else (an internal error).
pub fn violation(e: &DbErr) -> Option<AppError> {
    let d = database_error(e)?;
    let unique = match d.kind() {
        ErrorKind::UniqueViolation => true,
        ErrorKind::ForeignKeyViolation => false,
        _ => return None,
    };
    let known = CONSTRAINTS.iter().find(|c| match d.constraint() {
        Some(name) => c.name == name,
        // SQLite: "UNIQUE constraint failed: units.agency_id, units.code". Its foreign
        // key errors name no constraint, so they take the general message below.
        None => unique && d.message().rsplit(": ").next() == Some(c.sqlite),
    });
    Some(match known {
        Some(c) => match c.field {
            Some(field) => AppError::Validation(vec![FieldError::new(field, c.msg)]),
            None => AppError::Conflict(Msg::new(c.msg)),
        },
        // A constraint no form leads to: somebody changed the data meanwhile, or a
        // check is missing (logged, so a bug does not pass for a race).
        None => {
            tracing::warn!(error = %d.message(), "constraint without a user message");
            AppError::Conflict(Msg::new(K::ErrConflictChanged))
        }
    })
}

/// Whether the database was too busy to take the write: the wait for SQLite's writer
/// passed `db::WRITE_WAIT`, or the file stayed locked by another process past the
/// busy timeout (SQLITE_BUSY / SQLITE_LOCKED and their extended codes).
pub fn busy(e: &DbErr) -> bool {
    if matches!(e, DbErr::ConnectionAcquire(ConnAcquireErr::Timeout)) {
        return true;
    }
    let Some(d) = database_error(e).filter(|d| d.try_downcast_ref::<SqliteError>().is_some())
    else {
        return false;
    };
    d.code()
        .and_then(|c| c.parse::<i32>().ok())
        .is_some_and(|c| matches!(c & 0xff, 5 | 6))
}

/// Seconds a busy answer asks the user to wait.
const BUSY_RETRY_SECS: u32 = 5;

impl From<DbErr> for AppError {
    fn from(e: DbErr) -> Self {
        if busy(&e) {
            tracing::warn!("write refused as busy: {e}");
            return AppError::Busy {
                retry_after_seconds: BUSY_RETRY_SECS,
            };
        }
        violation(&e).unwrap_or_else(|| crate::error::internal(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sea_orm::{ConnectionTrait, Database};

    #[tokio::test]
    async fn a_duplicate_code_on_sqlite_is_the_field_error_of_the_pre_check() {
        let db = Database::connect("sqlite::memory:").await.unwrap();
        db.execute_unprepared(
            "CREATE TABLE units (id INTEGER PRIMARY KEY, agency_id INTEGER, code TEXT); \
             CREATE UNIQUE INDEX ux_units_agency_code ON units (agency_id, code); \
             INSERT INTO units (agency_id, code) VALUES (1, 'DINKES')",
        )
        .await
        .unwrap();
        let e = db
            .execute_unprepared("INSERT INTO units (agency_id, code) VALUES (1, 'DINKES')")
            .await
            .unwrap_err();
        assert_eq!(
            AppError::from(e),
            AppError::field("code", K::ErrCodeTaken),
            "the same error the service's pre-check gives"
        );
    }

    #[tokio::test]
    async fn other_database_errors_stay_internal() {
        let db = Database::connect("sqlite::memory:").await.unwrap();
        let e = db
            .execute_unprepared("SELECT * FROM nowhere")
            .await
            .unwrap_err();
        assert!(violation(&e).is_none());
        assert!(matches!(AppError::from(e), AppError::Internal { .. }));
    }

    /// A write that waited its whole turn, or met another process's lock, tells the
    /// user to try again (503 with Retry-After) instead of an internal error.
    #[tokio::test]
    async fn a_busy_database_asks_to_try_again() {
        let e = AppError::from(DbErr::ConnectionAcquire(ConnAcquireErr::Timeout));
        assert_eq!((e.status(), e.retry_after()), (503, Some(BUSY_RETRY_SECS)));

        let file = std::env::temp_dir().join(format!("cakap-busy-{}.db", rand::random::<u64>()));
        let url = format!("sqlite://{}?mode=rwc", file.display());
        let (a, b) = (
            Database::connect(&url).await.unwrap(),
            Database::connect(&url).await.unwrap(),
        );
        a.execute_unprepared("CREATE TABLE t (x INTEGER)")
            .await
            .unwrap();
        b.execute_unprepared("PRAGMA busy_timeout = 0")
            .await
            .unwrap();
        let holder = crate::server::db::write_tx(&a).await.unwrap();
        holder
            .execute_unprepared("INSERT INTO t VALUES (1)")
            .await
            .unwrap();
        let e = b
            .execute_unprepared("INSERT INTO t VALUES (2)")
            .await
            .unwrap_err();
        assert!(busy(&e), "{e}");
        assert_eq!(AppError::from(e).status(), 503);
        let _ = std::fs::remove_file(&file);
    }
}
