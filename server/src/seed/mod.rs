//! Data that the server writes by itself: the demo dataset (first start only) and
//! the synthetic agency for benchmarks.

pub mod assessment;
pub mod bench;
pub mod bench_campaigns;
pub mod bench_sessions;
pub mod demo;
mod demo_data;
pub mod names;
pub mod publication;
pub mod survey;
pub mod training;

use app::server::entities::agency;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, PaginatorTrait};

/// True when the database holds no agency yet (a fresh install).
pub async fn is_empty(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    Ok(agency::Entity::find().count(db).await? == 0)
}

/// A small deterministic generator, so the demo data is the same on every install.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407)
            | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

/// A valid NIP for the `serial`-th generated person: born 1965–1999, appointed at
/// 22–35. The birth date and the 3-digit serial are both derived from the counter
/// (a permutation of the days of the range), so NIPs never repeat.
pub fn make_nip(rng: &mut Rng, female: bool, serial: u64) -> String {
    const DAYS: u64 = 12_775; // 35 years
    let k = serial / 999;
    // For a fixed serial this is a bijection of k over the days: no two people share
    // both birth date and serial, yet neighbours get scattered birthdays.
    let offset = (k * 7919 + (serial % 999) * 389) % DAYS;
    let base = chrono::NaiveDate::from_ymd_opt(1965, 1, 1).unwrap_or_default();
    let birth = base + chrono::Duration::days(offset as i64);
    let year = chrono::Datelike::year(&birth) as u64;
    let app_year = (year + 22 + rng.below(14)).min(2024);
    let app_month = 1 + rng.below(12);
    format!(
        "{}{app_year:04}{app_month:02}{}{:03}",
        birth.format("%Y%m%d"),
        if female { 2 } else { 1 },
        serial % 999 + 1
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::people::nip::Nip;
    use std::collections::HashSet;

    #[test]
    fn generated_nips_are_valid_and_distinct() {
        let mut rng = Rng::new(7);
        let mut seen = HashSet::new();
        for i in 0..20_000 {
            let n = make_nip(&mut rng, i % 2 == 0, i);
            let nip = Nip::parse(&n).unwrap_or_else(|e| panic!("{n}: {e:?}"));
            assert_eq!(nip.sex() == app::people::nip::Sex::Female, i % 2 == 0);
            seen.insert(n);
        }
        assert_eq!(seen.len(), 20_000);
    }
}
