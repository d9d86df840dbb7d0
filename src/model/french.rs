//! French as the user reads it: dates (« 1er décembre 2026 »), plurals, signed changes.

use crate::model::date::Date;

const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// « 29 novembre 2026 », « 1er décembre 2026 ».
pub fn date(day: Date) -> String {
    let month = MONTHS[day.month() as usize - 1];
    match day.day() {
        1 => format!("1er {month} {}", day.year()),
        n => format!("{n} {month} {}", day.year()),
    }
}

/// The French date of a text that starts with `AAAA-MM-JJ` (a day or a timestamp); the text
/// as it is when it does not.
pub fn date_text(text: &str) -> String {
    text.get(..10)
        .and_then(Date::parse)
        .map_or_else(|| text.to_string(), date)
}

/// « 01/12/2026 »: the short form, where space is scarce.
pub fn short_date(day: Date) -> String {
    format!("{:02}/{:02}/{}", day.day(), day.month(), day.year())
}

/// The short date of a text that starts with `AAAA-MM-JJ`; the text as it is when it does
/// not.
pub fn short_date_text(text: &str) -> String {
    text.get(..10)
        .and_then(Date::parse)
        .map_or_else(|| text.to_string(), short_date)
}

/// Text as searched and as slugs are made: lower case, without French accents.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ÿ' => 'y',
            other => other,
        })
        .collect()
}

/// « s » when `n` is more than one (French: 0 and 1 are singular).
pub fn plural(n: usize) -> &'static str {
    if n > 1 { "s" } else { "" }
}

/// `singular` or `plural_form`, by `n` (French: 0 and 1 take the singular).
pub fn by_count<'a>(n: usize, singular: &'a str, plural_form: &'a str) -> &'a str {
    if n > 1 { plural_form } else { singular }
}

/// A score change as the user reads it: « +8 », « −3 » (a true minus sign), « = ».
pub fn signed_change(change: i16) -> String {
    match change {
        0 => "=".to_string(),
        c if c > 0 => format!("+{c}"),
        c => format!("−{}", -c),
    }
}

/// The text with its first letter in capitals: a message of the library at the start of a
/// sentence.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// « 29 → 37 (+8) »; « — » for a missing score.
pub fn score_change(before: Option<u8>, after: Option<u8>) -> String {
    let shown = |s: Option<u8>| s.map_or("—".to_string(), |s| s.to_string());
    let change = match (before, after) {
        (Some(b), Some(a)) => format!(" ({})", signed_change(i16::from(a) - i16::from(b))),
        _ => String::new(),
    };
    format!("{} → {}{change}", shown(before), shown(after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_written_in_french() {
        let day = |text| Date::parse(text).unwrap();
        assert_eq!(date(day("2026-12-01")), "1er décembre 2026");
        assert_eq!(date(day("2026-11-29")), "29 novembre 2026");
        assert_eq!(date(day("2028-02-29")), "29 février 2028");
        assert_eq!(date_text("2026-08-11T10:00:00Z"), "11 août 2026");
        assert_eq!(date_text("bientôt"), "bientôt");
        assert_eq!(short_date(day("2026-12-01")), "01/12/2026");
        assert_eq!(short_date_text("2026-11-29T10:00:00Z"), "29/11/2026");
    }

    #[test]
    fn plurals_and_changes() {
        assert_eq!(plural(0), "");
        assert_eq!(plural(1), "");
        assert_eq!(plural(2), "s");
        assert_eq!(
            by_count(3, "réponse date", "réponses datent"),
            "réponses datent"
        );
        assert_eq!(signed_change(8), "+8");
        assert_eq!(signed_change(-3), "−3");
        assert_eq!(signed_change(0), "=");
        assert_eq!(score_change(Some(29), Some(37)), "29 → 37 (+8)");
        assert_eq!(score_change(None, Some(37)), "— → 37");
        assert_eq!(capitalised("état"), "État");
    }
}
