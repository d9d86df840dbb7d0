//! Web addresses as the scan needs them: http(s) only, relative links resolved, and the
//! `host/path` form that signatures match.

use std::fmt;

/// An absolute http or https address.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Url {
    pub scheme: String,
    /// Lowercase host, without the port.
    pub host: String,
    pub port: Option<u16>,
    /// Path and query, starting with `/`; no fragment.
    pub path: String,
}

/// Why a text is not an address the scan accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlError {
    /// Another scheme (`ftp:`, `file:`, `javascript:`…).
    Scheme(String),
    Invalid,
}

impl Url {
    /// Parses what a user types: `exemple.fr` is read as `https://exemple.fr/`.
    pub fn parse_user(text: &str) -> Result<Url, UrlError> {
        let text = text.trim();
        if let Some((scheme, _)) = text.split_once("://") {
            let scheme = scheme.to_ascii_lowercase();
            if scheme != "http" && scheme != "https" {
                return Err(UrlError::Scheme(scheme));
            }
            return Url::parse(text).ok_or(UrlError::Invalid);
        }
        if let Some((scheme, _)) = text.split_once(':') {
            let is_port = text
                .split_once(':')
                .is_some_and(|(_, rest)| rest.starts_with(|c: char| c.is_ascii_digit()));
            if !is_port && !scheme.is_empty() && !scheme.contains(['.', '/']) {
                return Err(UrlError::Scheme(scheme.to_ascii_lowercase()));
            }
        }
        Url::parse(&format!("https://{text}")).ok_or(UrlError::Invalid)
    }

    /// Parses an absolute http(s) address.
    pub fn parse(text: &str) -> Option<Url> {
        let (scheme, rest) = text.trim().split_once("://")?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return None;
        }
        let rest = rest.split('#').next().unwrap_or("");
        let split = rest.find(['/', '?']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(split);
        let authority = authority.rsplit('@').next().unwrap_or("");
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) if !host.ends_with(']') || authority.starts_with('[') => {
                (host, Some(port.parse::<u16>().ok()?))
            }
            _ => (authority, None),
        };
        let host = host.to_ascii_lowercase();
        if host.is_empty()
            || host.contains(char::is_whitespace)
            || !host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-_[]:".contains(c))
        {
            return None;
        }
        let path = if path.is_empty() {
            "/".to_string()
        } else if path.starts_with('?') {
            format!("/{path}")
        } else {
            path.to_string()
        };
        Some(Url {
            scheme,
            host,
            port,
            path,
        })
    }

    /// Resolves a link of a page at this address; `None` for other schemes (mailto:,
    /// tel:, javascript:…) and fragments of the same page.
    pub fn join(&self, href: &str) -> Option<Url> {
        let href = href.trim();
        if href.is_empty() || href.starts_with('#') {
            return None;
        }
        if href.contains("://") {
            return Url::parse(href);
        }
        if let Some(rest) = href.strip_prefix("//") {
            return Url::parse(&format!("{}://{rest}", self.scheme));
        }
        if let Some((scheme, _)) = href.split_once(':')
            && !scheme.contains(['/', '?'])
        {
            return None;
        }
        let path = if href.starts_with('/') {
            href.to_string()
        } else if href.starts_with('?') {
            let base = self.path.split('?').next().unwrap_or("/");
            format!("{base}{href}")
        } else {
            let base = self.path.split('?').next().unwrap_or("/");
            let dir = &base[..base.rfind('/').map_or(0, |i| i + 1)];
            format!("{dir}{href}")
        };
        Url::parse(&format!("{}://{}{}", self.scheme, self.host_port(), path))
    }

    /// `host` or `host:port`.
    pub fn host_port(&self) -> String {
        match self.port {
            Some(port) => format!("{}:{port}", self.host),
            None => self.host.clone(),
        }
    }

    /// The site: the host without a leading `www.`.
    pub fn site(&self) -> &str {
        self.host.strip_prefix("www.").unwrap_or(&self.host)
    }

    /// Same site (host without `www.`, and port) as `other`.
    pub fn same_site(&self, other: &Url) -> bool {
        self.site() == other.site() && self.port == other.port
    }

    /// The path without its query.
    pub fn path_only(&self) -> &str {
        self.path.split('?').next().unwrap_or("/")
    }

    /// Does a signature pattern `host[/path-prefix]` match this address? The pattern's host
    /// matches the host or one of its parent domains.
    pub fn matches(&self, pattern: &str) -> bool {
        let (host, path) = match pattern.find('/') {
            Some(i) => (&pattern[..i], &pattern[i..]),
            None => (pattern, ""),
        };
        let host_ok = self.host == host
            || (self.host.ends_with(host)
                && self.host[..self.host.len() - host.len()].ends_with('.'));
        host_ok && self.path.starts_with(path)
    }

    /// The last segment of the path (`tarteaucitron.js`).
    pub fn file_name(&self) -> &str {
        self.path_only().rsplit('/').next().unwrap_or("")
    }
}

impl fmt::Display for Url {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}{}", self.scheme, self.host_port(), self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_addresses_default_to_https_and_refuse_other_schemes() {
        let url = Url::parse_user("Boulangerie.fr").unwrap();
        assert_eq!(url.to_string(), "https://boulangerie.fr/");
        assert_eq!(
            Url::parse_user("ftp://exemple.fr"),
            Err(UrlError::Scheme("ftp".into()))
        );
        assert_eq!(
            Url::parse_user("mailto:a@b.fr"),
            Err(UrlError::Scheme("mailto".into()))
        );
        assert_eq!(
            Url::parse_user("localhost:8080/x").unwrap().to_string(),
            "https://localhost:8080/x"
        );
        assert_eq!(Url::parse_user("http://"), Err(UrlError::Invalid));
    }

    #[test]
    fn links_are_resolved_against_the_page() {
        let page = Url::parse("https://exemple.fr/a/b.html?x=1").unwrap();
        assert_eq!(
            page.join("c.html").unwrap().to_string(),
            "https://exemple.fr/a/c.html"
        );
        assert_eq!(
            page.join("/mentions-legales").unwrap().to_string(),
            "https://exemple.fr/mentions-legales"
        );
        assert_eq!(
            page.join("//cdn.exemple.com/x.js").unwrap().to_string(),
            "https://cdn.exemple.com/x.js"
        );
        assert!(page.join("mailto:contact@exemple.fr").is_none());
        assert!(page.join("#haut").is_none());
    }

    #[test]
    fn patterns_match_host_suffixes_and_path_prefixes() {
        let url = Url::parse("https://www.googletagmanager.com/gtag/js?id=G-1").unwrap();
        assert!(url.matches("googletagmanager.com/gtag/js"));
        assert!(url.matches("googletagmanager.com"));
        assert!(!url.matches("tagmanager.com"));
        assert!(!url.matches("googletagmanager.com/gtm.js"));
    }
}
