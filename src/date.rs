//! Today's date from the system clock, as AAAA-MM-JJ (UTC), without a date library.

use std::time::{SystemTime, UNIX_EPOCH};

fn seconds_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Today's civil date in UTC.
pub fn today() -> String {
    civil_from_days((seconds_now() / 86_400) as i64)
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

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    #[test]
    fn known_dates() {
        assert_eq!(civil_from_days(0), "1970-01-01");
        assert_eq!(civil_from_days(20_786), "2026-11-29");
        assert_eq!(civil_from_days(11_016), "2000-02-29");
        assert_eq!(super::timestamp(1_795_922_462), "2026-11-29T03:21:02Z");
    }
}
