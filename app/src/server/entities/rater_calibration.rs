//! The `rater_calibration` table: per closed campaign and supervisor, the sums the
//! fair-assessor figures come from (`calibration::rules::Sums`). Written when a
//! campaign closes. Kept free of business rules.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "rater_calibration")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub agency_id: i32,
    pub campaign_id: i32,
    pub supervisor_id: i32,
    pub ratees: i32,
    pub levels: i32,
    pub level_sum: f64,
    pub level_sq_sum: f64,
    pub pairs: i32,
    pub diff_sum: f64,
    pub halo_ratees: i32,
    pub halo_sum: f64,
    pub self_pairs: i32,
    pub self_gap_sum: f64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The sums as the rules take them.
    pub fn sums(&self) -> crate::calibration::rules::Sums {
        crate::calibration::rules::Sums {
            ratees: self.ratees.into(),
            levels: self.levels.into(),
            level_sum: self.level_sum,
            level_sq_sum: self.level_sq_sum,
            pairs: self.pairs.into(),
            diff_sum: self.diff_sum,
            halo_ratees: self.halo_ratees.into(),
            halo_sum: self.halo_sum,
            self_pairs: self.self_pairs.into(),
            self_gap_sum: self.self_gap_sum,
        }
    }
}
