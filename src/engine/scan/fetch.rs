//! Fetching one page: http(s) only, a clear user agent, time-outs, a size limit read as a
//! stream, redirects followed by hand (at most a few, loops detected) so that the cookies of
//! every response and the http → https redirect are seen.

use std::io::Read;
use std::time::Duration;

use super::url::Url;

/// The user agent sent with every request: it says who asks and why.
pub const USER_AGENT: &str = concat!(
    "vigie/",
    env!("CARGO_PKG_VERSION"),
    " (analyse RGPD du site, lancée par son éditeur ; une requête par page)"
);

/// Largest part of a page that is read; the rest is not downloaded.
pub const MAX_PAGE_BYTES: u64 = 5 * 1024 * 1024;

/// Most redirects followed for one page.
pub const MAX_REDIRECTS: usize = 5;

/// Limits of the fetcher.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time allowed for each request, from connection to the last byte read.
    pub timeout: Duration,
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            timeout: Duration::from_secs(10),
            max_bytes: MAX_PAGE_BYTES,
        }
    }
}

/// A fetched page.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The address after redirects.
    pub url: Url,
    pub status: u16,
    /// The addresses of the redirects followed, in order (the first is the one asked).
    pub redirects: Vec<String>,
    /// `Set-Cookie` headers of every response, with the address that sent each.
    pub set_cookies: Vec<(String, String)>,
    pub content_type: String,
    pub hsts: Option<String>,
    pub body: String,
    /// The page was longer than the limit: only its beginning was read.
    pub truncated: bool,
}

/// Why a page could not be fetched, in French.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FetchError(pub String);

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The HTTP client of a scan.
pub struct Fetcher {
    agent: ureq::Agent,
    limits: Limits,
}

impl Fetcher {
    pub fn new(limits: Limits) -> Fetcher {
        let config = ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(USER_AGENT)
            .timeout_global(Some(limits.timeout))
            .timeout_connect(Some(limits.timeout))
            .build();
        Fetcher {
            agent: ureq::Agent::new_with_config(config),
            limits,
        }
    }

    /// Fetches `url`, following redirects.
    pub fn get(&self, url: &Url) -> Result<Fetched, FetchError> {
        let mut current = url.clone();
        let mut redirects = Vec::new();
        let mut set_cookies = Vec::new();
        loop {
            let mut response = self
                .agent
                .get(current.to_string())
                .header("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5")
                .header("Accept-Language", "fr-FR,fr;q=0.9")
                .call()
                .map_err(|error| french_error(&current, &error))?;
            let headers = response.headers();
            for value in headers.get_all("set-cookie") {
                let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
                set_cookies.push((current.to_string(), value));
            }
            let header = |name: &str| {
                headers
                    .get(name)
                    .map(|v| String::from_utf8_lossy(v.as_bytes()).trim().to_string())
            };
            let status = response.status().as_u16();
            if (300..400).contains(&status)
                && let Some(location) = header("location")
            {
                let Some(next) = current.join(&location) else {
                    return Err(FetchError(format!(
                        "{current} redirige vers une adresse invalide ou qui n'est pas http(s) : « {location} »"
                    )));
                };
                redirects.push(current.to_string());
                if redirects.contains(&next.to_string()) {
                    return Err(FetchError(format!(
                        "{url} : boucle de redirections ({} → {next})",
                        redirects.join(" → ")
                    )));
                }
                if redirects.len() > MAX_REDIRECTS {
                    return Err(FetchError(format!(
                        "{url} : trop de redirections (plus de {MAX_REDIRECTS})"
                    )));
                }
                current = next;
                continue;
            }
            let content_type = header("content-type").unwrap_or_default();
            let hsts = header("strict-transport-security");
            let mut bytes = Vec::new();
            let html = is_html(&content_type);
            let mut truncated = false;
            if html {
                let limit = self.limits.max_bytes;
                response
                    .body_mut()
                    .with_config()
                    .reader()
                    .take(limit + 1)
                    .read_to_end(&mut bytes)
                    .map_err(|error| read_error(&current, &error))?;
                if bytes.len() as u64 > limit {
                    bytes.truncate(limit as usize);
                    truncated = true;
                }
            }
            return Ok(Fetched {
                url: current,
                status,
                redirects,
                set_cookies,
                content_type,
                hsts,
                body: String::from_utf8_lossy(&bytes).into_owned(),
                truncated,
            });
        }
    }
}

/// Is this content type an HTML page (a missing type is read as HTML, as browsers do)?
pub fn is_html(content_type: &str) -> bool {
    let mime = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    mime.is_empty() || mime == "text/html" || mime == "application/xhtml+xml"
}

fn read_error(url: &Url, error: &std::io::Error) -> FetchError {
    let text = error.to_string().to_lowercase();
    if error.kind() == std::io::ErrorKind::TimedOut || text.contains("timeout") {
        FetchError(format!(
            "{url} : la page n'a pas été reçue dans le délai imparti (time-out)"
        ))
    } else {
        FetchError(format!("{url} : lecture de la page interrompue ({error})"))
    }
}

/// Is this I/O error a failed TLS handshake (rustls reports them through I/O errors)?
fn is_tls(error: &std::io::Error) -> bool {
    let text = error.to_string();
    text.contains("certificate") || text.contains("handshake") || text.contains("Handshake")
}

fn tls_message(url: &Url, why: &dyn std::fmt::Display) -> String {
    format!(
        "{url} : la connexion sécurisée (HTTPS) a échoué : certificat invalide ou non reconnu ({why}). \
         Un visiteur verrait une alerte de sécurité"
    )
}

fn french_error(url: &Url, error: &ureq::Error) -> FetchError {
    let host = url.host_port();
    let message = match error {
        ureq::Error::Timeout(_) => {
            format!("{url} : le site n'a pas répondu dans le délai imparti (time-out)")
        }
        ureq::Error::HostNotFound => {
            format!(
                "{url} : adresse introuvable (le nom « {} » n'existe pas ou le réseau est coupé)",
                url.host
            )
        }
        ureq::Error::ConnectionFailed => {
            format!(
                "{url} : impossible de joindre {host} (connexion refusée ou réseau indisponible)"
            )
        }
        ureq::Error::Io(io) => match io.kind() {
            std::io::ErrorKind::ConnectionRefused => {
                format!("{url} : impossible de joindre {host} (connexion refusée)")
            }
            std::io::ErrorKind::TimedOut => {
                format!("{url} : le site n'a pas répondu dans le délai imparti (time-out)")
            }
            _ if is_tls(io) => tls_message(url, io),
            _ => format!("{url} : impossible de joindre {host} ({io})"),
        },
        ureq::Error::Rustls(tls) => tls_message(url, tls),
        ureq::Error::Tls(why) => {
            format!("{url} : la connexion sécurisée (HTTPS) a échoué ({why})")
        }
        ureq::Error::BadUri(why) => format!("{url} : adresse invalide ({why})"),
        other => format!("{url} : la page n'a pas pu être récupérée ({other})"),
    };
    FetchError(message)
}
