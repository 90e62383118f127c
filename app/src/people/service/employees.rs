//! Employees of an agency (the list is in `employee_list`, the record in
//! `employee_detail`): create, edit (a change of unit or position ends the current
//! assignment and starts a new one, so history is kept), deactivate.

use crate::audit::service::{self as audit, Audited};
use crate::auth::model::Actor;
use crate::error::{AppError, Msg};
use crate::i18n::K;
use crate::org::service::{hr_agency, hr_row, insert_new, save_edit, Apply, Switch};
use crate::people::input::{parse_employee, ValidEmployee};
use crate::people::model::*;
use crate::people::service::placement::*;
use crate::server::entities::{assignment, employee, supervisor_link, user};
use crate::server::{db, write_tx, Db};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter, Set};
use serde_json::json;

impl Audited for employee::Model {
    const ENTITY: &'static str = "employee";
    fn snapshot(&self) -> serde_json::Value {
        json!({ "nip": self.nip, "name": self.name, "sex": self.sex, "status": self.status,
                "active": self.active })
    }
}

impl Apply<employee::ActiveModel> for &ValidEmployee {
    fn apply(self, m: &mut employee::ActiveModel) {
        m.nip = Set(self.nip.as_str().to_string());
        m.name = Set(self.name.clone());
        m.sex = Set(self.sex);
        m.status = Set(self.status);
    }
}

pub async fn create_employee(db: &Db, actor: &Actor, form: &EmployeeForm) -> Result<i32, AppError> {
    let agency = hr_agency(actor)?;
    let v = parse_employee(form)?;
    let placement = require_placement(&v)?;
    let tx = write_tx(db).await?;
    check_nip_free(&tx, v.nip.as_str(), None).await?;
    check_placement(&tx, agency, None, placement).await?;
    let e = insert_new::<employee::Model>(&tx, agency, &v).await?;
    start_assignment(&tx, agency, e.id, placement, start_date(&v)).await?;
    let (unit_id, position_id, is_head) = placement;
    let placed = json!({ "unit_id": unit_id, "position_id": position_id, "is_head": is_head });
    audit::commit_created(tx, actor, &e, placed).await?;
    Ok(e.id)
}

pub async fn update_employee(
    db: &Db,
    actor: &Actor,
    id: i32,
    form: &EmployeeForm,
) -> Result<(), AppError> {
    let v = parse_employee(form)?;
    let placement = require_placement(&v)?;
    let tx = write_tx(db).await?;
    let before = hr_row::<employee::Entity>(&tx, actor, id).await?;
    if !before.active {
        return Err(AppError::Conflict(Msg::new(K::ErrEmployeeInactive)));
    }
    check_nip_free(&tx, v.nip.as_str(), Some(id)).await?;
    check_placement(&tx, before.agency_id, Some(id), placement).await?;
    let after = save_edit(&tx, &before, &v).await?;
    let moved = move_if_changed(&tx, before.agency_id, id, placement, start_date(&v)).await?;
    let (unit_id, position_id, is_head) = placement;
    let moved_to = moved
        .then(|| json!({ "unit_id": unit_id, "position_id": position_id, "is_head": is_head }));
    let moved = json!({ "moved_to": moved_to });
    audit::commit_updated(tx, actor, (&before, &after), moved).await?;
    Ok(())
}

impl Switch for employee::Model {
    /// Switching off ends the current assignment, the supervisor links to and from
    /// the person, and their login. Switching on restores the record and login only;
    /// HR then assigns.
    async fn before_switch(
        tx: &DatabaseTransaction,
        e: &Self,
        active: bool,
    ) -> Result<(), AppError> {
        let id = e.id;
        if !active {
            assignment::Entity::update_many()
                .col_expr(assignment::Column::EndDate, Expr::value(db::today()))
                .filter(assignment::Column::EmployeeId.eq(id))
                .filter(assignment::Column::EndDate.is_null())
                .exec(tx)
                .await?;
            supervisor_link::Entity::update_many()
                .col_expr(supervisor_link::Column::ValidTo, Expr::value(db::now()))
                .filter(
                    supervisor_link::Column::EmployeeId
                        .eq(id)
                        .or(supervisor_link::Column::SupervisorId.eq(id)),
                )
                .filter(supervisor_link::Column::ValidTo.is_null())
                .exec(tx)
                .await?;
        }
        user::Entity::update_many()
            .col_expr(user::Column::Active, Expr::value(active))
            .filter(user::Column::EmployeeId.eq(id))
            .exec(tx)
            .await?;
        Ok(())
    }
}
