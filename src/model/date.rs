//! Dates as AAAA-MM-JJ and timestamps as AAAA-MM-JJTHH:MM:SSZ (UTC), from one clock,
//! without a date library.
//!
//! The clock is the system's, unless `VIGIE_NOW` sets it (a date `AAAA-MM-JJ` or a timestamp
//! `AAAA-MM-JJTHH:MM:SSZ`): tests set it, so that nothing they check depends on the day they
//! run. It is read here and nowhere else.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

/// The environment variable that sets the clock.
pub const CLOCK_VARIABLE: &str = "VIGIE_NOW";

fn seconds_now() -> u64 {
    static SET: OnceLock<Option<u64>> = OnceLock::new();
    let set = SET.get_or_init(|| {
        std::env::var(CLOCK_VARIABLE)
            .ok()
            .and_then(|text| seconds_of(&text))
    });
    set.unwrap_or_else(|| {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    })
}

/// Seconds since 1970 of a date `AAAA-MM-JJ` (midnight UTC) or a timestamp
/// `AAAA-MM-JJTHH:MM:SSZ`; `None` for anything else.
fn seconds_of(text: &str) -> Option<u64> {
    let (day, time) = match text.split_once('T') {
        Some((day, time)) => (day, Some(time.strip_suffix('Z')?)),
        None => (text, None),
    };
    let (year, month, day) = parse_date(day)?;
    let days = days_from_civil(year, month, day);
    let seconds = match time {
        None => 0,
        Some(time) => {
            let parts: Vec<&str> = time.split(':').collect();
            let [hours, minutes, seconds] = parts.as_slice() else {
                return None;
            };
            let number = |part: &str, limit: u64| {
                (part.len() == 2 && part.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| part.parse::<u64>().ok())
                    .flatten()
                    .filter(|n| *n < limit)
            };
            number(hours, 24)? * 3600 + number(minutes, 60)? * 60 + number(seconds, 60)?
        }
    };
    u64::try_from(days).ok().map(|days| days * 86_400 + seconds)
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let month = i64::from(month);
    let day_of_year =
        (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + i64::from(day) - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// A calendar day, written `AAAA-MM-JJ` in files (2026-02-29 is not one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i64,
    month: u32,
    day: u32,
}

impl Date {
    /// The day written `AAAA-MM-JJ`; `None` for anything else, or a day the calendar lacks.
    pub fn parse(text: &str) -> Option<Date> {
        parse_date(text).map(|(year, month, day)| Date { year, month, day })
    }

    /// The day of a timestamp `AAAA-MM-JJTHH:MM:SSZ` (or of a day).
    pub fn of_timestamp(text: &str) -> Option<Date> {
        text.get(..10).and_then(Date::parse)
    }

    /// Today, in UTC, from the clock.
    pub fn today() -> Date {
        Date::from_days((seconds_now() / 86_400) as i64)
    }

    fn from_days(days: i64) -> Date {
        let text = civil_from_days(days);
        Date::parse(&text).expect("civil_from_days writes a calendar date")
    }

    pub fn year(self) -> i64 {
        self.year
    }

    /// 1 to 12.
    pub fn month(self) -> u32 {
        self.month
    }

    pub fn day(self) -> u32 {
        self.day
    }

    /// Is this day twelve calendar months or more before `today`? 2025-11-29 is on
    /// 2026-11-29, 2025-11-30 is not; 2024-02-29 is from 2025-03-01.
    pub fn twelve_months_before(self, today: Date) -> bool {
        (self.year + 1, self.month, self.day) <= (today.year, today.month, today.day)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = String;

    fn from_str(text: &str) -> Result<Date, String> {
        Date::parse(text).ok_or_else(|| format!("« {text} » n'est pas une date AAAA-MM-JJ"))
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// The current instant, UTC, as `AAAA-MM-JJTHH:MM:SSZ`.
pub fn now_timestamp() -> String {
    timestamp(seconds_now())
}

/// A UTC timestamp from seconds since 1970.
pub fn timestamp(seconds: u64) -> String {
    let day_seconds = seconds % 86_400;
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        civil_from_days((seconds / 86_400) as i64),
        day_seconds / 3600,
        day_seconds % 3600 / 60,
        day_seconds % 60
    )
}

/// The civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The year, month and day of a calendar date written AAAA-MM-JJ.
fn parse_date(text: &str) -> Option<(i64, u32, u32)> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        text.get(range)
            .filter(|part| part.bytes().all(|b| b.is_ascii_digit()))?
            .parse()
            .ok()
    };
    let (year, month, day) = (i64::from(digits(0..4)?), digits(5..7)?, digits(8..10)?);
    (1..=days_in_month(year, month))
        .contains(&day)
        .then_some((year, month, day))
}

fn days_in_month(year: i64, month: u32) -> u32 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    }
}

