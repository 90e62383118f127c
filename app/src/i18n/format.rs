//! Numbers, percentages and dates as each language writes them: the one place pages,
//! charts and exports format a figure for people to read. Indonesian groups
//! thousands with a dot, writes a decimal comma, keeps "%" one (no-break) space
//! after the number and writes dates as "10 Sep 2025" with Indonesian month names;
//! English writes 1,234.5, 90.1% and 10 Sep 2025.

use super::{Lang, K};

impl Lang {
    /// A whole number with its thousands grouped: 250.000 / 250,000.
    pub fn number(self, n: i64) -> String {
        let sep = match self {
            Lang::Id => '.',
            Lang::En => ',',
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (k, d) in digits.chars().enumerate() {
            if k > 0 && (digits.len() - k).is_multiple_of(3) {
                out.push(sep);
            }
            out.push(d);
        }
        if n < 0 {
            out.insert(0, '-');
        }
        out
    }

    /// A number with `places` decimals: 1.234,5 / 1,234.5.
    pub fn decimal(self, v: f64, places: usize) -> String {
        let s = format!("{:.*}", places, v.abs());
        let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
        let mut out = self.number(whole.parse::<i64>().unwrap_or(0));
        // "-0,0" reads as nonsense: a value that rounds to zero has no sign.
        if v < 0.0 && s.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
            out.insert(0, '-');
        }
        if !frac.is_empty() {
            out.push(match self {
                Lang::Id => ',',
                Lang::En => '.',
            });
            out.push_str(frac);
        }
        out
    }

    /// A percentage with `places` decimals: "90,1 %" (the space never breaks) /
    /// "90.1%".
    pub fn percent(self, v: f64, places: usize) -> String {
        match self {
            Lang::Id => format!("{}\u{a0}%", self.decimal(v, places)),
            Lang::En => format!("{}%", self.decimal(v, places)),
        }
    }

    /// A date given as ISO `YYYY-MM-DD` (a timestamp's date part is enough):
    /// "10 Sep 2025" with the language's month names. Anything else stays as it is.
    pub fn date(self, iso: &str) -> String {
        match ymd(iso) {
            Some((y, m, d)) => format!("{d}\u{a0}{}\u{a0}{y}", self.month(m)),
            None => iso.to_string(),
        }
    }

    /// A timestamp `YYYY-MM-DD HH:MM[:SS]` (or with `T`): "1 Des 2026 10.20" /
    /// "1 Dec 2026 10:20" (Indonesian separates hours and minutes with a dot).
    pub fn date_time(self, iso: &str) -> String {
        let time = iso
            .get(11..16)
            .filter(|t| t.as_bytes().get(2) == Some(&b':'));
        match (ymd(iso), time) {
            (Some(_), Some(t)) => {
                let t = match self {
                    Lang::Id => t.replace(':', "."),
                    Lang::En => t.to_string(),
                };
                format!("{} {t}", self.date(iso))
            }
            _ => self.date(iso),
        }
    }

    /// A number written the machine's way ("90.1", "1200", "100%", as charts-rs
    /// writes its labels) written this language's way, with as many decimals; None
    /// for text that is not a number.
    pub fn renumber(self, text: &str) -> Option<String> {
        let t = text.trim();
        let (num, pct) = match t.strip_suffix('%') {
            Some(n) => (n.trim_end(), true),
            None => (t, false),
        };
        let places = num.split_once('.').map_or(0, |(_, f)| f.len());
        let unsigned = num.trim_start_matches('-');
        let ok = !num.is_empty() && unsigned.bytes().all(|b| b.is_ascii_digit() || b == b'.');
        let v: f64 = num.parse().ok().filter(|_| ok)?;
        Some(match pct {
            true => self.percent(v, places),
            false => self.decimal(v, places),
        })
    }

    fn month(self, m: usize) -> &'static str {
        let names = self.text(K::DateMonths);
        names.split(',').nth(m - 1).unwrap_or("?")
    }
}

/// Year, month (1–12) and day of an ISO date at the start of `s`.
fn ymd(s: &str) -> Option<(u32, usize, u32)> {
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y = s.get(0..4)?.parse().ok()?;
    let m: usize = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((y, m, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_their_thousands_as_each_language_writes_them() {
        assert_eq!(Lang::Id.number(250_000), "250.000");
        assert_eq!(Lang::En.number(1_589_568), "1,589,568");
        assert_eq!(Lang::Id.number(999), "999");
        assert_eq!(Lang::Id.number(-1234), "-1.234");
        assert_eq!(Lang::En.number(0), "0");
    }

    #[test]
    fn decimals_and_percentages_follow_the_language() {
        assert_eq!(Lang::Id.decimal(90.06, 1), "90,1");
        assert_eq!(Lang::En.decimal(90.06, 1), "90.1");
        assert_eq!(Lang::Id.decimal(12345.67, 1), "12.345,7");
        assert_eq!(Lang::Id.decimal(-0.5, 1), "-0,5");
        assert_eq!(Lang::Id.decimal(-0.01, 1), "0,0");
        assert_eq!(Lang::Id.decimal(3.0, 0), "3");
        assert_eq!(Lang::Id.percent(95.84, 1), "95,8\u{a0}%");
        assert_eq!(Lang::En.percent(95.84, 1), "95.8%");
    }

    #[test]
    fn dates_are_written_with_month_names() {
        assert_eq!(Lang::Id.date("2025-08-17"), "17\u{a0}Agu\u{a0}2025");
        assert_eq!(Lang::En.date("2025-08-17"), "17\u{a0}Aug\u{a0}2025");
        assert_eq!(Lang::Id.date("2026-12-01T08:00:00"), "1\u{a0}Des\u{a0}2026");
        assert_eq!(
            Lang::Id.date_time("2026-12-01 10:20:33"),
            "1\u{a0}Des\u{a0}2026 10.20"
        );
        assert_eq!(
            Lang::En.date_time("2026-12-01T10:20"),
            "1\u{a0}Dec\u{a0}2026 10:20"
        );
        assert_eq!(Lang::Id.date("besok"), "besok");
        assert_eq!(Lang::Id.date("2026-13-01"), "2026-13-01");
    }
}
