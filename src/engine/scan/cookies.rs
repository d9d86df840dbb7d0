//! Cookies set by the server's responses (`Set-Cookie`), with their attributes.

use serde::Serialize;

/// A cookie as the server sets it, before any consent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CookieSeen {
    pub name: String,
    /// The page whose response set it.
    pub set_by: String,
    pub domain: Option<String>,
    pub path: Option<String>,
    /// `Expires` as sent, or `Max-Age` in seconds; neither: a session cookie.
    pub expires: Option<String>,
    pub max_age: Option<i64>,
    pub secure: bool,
    pub http_only: bool,
    pub same_site: Option<String>,
    /// The service of the catalogue whose signature names this cookie.
    pub service: Option<String>,
}

impl CookieSeen {
    /// Reads one `Set-Cookie` header; `None` when it has no name.
    pub fn parse(set_by: &str, header: &str) -> Option<CookieSeen> {
        let mut parts = header.split(';');
        let (name, _) = parts.next()?.split_once('=')?;
        let name = name.trim();
        if name.is_empty() {
            return None;
        }
        let mut cookie = CookieSeen {
            name: name.to_string(),
            set_by: set_by.to_string(),
            domain: None,
            path: None,
            expires: None,
            max_age: None,
            secure: false,
            http_only: false,
            same_site: None,
            service: None,
        };
        for part in parts {
            let (key, value) = match part.split_once('=') {
                Some((key, value)) => (key.trim(), Some(value.trim().to_string())),
                None => (part.trim(), None),
            };
            match key.to_ascii_lowercase().as_str() {
                "domain" => cookie.domain = value,
                "path" => cookie.path = value,
                "expires" => cookie.expires = value,
                "max-age" => cookie.max_age = value.and_then(|v| v.parse().ok()),
                "secure" => cookie.secure = true,
                "httponly" => cookie.http_only = true,
                "samesite" => cookie.same_site = value,
                _ => {}
            }
        }
        Some(cookie)
    }

    /// The lifetime in French: « session », « 13 mois », « 2 ans », or the date sent.
    pub fn lifetime(&self) -> String {
        match (self.max_age, &self.expires) {
            (Some(seconds), _) if seconds <= 0 => "supprimé".to_string(),
            (Some(seconds), _) => french_duration(seconds),
            (None, Some(date)) => format!("jusqu'au {date}"),
            (None, None) => "session".to_string(),
        }
    }

    /// The attributes in French, for the reports.
    pub fn attributes(&self) -> String {
        let mut out = vec![format!("durée : {}", self.lifetime())];
        if let Some(domain) = &self.domain {
            out.push(format!("domaine {domain}"));
        }
        out.push(if self.secure { "Secure" } else { "sans Secure" }.to_string());
        out.push(
            if self.http_only {
                "HttpOnly"
            } else {
                "sans HttpOnly"
            }
            .to_string(),
        );
        if let Some(same_site) = &self.same_site {
            out.push(format!("SameSite={same_site}"));
        }
        out.join(", ")
    }
}

fn french_duration(seconds: i64) -> String {
    const DAY: i64 = 86_400;
    // To the nearest minute: a cookie read a few seconds after it was set keeps its round
    // lifetime (3 598 s is « 1 heure »).
    let seconds = if seconds > 60 {
        (seconds + 30) / 60 * 60
    } else {
        seconds
    };
    let plural = |n: i64, one: &str, many: &str| {
        if n > 1 {
            format!("{n} {many}")
        } else {
            format!("{n} {one}")
        }
    };
    if seconds >= 365 * DAY {
        plural(seconds / (365 * DAY), "an", "ans")
    } else if seconds >= 30 * DAY {
        format!("{} mois", seconds / (30 * DAY))
    } else if seconds >= DAY {
        plural(seconds / DAY, "jour", "jours")
    } else if seconds >= 3600 {
        plural(seconds / 3600, "heure", "heures")
    } else {
        plural((seconds.max(1) + 59) / 60, "minute", "minutes")
    }
}

/// Does a cookie name match a signature pattern (a final `*` is a prefix)?
pub fn name_matches(name: &str, pattern: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => name == pattern,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_are_read() {
        let cookie = CookieSeen::parse(
            "https://exemple.fr/",
            "_ga=GA1.1.1; Max-Age=63072000; Path=/; Domain=.exemple.fr; SameSite=Lax",
        )
        .unwrap();
        assert_eq!(cookie.name, "_ga");
        assert_eq!(
            cookie.attributes(),
            "durée : 2 ans, domaine .exemple.fr, sans Secure, sans HttpOnly, SameSite=Lax"
        );
        let session = CookieSeen::parse("x", "sid=1; HttpOnly; Secure").unwrap();
        assert_eq!(session.lifetime(), "session");
        assert!(session.http_only && session.secure);
        assert!(CookieSeen::parse("x", "=1").is_none());
    }

    #[test]
    fn prefixes_match() {
        assert!(name_matches("_ga_ABC", "_ga_*"));
        assert!(!name_matches("_gab", "_ga"));
    }
}
