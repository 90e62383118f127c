//! NIP (Nomor Induk Pegawai): 18 digits = birth date YYYYMMDD, appointment month
//! YYYYMM, sex digit (1 male, 2 female), serial of 3 digits. Parsed once, shared by
//! the browser and the server so a form shows exactly the server's message.

use crate::error::FieldError;
use crate::i18n::K;
use serde::{Deserialize, Serialize};
use std::fmt;

crate::coded! {
    /// Laki-laki (L) or perempuan (P), as Indonesian forms write it.
    pub enum Sex {
        Male = "L" => K::SexMale,
        Female = "P" => K::SexFemale,
    }
}

impl Sex {
    /// Reads the codes used on Indonesian forms (L/P, in words too) and the NIP's
    /// digit (1/2): more than the code `parse` takes.
    pub fn read(s: &str) -> Option<Sex> {
        match s.trim().to_ascii_uppercase().as_str() {
            "L" | "1" | "LAKI-LAKI" | "M" => Some(Sex::Male),
            "P" | "2" | "PEREMPUAN" | "F" => Some(Sex::Female),
            _ => None,
        }
    }
}

/// A calendar date as written in a NIP; checked without a date library so the
/// same rule compiles into the browser at no cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Ymd {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

fn is_leap(y: u16) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub struct Nip(String);

/// Earliest plausible birth year of a serving civil servant.
const MIN_BIRTH_YEAR: u16 = 1940;
/// Youngest age at appointment the rules allow (18), minus a year of slack for
/// appointments dated in the month before the birthday.
const MIN_AGE_AT_APPOINTMENT: u16 = 17;

impl Nip {
    /// Parses a NIP, ignoring spaces (NIPs are often printed grouped as 8 6 1 3).
    pub fn parse(input: &str) -> Result<Nip, FieldError> {
        let digits: String = input.chars().filter(|c| !c.is_whitespace()).collect();
        let err = |key| Err(FieldError::new("nip", key));
        if digits.is_empty() {
            return err(K::ErrNipRequired);
        }
        if !digits.chars().all(|c| c.is_ascii_digit()) {
            return err(K::ErrNipDigits);
        }
        if digits.len() != 18 {
            return Err(FieldError::new("nip", K::ErrNipLength).with("count", digits.len()));
        }
        let num = |r: std::ops::Range<usize>| digits[r].parse::<u16>().unwrap_or(0);
        let birth = Ymd {
            year: num(0..4),
            month: num(4..6) as u8,
            day: num(6..8) as u8,
        };
        if birth.year < MIN_BIRTH_YEAR
            || !(1..=12).contains(&birth.month)
            || birth.day == 0
            || birth.day > days_in_month(birth.year, birth.month)
        {
            return err(K::ErrNipBirthDate);
        }
        let (app_year, app_month) = (num(8..12), num(12..14) as u8);
        if !(1..=12).contains(&app_month) || app_year < birth.year + MIN_AGE_AT_APPOINTMENT {
            return err(K::ErrNipAppointment);
        }
        if Sex::read(&digits[14..15]).is_none() {
            return err(K::ErrNipSex);
        }
        if &digits[15..18] == "000" {
            return err(K::ErrNipSerial);
        }
        Ok(Nip(digits))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn birth_date(&self) -> Ymd {
        let n = |r: std::ops::Range<usize>| self.0[r].parse::<u16>().unwrap_or(0);
        Ymd {
            year: n(0..4),
            month: n(4..6) as u8,
            day: n(6..8) as u8,
        }
    }

    /// (year, month) of the appointment as CPNS.
    pub fn appointment(&self) -> (u16, u8) {
        (
            self.0[8..12].parse().unwrap_or(0),
            self.0[12..14].parse().unwrap_or(0),
        )
    }

    pub fn sex(&self) -> Sex {
        Sex::read(&self.0[14..15]).unwrap_or(Sex::Male)
    }

    /// The usual printed form: `19850312 201001 2 004`.
    pub fn grouped(&self) -> String {
        format!(
            "{} {} {} {}",
            &self.0[0..8],
            &self.0[8..14],
            &self.0[14..15],
            &self.0[15..18]
        )
    }
}

impl fmt::Display for Nip {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(r: Result<Nip, FieldError>) -> String {
        r.unwrap_err().msg.key
    }

    #[test]
    fn a_well_formed_nip_yields_its_parts() {
        let nip = Nip::parse("198503122010012004").unwrap();
        assert_eq!(
            nip.birth_date(),
            Ymd {
                year: 1985,
                month: 3,
                day: 12
            }
        );
        assert_eq!(nip.appointment(), (2010, 1));
        assert_eq!(nip.sex(), Sex::Female);
        assert_eq!(nip.grouped(), "19850312 201001 2 004");
    }

    #[test]
    fn spaces_in_a_printed_nip_are_ignored() {
        assert_eq!(
            Nip::parse("19850312 201001 2 004").unwrap().as_str(),
            "198503122010012004"
        );
    }

    #[test]
    fn wrong_length_and_letters_are_rejected_with_their_own_messages() {
        assert_eq!(key(Nip::parse("")), "err.nip_required");
        assert_eq!(key(Nip::parse("19850312201001200")), "err.nip_length");
        assert_eq!(key(Nip::parse("19850312201001200A")), "err.nip_digits");
    }

    #[test]
    fn impossible_birth_dates_are_rejected() {
        assert_eq!(key(Nip::parse("198502302010012004")), "err.nip_birth_date");
        assert_eq!(key(Nip::parse("198513012010012004")), "err.nip_birth_date");
        assert_eq!(key(Nip::parse("193001012010012004")), "err.nip_birth_date");
        // 29 February exists only in leap years.
        assert!(Nip::parse("198402292010012004").is_ok());
        assert_eq!(key(Nip::parse("198502292010012004")), "err.nip_birth_date");
    }

    #[test]
    fn appointment_must_be_a_real_month_after_adulthood() {
        assert_eq!(key(Nip::parse("198503122010132004")), "err.nip_appointment");
        assert_eq!(key(Nip::parse("198503121995012004")), "err.nip_appointment");
    }

    #[test]
    fn sex_digit_must_be_one_or_two_and_serial_not_zero() {
        assert_eq!(key(Nip::parse("198503122010013004")), "err.nip_sex");
        assert_eq!(key(Nip::parse("198503122010011000")), "err.nip_serial");
        assert_eq!(Nip::parse("198503122010011004").unwrap().sex(), Sex::Male);
    }
}
