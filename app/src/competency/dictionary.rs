//! The national competency dictionary (PermenPANRB 38/2017): the eight managerial
//! competencies and Perekat Bangsa, each with five level descriptions and behavioural
//! indicators in Bahasa Indonesia, written for Cakap from the regulation's meaning.
//! The text lives in `national.json` so the migration that seeds it and the tests
//! read the same words.

use crate::competency::model::{CompetencyGroup, LevelText};
use serde::{Deserialize, Serialize};

pub const NATIONAL_JSON: &str = include_str!("national.json");

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CompetencyText {
    pub code: String,
    pub group: CompetencyGroup,
    pub name: String,
    pub definition: String,
    pub levels: Vec<LevelText>,
}

/// The national dictionary, parsed.
pub fn national() -> Vec<CompetencyText> {
    serde_json::from_str(NATIONAL_JSON).expect("national.json is checked by its tests")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_dictionary_has_the_eight_managerial_competencies_and_perekat_bangsa() {
        let d = national();
        let codes: Vec<&str> = d.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(
            codes,
            ["M.1", "M.2", "M.3", "M.4", "M.5", "M.6", "M.7", "M.8", "SK.1"]
        );
        assert!(d[..8]
            .iter()
            .all(|c| c.group == CompetencyGroup::Manajerial));
        assert_eq!(d[8].group, CompetencyGroup::SosialKultural);
        assert_eq!(d[8].name, "Perekat Bangsa");
    }

    #[test]
    fn every_competency_describes_levels_one_to_five_with_indicators() {
        for c in national() {
            assert!(!c.definition.trim().is_empty(), "{}", c.code);
            let levels: Vec<u8> = c.levels.iter().map(|l| l.level).collect();
            assert_eq!(levels, [1, 2, 3, 4, 5], "{}", c.code);
            for l in &c.levels {
                assert!(
                    !l.description.trim().is_empty(),
                    "{} level {}",
                    c.code,
                    l.level
                );
                assert!(l.indicators.len() >= 2, "{} level {}", c.code, l.level);
                assert!(l.indicators.iter().all(|i| !i.trim().is_empty()));
            }
        }
    }
}
