//! Job levels (jenjang jabatan) of PermenPANRB 38/2017 and the managerial and
//! socio-cultural levels each requires by default (docs/DOMAIN.md §4). The defaults only
//! pre-fill a position's standard; HR can change them per position.

use crate::i18n::K;
use serde::{Deserialize, Serialize};

/// The three families of positions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum JobFamily {
    /// Jabatan pimpinan tinggi and administrasi (structural, heads units).
    Structural,
    /// Jabatan fungsional (expert or skilled functional posts).
    Functional,
    /// Pelaksana (executing staff).
    Executing,
}

crate::coded! {
    /// A job level (jenjang jabatan); the code is stored and used in CSV files.
    #[derive(PartialOrd, Ord)]
    pub enum JobLevel {
        JptUtama = "jpt_utama" => K::JobJptUtama,
        JptMadya = "jpt_madya" => K::JobJptMadya,
        JptPratama = "jpt_pratama" => K::JobJptPratama,
        Administrator = "administrator" => K::JobAdministrator,
        Pengawas = "pengawas" => K::JobPengawas,
        Pelaksana = "pelaksana" => K::JobPelaksana,
        JfAhliUtama = "jf_ahli_utama" => K::JobJfAhliUtama,
        JfAhliMadya = "jf_ahli_madya" => K::JobJfAhliMadya,
        JfAhliMuda = "jf_ahli_muda" => K::JobJfAhliMuda,
        JfAhliPertama = "jf_ahli_pertama" => K::JobJfAhliPertama,
        JfPenyelia = "jf_penyelia" => K::JobJfPenyelia,
        JfMahir = "jf_mahir" => K::JobJfMahir,
        JfTerampil = "jf_terampil" => K::JobJfTerampil,
        JfPemula = "jf_pemula" => K::JobJfPemula,
    }
}

impl JobLevel {
    pub fn family(self) -> JobFamily {
        use JobLevel::*;
        match self {
            JptUtama | JptMadya | JptPratama | Administrator | Pengawas => JobFamily::Structural,
            Pelaksana => JobFamily::Executing,
            _ => JobFamily::Functional,
        }
    }

    /// Whether a holder of this level can head a unit.
    pub fn can_head_unit(self) -> bool {
        self.family() == JobFamily::Structural
    }

    /// Default required level of a managerial competency (`code` M.1 … M.8).
    /// JPT Utama/Madya and JF Ahli Utama are not in the seed table; 5 is the default.
    pub fn default_managerial_level(self, code: &str) -> u8 {
        use JobLevel::*;
        match self {
            JptUtama | JptMadya | JfAhliUtama => 5,
            JptPratama | JfAhliMadya => 4,
            Administrator | JfAhliMuda | JfPenyelia => 3,
            Pengawas | JfAhliPertama | JfMahir => 2,
            JfTerampil if code == "M.1" || code == "M.2" => 2,
            JfTerampil | Pelaksana | JfPemula => 1,
        }
    }

    /// Default required level of Perekat Bangsa (SK.1).
    pub fn default_sociocultural_level(self) -> u8 {
        match self {
            JobLevel::JfTerampil => 2,
            other => other.default_managerial_level("M.3"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_level_round_trips_through_its_code() {
        for l in JobLevel::ALL {
            assert_eq!(JobLevel::parse(l.code()), Some(l));
        }
        assert_eq!(
            JobLevel::parse("JF Ahli Pertama"),
            Some(JobLevel::JfAhliPertama)
        );
        assert_eq!(JobLevel::parse("kepala"), None);
    }

    #[test]
    fn required_levels_follow_the_permenpanrb_table() {
        assert_eq!(JobLevel::JptPratama.default_managerial_level("M.4"), 4);
        assert_eq!(JobLevel::Administrator.default_managerial_level("M.8"), 3);
        assert_eq!(JobLevel::Pengawas.default_managerial_level("M.1"), 2);
        assert_eq!(JobLevel::Pelaksana.default_managerial_level("M.1"), 1);
        assert_eq!(JobLevel::JfPenyelia.default_managerial_level("M.5"), 3);
        assert_eq!(JobLevel::JfPemula.default_sociocultural_level(), 1);
    }

    #[test]
    fn jf_terampil_needs_level_two_only_for_integrity_and_cooperation() {
        let l = JobLevel::JfTerampil;
        assert_eq!(l.default_managerial_level("M.1"), 2);
        assert_eq!(l.default_managerial_level("M.2"), 2);
        assert_eq!(l.default_managerial_level("M.3"), 1);
        assert_eq!(l.default_sociocultural_level(), 2);
    }

    #[test]
    fn unconfirmed_top_levels_default_to_five() {
        assert_eq!(JobLevel::JptUtama.default_managerial_level("M.1"), 5);
        assert_eq!(JobLevel::JfAhliUtama.default_sociocultural_level(), 5);
    }

    #[test]
    fn only_structural_levels_head_units() {
        assert!(JobLevel::Administrator.can_head_unit());
        assert!(!JobLevel::JfAhliMuda.can_head_unit());
        assert!(!JobLevel::Pelaksana.can_head_unit());
    }
}
