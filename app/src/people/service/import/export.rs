//! The agency's employees as an import file: the same columns, so HR can edit the
//! export and import it back.

use super::read::for_spreadsheet;
use super::COLUMNS;
use crate::auth::model::Actor;
use crate::error::AppError;
use crate::org::service::hr_agency;
use crate::people::input::EmploymentStatus;
use crate::people::nip::Sex;
use crate::server::{sql, Db};
use sea_orm::{raw_sql, FromQueryResult};

#[derive(FromQueryResult)]
struct Exported {
    nip: String,
    name: String,
    sex: Sex,
    status: EmploymentStatus,
    unit_code: String,
    position_code: String,
    is_head: bool,
    start_date: chrono::NaiveDate,
}

/// The agency's active employees in the import format, ready to edit and re-import.
pub async fn export(db: &Db, actor: &Actor) -> Result<String, AppError> {
    let agency = hr_agency(actor)?;
    // SQL: the whole agency in one statement, joined and ordered in the database.
    let stmt = raw_sql!(
        Postgres,
        "SELECT e.nip, e.name, e.sex, e.status, u.code AS unit_code, p.code AS position_code,
           a.is_head, a.start_date
         FROM employees e JOIN assignments a ON a.employee_id = e.id AND a.end_date IS NULL
         JOIN units u ON u.id = a.unit_id JOIN positions p ON p.id = a.position_id
         WHERE e.agency_id = {agency} AND e.active = TRUE ORDER BY u.code, e.name, e.id"
    );
    let rows = sql::all::<Exported>(db, stmt).await?;
    let mut w = csv::Writer::from_writer(vec![]);
    let io = |e: csv::Error| crate::error::internal(e);
    w.write_record(COLUMNS).map_err(io)?;
    for r in rows {
        let cells = [
            r.nip,
            r.name,
            r.sex.code().into(),
            r.status.code().into(),
            r.unit_code,
            r.position_code,
            if r.is_head { "ya" } else { "tidak" }.into(),
            r.start_date.to_string(),
        ];
        w.write_record(cells.map(for_spreadsheet)).map_err(io)?;
    }
    String::from_utf8(
        w.into_inner()
            .map_err(|e| crate::error::internal(e.to_string()))?,
    )
    .map_err(crate::error::internal)
}
