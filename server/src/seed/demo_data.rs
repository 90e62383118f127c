//! The demo agencies' shape: their units, positions and how many hold each where.
//! Kept apart from `demo`, which turns them into rows.

use app::org::input::UnitKind;
use app::people::job_level::JobLevel;

/// (code, name, kind, parent code); `{city}` is replaced by the city's name.
pub const UNITS: &[(&str, &str, UnitKind, Option<&str>)] = &[
    ("SETDA", "Sekretariat Daerah", UnitKind::Sekretariat, None),
    (
        "BKPSDM",
        "Badan Kepegawaian dan Pengembangan SDM",
        UnitKind::Badan,
        None,
    ),
    ("DISDIK", "Dinas Pendidikan", UnitKind::Dinas, None),
    (
        "DISDIK-SD",
        "Bidang Pembinaan Sekolah Dasar",
        UnitKind::Bidang,
        Some("DISDIK"),
    ),
    (
        "SDN-1",
        "SD Negeri 1 {city}",
        UnitKind::Sekolah,
        Some("DISDIK-SD"),
    ),
    ("DINKES", "Dinas Kesehatan", UnitKind::Dinas, None),
    (
        "DINKES-YANKES",
        "Bidang Pelayanan Kesehatan",
        UnitKind::Bidang,
        Some("DINKES"),
    ),
    (
        "PKM-KOTA",
        "Puskesmas Kota {city}",
        UnitKind::Puskesmas,
        Some("DINKES"),
    ),
    (
        "DUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil",
        UnitKind::Dinas,
        None,
    ),
    (
        "DUKCAPIL-DAFDUK",
        "Bidang Pelayanan Pendaftaran Penduduk",
        UnitKind::Bidang,
        Some("DUKCAPIL"),
    ),
];

pub const POSITIONS: &[(&str, &str, JobLevel)] = &[
    ("SEKDA", "Sekretaris Daerah", JobLevel::JptPratama),
    ("KADIS", "Kepala Dinas", JobLevel::JptPratama),
    ("KABAN", "Kepala Badan", JobLevel::JptPratama),
    ("SEKDIS", "Sekretaris Dinas", JobLevel::Administrator),
    ("KABID", "Kepala Bidang", JobLevel::Administrator),
    ("KAPUS", "Kepala Puskesmas", JobLevel::Pengawas),
    ("KASEK", "Kepala Sekolah", JobLevel::Pengawas),
    (
        "ANALIS-SDM",
        "Analis SDM Aparatur Ahli Muda",
        JobLevel::JfAhliMuda,
    ),
    (
        "ASESOR-SDM",
        "Asesor SDM Aparatur Ahli Pertama",
        JobLevel::JfAhliPertama,
    ),
    ("DOKTER", "Dokter Ahli Pertama", JobLevel::JfAhliPertama),
    ("DOKTER-MUDA", "Dokter Ahli Muda", JobLevel::JfAhliMuda),
    ("PERAWAT-MHR", "Perawat Mahir", JobLevel::JfMahir),
    ("PERAWAT-TRP", "Perawat Terampil", JobLevel::JfTerampil),
    ("BIDAN-PNY", "Bidan Penyelia", JobLevel::JfPenyelia),
    ("GURU-MADYA", "Guru Ahli Madya", JobLevel::JfAhliMadya),
    ("GURU-MUDA", "Guru Ahli Muda", JobLevel::JfAhliMuda),
    ("GURU-PTM", "Guru Ahli Pertama", JobLevel::JfAhliPertama),
    (
        "ADMINDUK",
        "Administrator Database Kependudukan Ahli Pertama",
        JobLevel::JfAhliPertama,
    ),
    ("ARSIPARIS", "Arsiparis Pemula", JobLevel::JfPemula),
    (
        "PENGADMIN",
        "Pengadministrasi Perkantoran",
        JobLevel::Pelaksana,
    ),
    (
        "PENGOLAH",
        "Pengolah Data dan Informasi",
        JobLevel::Pelaksana,
    ),
    (
        "OPR-LAYANAN",
        "Operator Layanan Operasional",
        JobLevel::Pelaksana,
    ),
];

/// (unit, position, head?, how many)
pub const STAFF: &[(&str, &str, bool, usize)] = &[
    ("SETDA", "SEKDA", true, 1),
    ("SETDA", "PENGADMIN", false, 2),
    ("BKPSDM", "KABAN", true, 1),
    ("BKPSDM", "ANALIS-SDM", false, 2),
    ("BKPSDM", "ASESOR-SDM", false, 1),
    ("BKPSDM", "PENGOLAH", false, 1),
    ("DISDIK", "KADIS", true, 1),
    ("DISDIK", "SEKDIS", false, 1),
    ("DISDIK", "PENGADMIN", false, 1),
    ("DISDIK-SD", "KABID", true, 1),
    ("DISDIK-SD", "PENGOLAH", false, 1),
    ("SDN-1", "KASEK", true, 1),
    ("SDN-1", "GURU-MADYA", false, 1),
    ("SDN-1", "GURU-MUDA", false, 2),
    ("SDN-1", "GURU-PTM", false, 3),
    ("DINKES", "KADIS", true, 1),
    ("DINKES", "SEKDIS", false, 1),
    ("DINKES", "PENGADMIN", false, 1),
    ("DINKES-YANKES", "KABID", true, 1),
    ("DINKES-YANKES", "PENGOLAH", false, 1),
    ("PKM-KOTA", "KAPUS", true, 1),
    ("PKM-KOTA", "DOKTER", false, 2),
    ("PKM-KOTA", "DOKTER-MUDA", false, 1),
    ("PKM-KOTA", "PERAWAT-MHR", false, 2),
    ("PKM-KOTA", "PERAWAT-TRP", false, 4),
    ("PKM-KOTA", "BIDAN-PNY", false, 2),
    ("DUKCAPIL", "KADIS", true, 1),
    ("DUKCAPIL-DAFDUK", "KABID", true, 1),
    ("DUKCAPIL-DAFDUK", "ADMINDUK", false, 2),
    ("DUKCAPIL-DAFDUK", "OPR-LAYANAN", false, 3),
    ("DUKCAPIL-DAFDUK", "ARSIPARIS", false, 1),
];
