//! SeaORM entities, one per table, written to match the migrations. Every table has
//! one; enum columns are typed with the shared coded enums (`crate::coded`), so a
//! status is decoded once, here, and travels as the enum.

pub mod agency;
pub mod answer;
pub mod answer_total;
pub mod assignment;
pub mod audit_head;
pub mod audit_key;
pub mod audit_log;
pub mod campaign;
pub mod campaign_ratee;
pub mod campaign_rater;
pub mod campaign_unit;
pub mod certificate;
pub mod competency;
pub mod competency_level;
pub mod consent;
pub mod employee;
pub mod enrolment;
pub mod job;
pub mod login_attempt;
pub mod login_bucket;
pub mod position;
pub mod programme;
pub mod programme_competency;
pub mod rater_calibration;
pub mod result;
pub mod result_comment;
pub mod service_unit;
pub mod session;
pub mod signing_key;
pub mod snapshot;
pub mod snapshot_name;
pub mod standard;
pub mod standard_comment;
pub mod standard_item;
pub mod supervisor_link;
pub mod survey_response;
pub mod unit;
pub mod unit_need;
pub mod user;
pub mod user_role;

/// Rows stamped when saved one at a time (`ActiveModel::insert` / `update`):
/// `created_at` on insert unless given, and `updated_at` on every save for the tables
/// that have one. Bulk inserts (`sql::insert_many`) do not run this hook and give both
/// themselves.
macro_rules! stamped {
    ($($table:ident),+ $(; updated $($both:ident),+)?) => {
        $(#[sea_orm::prelude::async_trait::async_trait]
        impl sea_orm::ActiveModelBehavior for $table::ActiveModel {
            async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, sea_orm::DbErr>
            where
                C: sea_orm::ConnectionTrait,
            {
                if insert && self.created_at.is_not_set() {
                    self.created_at = sea_orm::Set(crate::server::db::now());
                }
                Ok(self)
            }
        })+
        $($(#[sea_orm::prelude::async_trait::async_trait]
        impl sea_orm::ActiveModelBehavior for $both::ActiveModel {
            async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, sea_orm::DbErr>
            where
                C: sea_orm::ConnectionTrait,
            {
                let now = crate::server::db::now();
                if insert && self.created_at.is_not_set() {
                    self.created_at = sea_orm::Set(now);
                }
                self.updated_at = sea_orm::Set(now);
                Ok(self)
            }
        })+)?
    };
}

stamped!(agency, assignment, campaign, certificate, competency, job, service_unit, session, signing_key, standard, standard_comment, user, user_role; updated employee, enrolment, position, programme, unit);

/// A row that belongs to one agency (the tenant key every query of it filters by).
pub trait Tenant {
    fn agency_id(&self) -> i32;
}

macro_rules! tenant {
    ($($table:ident),+) => {
        $(impl Tenant for $table::Model {
            fn agency_id(&self) -> i32 {
                self.agency_id
            }
        })+
    };
}

tenant!(
    assignment,
    campaign,
    campaign_rater,
    certificate,
    consent,
    employee,
    enrolment,
    job,
    position,
    programme,
    programme_competency,
    rater_calibration,
    service_unit,
    snapshot,
    snapshot_name,
    standard,
    survey_response,
    unit,
    unit_need
);

/// A row with an `i32` id, and the column that holds it.
pub trait Keyed: Sized {
    type Entity: sea_orm::EntityTrait<Model = Self>;
    const ID: <Self::Entity as sea_orm::EntityTrait>::Column;
    fn key(&self) -> i32;
}

macro_rules! keyed {
    ($($table:ident),+) => {
        $(impl Keyed for $table::Model {
            type Entity = $table::Entity;
            const ID: $table::Column = $table::Column::Id;
            fn key(&self) -> i32 {
                self.id
            }
        })+
    };
}

keyed!(
    agency,
    answer,
    assignment,
    campaign,
    campaign_ratee,
    campaign_rater,
    campaign_unit,
    certificate,
    enrolment,
    service_unit,
    signing_key,
    survey_response
);
keyed!(
    competency,
    competency_level,
    employee,
    job,
    position,
    programme,
    programme_competency,
    rater_calibration,
    result,
    result_comment,
    snapshot,
    standard
);
keyed!(
    standard_comment,
    standard_item,
    supervisor_link,
    unit,
    unit_need,
    user,
    user_role
);

/// A record HR keeps (a unit, a position, an employee): it belongs to one agency and
/// is switched off (`active`), never deleted.
pub trait HrRecord: Keyed + Tenant {
    const AGENCY: <Self::Entity as sea_orm::EntityTrait>::Column;
    const ACTIVE: <Self::Entity as sea_orm::EntityTrait>::Column;
    fn active(&self) -> bool;
}

macro_rules! hr_record {
    ($($table:ident),+) => {
        $(impl HrRecord for $table::Model {
            const AGENCY: $table::Column = $table::Column::AgencyId;
            const ACTIVE: $table::Column = $table::Column::Active;
            fn active(&self) -> bool {
                self.active
            }
        })+
    };
}

hr_record!(employee, position, unit);

/// Rows by id: the one way to look up what a list refers to (a query per few
/// hundred ids, never one per row). Ids not found are simply absent.
pub async fn by_ids<M: Keyed>(
    db: &impl sea_orm::ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<std::collections::HashMap<i32, M>, sea_orm::DbErr> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mut ids: Vec<i32> = ids.into_iter().collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out = std::collections::HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let rows = M::Entity::find()
            .filter(M::ID.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        out.extend(rows.into_iter().map(|r| (r.key(), r)));
    }
    Ok(out)
}
