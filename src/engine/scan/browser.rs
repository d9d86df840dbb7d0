//! Browser mode: each page loaded in a headless Chromium or Chrome, without clicking
//! anything, to list the cookies and third-party requests present before any consent (the
//! CNIL's test), including those added by scripts. Driven through the DevTools protocol.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use headless_chrome::protocol::cdp::Network;
use headless_chrome::protocol::cdp::types::Event;
use headless_chrome::{Browser, LaunchOptions};

use super::cookies::CookieSeen;
use super::url::Url;

/// Executable names looked for on the PATH, in this order.
const NAMES: [&str; 5] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
];

/// Time left to the page's scripts after it has loaded, before requests and cookies are read.
const SETTLE: Duration = Duration::from_millis(1500);

/// The browser to use: the one given (it must exist), or the first found on the PATH.
pub fn find(explicit: Option<&Path>) -> Result<Option<PathBuf>, String> {
    if let Some(path) = explicit {
        return if path.is_file() {
            Ok(Some(path.to_path_buf()))
        } else {
            Err(format!(
                "navigateur introuvable : {} (donnez le chemin d'un Chromium ou d'un Chrome)",
                path.display()
            ))
        };
    }
    let Some(path) = std::env::var_os("PATH") else {
        return Ok(None);
    };
    Ok(NAMES.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    }))
}

/// What the browser saw on one page before any consent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Seen {
    /// Every address requested while loading, in order, without repeats.
    pub requests: Vec<String>,
    pub cookies: Vec<CookieSeen>,
}

/// A running headless browser, with a fresh empty profile removed when it ends.
pub struct Headless {
    browser: Browser,
    timeout: Duration,
    _profile: tempfile::TempDir,
}

impl Headless {
    /// Starts the browser with the flags that keep it quiet on a machine without network
    /// access and isolated from any existing profile.
    ///
    /// With `only_host`, the browser resolves no other host name: requests to other sites
    /// are still seen (they are issued) but fail at once instead of reaching those sites.
    pub fn launch(
        path: &Path,
        timeout: Duration,
        only_host: Option<&str>,
    ) -> Result<Headless, String> {
        let profile = tempfile::Builder::new()
            .prefix("vigie-navigateur-")
            .tempdir()
            .map_err(|e| {
                format!("dossier temporaire impossible à créer pour le navigateur ({e})")
            })?;
        let mut flags: Vec<String> = [
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ]
        .map(String::from)
        .to_vec();
        if let Some(host) = only_host {
            flags.push(format!(
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {host}"
            ));
        }
        let options = LaunchOptions::default_builder()
            .path(Some(path.to_path_buf()))
            .headless(true)
            .sandbox(false)
            .enable_gpu(false)
            .user_data_dir(Some(profile.path().to_path_buf()))
            .args(flags.iter().map(OsStr::new).collect())
            .idle_browser_timeout(timeout * 6)
            .build()
            .map_err(|e| format!("options du navigateur invalides ({e})"))?;
        let browser = Browser::new(options).map_err(|e| {
            format!(
                "le navigateur {} n'a pas pu être lancé ({e})",
                path.display()
            )
        })?;
        Ok(Headless {
            browser,
            timeout,
            _profile: profile,
        })
    }

    /// Loads `url` in a new tab without touching it; returns the requests and cookies.
    pub fn visit(&self, url: &Url) -> Result<Seen, String> {
        let failed = |e: &dyn std::fmt::Display| {
            format!("{url} : le navigateur n'a pas pu charger la page ({e})")
        };
        let tab = self.browser.new_tab().map_err(|e| failed(&e))?;
        tab.set_default_timeout(self.timeout);
        let requests: Arc<Mutex<Vec<String>>> = Arc::default();
        let sink = Arc::clone(&requests);
        tab.add_event_listener(Arc::new(move |event: &Event| {
            if let Event::NetworkRequestWillBeSent(sent) = event
                && let Ok(mut list) = sink.lock()
            {
                let address = sent.params.request.url.clone();
                if !list.contains(&address) {
                    list.push(address);
                }
            }
        }))
        .map_err(|e| failed(&e))?;
        tab.call_method(Network::Enable {
            max_total_buffer_size: None,
            max_resource_buffer_size: None,
            max_post_data_size: None,
            report_direct_socket_traffic: None,
            enable_durable_messages: None,
        })
        .map_err(|e| failed(&e))?;
        tab.navigate_to(&url.to_string())
            .and_then(|tab| tab.wait_until_navigated())
            .map_err(|e| failed(&e))?;
        std::thread::sleep(SETTLE);
        let cookies = tab
            .call_method(Network::GetAllCookies(None))
            .map_err(|e| failed(&e))?
            .cookies
            .into_iter()
            .map(|c| CookieSeen {
                name: c.name,
                set_by: format!("navigateur, {url}"),
                domain: Some(c.domain),
                path: Some(c.path),
                expires: None,
                // Relative to the browser's own clock, which set the expiry.
                max_age: (!c.session).then(|| {
                    let now = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .map_or(0.0, |d| d.as_secs_f64());
                    (c.expires - now).max(1.0).round() as i64
                }),
                secure: c.secure,
                http_only: c.http_only,
                same_site: c.same_site.map(|s| format!("{s:?}")),
                service: None,
            })
            .collect();
        let _ = tab.close(false);
        let requests = requests.lock().map(|list| list.clone()).unwrap_or_default();
        Ok(Seen { requests, cookies })
    }
}