/// Is `text` a calendar date written AAAA-MM-JJ (2026-02-29 is not)?
pub fn is_date(text: &str) -> bool {
    parse_date(text).is_some()
}

#[cfg(test)]
mod tests {
    use super::{Date, civil_from_days, is_date, seconds_of};

    fn twelve_months_before(date: &str, today: &str) -> bool {
        match (Date::parse(date), Date::parse(today)) {
            (Some(date), Some(today)) => date.twelve_months_before(today),
            _ => false,
        }
    }

    #[test]
    fn dates_read_and_write_as_written() {
        let day = Date::parse("2024-02-29").unwrap();
        assert_eq!(day.to_string(), "2024-02-29");
        assert_eq!((day.year(), day.month(), day.day()), (2024, 2, 29));
        assert!("2026-02-29".parse::<Date>().is_err());
        assert!(Date::parse("2026-12-01") < Date::parse("2026-12-31"));
    }

    #[test]
    fn the_clock_can_be_set() {
        assert_eq!(seconds_of("1970-01-01"), Some(0));
        assert_eq!(seconds_of("2026-11-29T03:21:02Z"), Some(1_795_922_462));
        for day in ["2024-02-29", "2026-12-01", "2026-12-31", "2000-03-01"] {
            let seconds = seconds_of(day).unwrap();
            assert_eq!(civil_from_days((seconds / 86_400) as i64), day);
        }
        for wrong in [
            "2026-02-29",
            "2026-12-01T25:00:00Z",
            "2026-12-01T10:00:00",
            "demain",
        ] {
            assert_eq!(seconds_of(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn known_dates() {
        assert_eq!(civil_from_days(0), "1970-01-01");
        assert_eq!(civil_from_days(20_786), "2026-11-29");
        assert_eq!(civil_from_days(11_016), "2000-02-29");
        assert_eq!(super::timestamp(1_795_922_462), "2026-11-29T03:21:02Z");
    }

    #[test]
    fn calendar_dates_only() {
        assert!(is_date("2026-11-29"));
        assert!(is_date("2024-02-29"));
        assert!(is_date("2000-02-29"));
        for wrong in [
            "2026-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-13-01",
            "2026-00-10",
            "2026-11-00",
            "2026-1-29",
            "26-11-29",
            "2026/11/29",
            "2026-11-29T10:00:00Z",
            "+026-11-29",
            "",
        ] {
            assert!(!is_date(wrong), "{wrong}");
        }
    }

    #[test]
    fn twelve_calendar_months() {
        assert!(twelve_months_before("2025-11-29", "2026-11-29"));
        assert!(!twelve_months_before("2025-11-30", "2026-11-29"));
        assert!(twelve_months_before("2020-01-01", "2026-11-29"));
        assert!(!twelve_months_before("2026-11-29", "2026-11-29"));
        assert!(!twelve_months_before("2027-01-01", "2026-11-29"));
        // 29 February: a year later is 1 March in a common year.
        assert!(!twelve_months_before("2024-02-29", "2025-02-28"));
        assert!(twelve_months_before("2024-02-29", "2025-03-01"));
        assert!(twelve_months_before("2023-02-28", "2024-02-28"));
        assert!(!twelve_months_before("2023-03-01", "2024-02-29"));
        assert!(twelve_months_before("2023-12-31", "2025-01-01"));
        assert!(!twelve_months_before("pas une date", "2026-11-29"));
        assert!(!twelve_months_before("2025-11-29", "2026-02-30"));
    }
}
