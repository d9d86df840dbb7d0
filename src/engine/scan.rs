//! `vigie scan`: looks at the live site the user names (the only part of vigie that uses
//! the network, and only when asked), recognises the services of the catalogue from their
//! signatures, the cookies set before any consent, the consent manager, the legal pages and
//! their elements, the forms and HTTPS; then proposes answers (see [`proposals`]).

pub mod browser;
pub mod cookies;
pub mod fetch;
pub mod html;
pub mod legal;
pub mod proposals;
pub mod render;
pub mod url;

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;

use serde::Serialize;

use crate::model::catalog::Catalog;
use crate::model::catalog::signatures::Patterns;
use crate::model::date::Date;
use cookies::{CookieSeen, name_matches};
use fetch::{FetchError, Fetcher, Limits};
use html::ResourceKind;
use legal::{Element, FormSeen, LegalLinks, Outdated, PageKind};
use url::Url;

/// Pages visited by default.
pub const DEFAULT_PAGES: usize = 10;

/// Categories of services that are trackers when they need consent (a site builder or a
/// payment form needing consent is not counted as a tracker of the page).
const TRACKER_CATEGORIES: [&str; 6] = [
    "mesure_audience",
    "publicite",
    "partage",
    "contenu_integre",
    "relation_client",
    "reseau_social",
];

/// Where a service or a consent manager was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evidence {
    /// « script », « iframe », « image », « feuille de style », « script dans la page »,
    /// « lien », « cookie ».
    pub how: String,
    /// The address, the link, the cookie name or the excerpt.
    pub what: String,
    /// Loaded with the page, before any consent (false: held back until consent, or a
    /// plain link).
    pub before_consent: bool,
}

/// A service of the catalogue recognised on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceSeen {
    pub id: String,
    pub name: String,
    pub category: String,
    /// The catalogue says it needs the visitor's consent.
    pub consent_required: bool,
    /// A tracker: a service of a tracking category that needs consent.
    pub tracker: bool,
    pub evidence: Vec<Evidence>,
}

impl ServiceSeen {
    /// Loaded by the page's HTML, or its cookie set, before any consent.
    pub fn before_consent(&self) -> bool {
        self.evidence.iter().any(|e| e.before_consent)
    }
}

/// A consent manager recognised on a page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ManagerSeen {
    pub id: String,
    pub name: String,
    pub evidence: Vec<Evidence>,
}

/// What was seen on one page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageReport {
    /// The address asked.
    pub url: String,
    /// The address after redirects.
    pub final_url: String,
    pub kind: PageKind,
    pub status: Option<u16>,
    /// Why the page could not be read, when it could not.
    pub error: Option<String>,
    /// Longer than the limit: only its beginning was read.
    pub truncated: bool,
    pub services: Vec<ServiceSeen>,
    pub consent_managers: Vec<ManagerSeen>,
    pub cookies: Vec<CookieSeen>,
    pub legal_links: LegalLinks,
    /// On the legal-notice page: the elements of LCEN art. 1-1 found or missing.
    pub legal_notice: Option<Vec<Element>>,
    pub outdated: Vec<Outdated>,
    pub forms: Vec<FormSeen>,
    /// Browser mode: addresses of other sites requested while the page loaded, before any
    /// consent.
    pub third_party_requests: Vec<String>,
}

/// HTTPS of the site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Https {
    /// The home page is served over https (directly or after a redirect).
    pub https: bool,
    /// `http://` redirects to `https://`; `None` when it could not be checked.
    pub http_redirects: Option<bool>,
    /// The `Strict-Transport-Security` header of the home page.
    pub hsts: Option<String>,
}

/// The whole scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScanReport {
    pub url: String,
    pub date: Date,
    /// « statique » (HTML and server cookies) or « navigateur » (a headless browser too).
    pub mode: String,
    pub pages: Vec<PageReport>,
    pub https: Https,
    /// Every service seen, merged over the pages.
    pub services: Vec<ServiceSeen>,
    pub consent_managers: Vec<ManagerSeen>,
    /// Every cookie set before consent, once per name.
    pub cookies: Vec<CookieSeen>,
    /// What this scan could not see.
    pub limits: Vec<String>,
}

impl ScanReport {
    /// Trackers loaded or set before any consent.
    pub fn trackers_before_consent(&self) -> impl Iterator<Item = &ServiceSeen> {
        self.services
            .iter()
            .filter(|s| s.tracker && s.before_consent())
    }

    /// Pages read without error.
    pub fn read_pages(&self) -> impl Iterator<Item = &PageReport> {
        self.pages.iter().filter(|p| p.error.is_none())
    }
}

/// Why the scan could not run at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScanError {
    /// The home page could not be fetched.
    Home(FetchError),
    /// The home page is not an HTML page.
    NotHtml { url: String, content_type: String },
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScanError::Home(error) => write!(f, "{error}"),
            ScanError::NotHtml { url, content_type } => write!(
                f,
                "{url} n'est pas une page HTML (type « {content_type} ») : donnez l'adresse de la page d'accueil du site"
            ),
        }
    }
}

/// What to scan and how.
#[derive(Debug, Clone)]
pub struct Request {
    pub url: Url,
    pub pages: usize,
    pub limits: Limits,
    /// The day of the scan, from the clock.
    pub date: Date,
    /// A Chromium or Chrome to load each page with (browser mode).
    pub browser: Option<PathBuf>,
    /// In browser mode, keep the browser from reaching any other site than the one scanned
    /// (its requests to other sites are still listed).
    pub site_only: bool,
}

/// Scans the site; `progress` receives a French line per page.
pub fn scan(
    catalog: &Catalog,
    request: &Request,
    progress: &mut dyn FnMut(&str),
) -> Result<ScanReport, ScanError> {
    let fetcher = Fetcher::new(request.limits);
    let mut queue: VecDeque<(Url, PageKind)> =
        VecDeque::from([(request.url.clone(), PageKind::Accueil)]);
    let mut queued: Vec<Url> = vec![request.url.clone()];
    let mut site = request.url.clone();
    let mut pages = Vec::new();
    let mut https = Https {
        https: false,
        http_redirects: None,
        hsts: None,
    };
    let max = request.pages.max(1);
    while let Some((url, kind)) = queue.pop_front() {
        if pages.len() >= max {
            break;
        }
        progress(&format!(
            "Lecture de la page {} ({}) : {url}",
            pages.len() + 1,
            kind.label()
        ));
        let fetched = fetcher.get(&url);
        let home = pages.is_empty();
        let fetched = match fetched {
            Ok(fetched) => fetched,
            Err(error) if home => return Err(ScanError::Home(error)),
            Err(error) => {
                pages.push(failed_page(&url, kind, error.0, None));
                continue;
            }
        };
        if fetched.status >= 400 {
            let why = format!("la page répond par une erreur {}", fetched.status);
            if home {
                return Err(ScanError::Home(FetchError(format!("{url} : {why}"))));
            }
            pages.push(failed_page(&url, kind, why, Some(fetched.status)));
            continue;
        }
        if !fetch::is_html(&fetched.content_type) {
            if home {
                return Err(ScanError::NotHtml {
                    url: url.to_string(),
                    content_type: fetched.content_type,
                });
            }
            let why = format!(
                "ce n'est pas une page HTML (type « {} »)",
                fetched.content_type
            );
            pages.push(failed_page(&url, kind, why, Some(fetched.status)));
            continue;
        }
        if home {
            https.https = fetched.url.scheme == "https";
            https.hsts = fetched.hsts.clone().filter(|_| https.https);
            https.http_redirects = http_redirect(&fetcher, &url, &fetched);
        }
        if home {
            // The site is where the home page ends up (http://a.fr may lead to https://www.b.fr).
            site = fetched.url.clone();
        }
        let parsed = html::parse(&fetched.body);
        let page = analyse_page(catalog, &url, kind, &fetched, &parsed);
        for link in &parsed.links {
            // Enough candidates for the pages left; a page of thousands of links adds no more.
            if queued.len() >= max * 20 {
                break;
            }
            let Some(kind) = PageKind::of_link(link) else {
                continue;
            };
            let Some(target) = fetched.url.join(&link.href) else {
                continue;
            };
            if target.same_site(&site) && !queued.contains(&target) {
                queued.push(target.clone());
                queue.push_back((target, kind));
            }
        }
        queue.make_contiguous().sort_by_key(|(_, kind)| *kind);
        pages.push(page);
    }
    let browser = request
        .browser
        .as_deref()
        .map(|path| observe_in_browser(catalog, path, request, &mut pages, progress));
    Ok(summarise(catalog, request, pages, https, browser))
}

/// Browser mode: loads each page read in the browser and adds what it saw; returns the
/// sentence that says what was done, or why it could not be.
fn observe_in_browser(
    catalog: &Catalog,
    path: &std::path::Path,
    request: &Request,
    pages: &mut [PageReport],
    progress: &mut dyn FnMut(&str),
) -> Result<String, String> {
    let only_host = request.site_only.then_some(request.url.host.as_str());
    let headless = browser::Headless::launch(path, request.limits.timeout, only_host)?;
    let mut failures = Vec::new();
    for (n, page) in pages.iter_mut().enumerate() {
        if page.error.is_some() {
            continue;
        }
        let Some(url) = Url::parse(&page.final_url) else {
            continue;
        };
        progress(&format!(
            "Chargement dans le navigateur de la page {} : {url}",
            n + 1
        ));
        match headless.visit(&url) {
            Ok(seen) => add_browser_view(catalog, page, &url, seen),
            Err(error) => failures.push(error),
        }
    }
    let mut text = format!(
        "Mode navigateur : chaque page a aussi été chargée dans {} sans cliquer sur rien (ni \
         accepter ni refuser) ; les requêtes vers d'autres sites et les cookies présents à ce \
         moment sont ceux d'avant tout consentement, y compris ceux ajoutés par les scripts. Un \
         traceur qui ne se charge qu'après un défilement, une action du visiteur ou plus de \
         1,5 seconde peut encore échapper à l'analyse.",
        path.display()
    );
    if request.site_only {
        text.push_str(
            " Le navigateur n'a contacté que le site analysé (--site-seul) : les requêtes vers \
             d'autres sites sont relevées mais n'ont pas abouti, donc ce qu'elles auraient \
             chargé à leur tour n'apparaît pas.",
        );
    }
    for failure in failures {
        text.push_str(&format!(
            " Page non chargée dans le navigateur : {failure}."
        ));
    }
    Ok(text)
}

/// Adds to a page what the browser saw: requests to other sites, cookies, and the services
/// and consent managers they reveal.
fn add_browser_view(catalog: &Catalog, page: &mut PageReport, url: &Url, seen: browser::Seen) {
    let requests: Vec<Url> = seen.requests.iter().filter_map(|r| Url::parse(r)).collect();
    page.third_party_requests = requests
        .iter()
        .filter(|r| r.site() != url.site())
        .map(ToString::to_string)
        .collect();
    for cookie in seen.cookies {
        if page.cookies.iter().all(|c| c.name != cookie.name) {
            page.cookies.push(cookie);
        }
    }
    let found = |patterns: &Patterns, cookies: &[CookieSeen]| {
        let mut found: Vec<Evidence> = requests
            .iter()
            .filter(|r| {
                patterns.urls.iter().any(|p| r.matches(p))
                    || patterns.files.iter().any(|f| r.file_name() == f)
            })
            .map(|r| Evidence {
                how: "requête (navigateur)".to_string(),
                what: r.to_string(),
                before_consent: true,
            })
            .collect();
        found.extend(
            cookies
                .iter()
                .filter(|c| c.set_by.starts_with("navigateur"))
                .filter(|c| patterns.cookies.iter().any(|p| name_matches(&c.name, p)))
                .map(|c| Evidence {
                    how: "cookie (navigateur)".to_string(),
                    what: c.name.clone(),
                    before_consent: true,
                }),
        );
        found
    };
    for signature in &catalog.signatures.services {
        let Some(service) = catalog.service(&signature.service) else {
            continue;
        };
        let evidence = found(&signature.patterns, &page.cookies);
        if evidence.is_empty() {
            continue;
        }
        mark_cookies(&mut page.cookies, &signature.patterns, &service.id);
        match page.services.iter_mut().find(|s| s.id == service.id) {
            Some(seen) => seen.evidence.extend(evidence),
            None => page.services.push(service_seen(service, evidence)),
        }
    }
    for manager in &catalog.signatures.consent_managers {
        let evidence = found(&manager.patterns, &page.cookies);
        if evidence.is_empty() {
            continue;
        }
        match page
            .consent_managers
            .iter_mut()
            .find(|m| m.id == manager.id)
        {
            Some(seen) => seen.evidence.extend(evidence),
            None => page.consent_managers.push(ManagerSeen {
                id: manager.id.clone(),
                name: manager.name.clone(),
                evidence,
            }),
        }
    }
}

fn service_seen(service: &crate::model::catalog::Service, evidence: Vec<Evidence>) -> ServiceSeen {
    ServiceSeen {
        id: service.id.clone(),
        name: service.name.clone(),
        category: service.category.clone(),
        consent_required: service.consent_required,
        tracker: service.consent_required
            && TRACKER_CATEGORIES.contains(&service.category.as_str()),
        evidence,
    }
}

/// Names the service of the cookies its signature names.
fn mark_cookies(cookies: &mut [CookieSeen], patterns: &Patterns, service: &str) {
    for cookie in cookies.iter_mut() {
        if patterns
            .cookies
            .iter()
            .any(|p| name_matches(&cookie.name, p))
        {
            cookie.service = Some(service.to_string());
        }
    }
}

/// Does `http://` lead to `https://`? Checked on the home page only.
fn http_redirect(fetcher: &Fetcher, asked: &Url, fetched: &fetch::Fetched) -> Option<bool> {
    if asked.scheme == "http" {
        return Some(fetched.url.scheme == "https");
    }
    if fetched.url.scheme != "https" {
        return Some(false);
    }
    let mut plain = fetched.url.clone();
    plain.scheme = "http".to_string();
    if plain.port == Some(443) {
        plain.port = None;
    }
    if plain.port.is_some() {
        // A test server or an unusual port: http is not served on the same port.
        return None;
    }
    fetcher
        .get(&plain)
        .ok()
        .map(|page| page.url.scheme == "https")
}

fn failed_page(url: &Url, kind: PageKind, error: String, status: Option<u16>) -> PageReport {
    PageReport {
        url: url.to_string(),
        final_url: url.to_string(),
        kind,
        status,
        error: Some(error),
        truncated: false,
        services: Vec::new(),
        consent_managers: Vec::new(),
        cookies: Vec::new(),
        legal_links: LegalLinks::default(),
        legal_notice: None,
        outdated: Vec::new(),
        forms: Vec::new(),
        third_party_requests: Vec::new(),
    }
}

/// Evidence that a set of patterns matches on a page.
fn evidence(
    patterns: &Patterns,
    base: &Url,
    page: &html::Page,
    cookies: &[CookieSeen],
) -> Vec<Evidence> {
    let mut found = Vec::new();
    for resource in &page.resources {
        let Some(address) = base.join(&resource.address) else {
            continue;
        };
        let by_url = patterns.urls.iter().any(|p| address.matches(p));
        let by_file = resource.kind == ResourceKind::Script
            && patterns.files.iter().any(|f| address.file_name() == f);
        if by_url || by_file {
            found.push(Evidence {
                how: resource.kind.label().to_string(),
                what: address.to_string(),
                before_consent: !resource.blocked,
            });
        }
    }
    for script in &page.inline_scripts {
        if let Some(snippet) = patterns
            .snippets
            .iter()
            .find(|s| script.text.contains(s.as_str()))
        {
            found.push(Evidence {
                how: "script dans la page".to_string(),
                what: format!("« {snippet} »"),
                before_consent: !script.blocked,
            });
        }
    }
    for link in &page.links {
        if let Some(address) = base.join(&link.href)
            && patterns.links.iter().any(|p| address.matches(p))
        {
            found.push(Evidence {
                how: "lien".to_string(),
                what: address.to_string(),
                before_consent: false,
            });
        }
    }
    for cookie in cookies {
        if patterns
            .cookies
            .iter()
            .any(|p| name_matches(&cookie.name, p))
        {
            found.push(Evidence {
                how: "cookie".to_string(),
                what: cookie.name.clone(),
                before_consent: true,
            });
        }
    }
    found.dedup();
    found
}

fn analyse_page(
    catalog: &Catalog,
    asked: &Url,
    kind: PageKind,
    fetched: &fetch::Fetched,
    page: &html::Page,
) -> PageReport {
    let mut cookies: Vec<CookieSeen> = fetched
        .set_cookies
        .iter()
        .filter_map(|(by, header)| CookieSeen::parse(by, header))
        .collect();
    let base = &fetched.url;
    let mut services = Vec::new();
    for signature in &catalog.signatures.services {
        let Some(service) = catalog.service(&signature.service) else {
            continue;
        };
        let found = evidence(&signature.patterns, base, page, &cookies);
        if found.is_empty() {
            continue;
        }
        for cookie in cookies.iter_mut() {
            if signature
                .patterns
                .cookies
                .iter()
                .any(|p| name_matches(&cookie.name, p))
            {
                cookie.service = Some(service.id.clone());
            }
        }
        services.push(ServiceSeen {
            id: service.id.clone(),
            name: service.name.clone(),
            category: service.category.clone(),
            consent_required: service.consent_required,
            tracker: service.consent_required
                && TRACKER_CATEGORIES.contains(&service.category.as_str()),
            evidence: found,
        });
    }
    let consent_managers = catalog
        .signatures
        .consent_managers
        .iter()
        .filter_map(|manager| {
            let found = evidence(&manager.patterns, base, page, &cookies);
            (!found.is_empty()).then(|| ManagerSeen {
                id: manager.id.clone(),
                name: manager.name.clone(),
                evidence: found,
            })
        })
        .collect();
    let legal_notice =
        (kind == PageKind::MentionsLegales).then(|| legal::legal_notice_elements(&page.text));
    PageReport {
        url: asked.to_string(),
        final_url: fetched.url.to_string(),
        kind,
        status: Some(fetched.status),
        error: None,
        truncated: fetched.truncated,
        services,
        consent_managers,
        cookies,
        legal_links: LegalLinks::from_links(&page.links),
        legal_notice,
        outdated: legal::outdated_references(&page.text, &page.links),
        forms: legal::forms(&page.text, &page.forms),
        third_party_requests: Vec::new(),
    }
}

/// Merges the pages into the site's view.
fn summarise(
    catalog: &Catalog,
    request: &Request,
    pages: Vec<PageReport>,
    https: Https,
    browser: Option<Result<String, String>>,
) -> ScanReport {
    let mut services: BTreeMap<String, ServiceSeen> = BTreeMap::new();
    let mut managers: BTreeMap<String, ManagerSeen> = BTreeMap::new();
    let mut cookies: Vec<CookieSeen> = Vec::new();
    for page in &pages {
        for service in &page.services {
            let entry = services
                .entry(service.id.clone())
                .or_insert_with(|| ServiceSeen {
                    evidence: Vec::new(),
                    ..service.clone()
                });
            for e in &service.evidence {
                if !entry.evidence.contains(e) {
                    entry.evidence.push(e.clone());
                }
            }
        }
        for manager in &page.consent_managers {
            let entry = managers
                .entry(manager.id.clone())
                .or_insert_with(|| ManagerSeen {
                    evidence: Vec::new(),
                    ..manager.clone()
                });
            for e in &manager.evidence {
                if !entry.evidence.contains(e) {
                    entry.evidence.push(e.clone());
                }
            }
        }
        for cookie in &page.cookies {
            if cookies.iter().all(|c| c.name != cookie.name) {
                cookies.push(cookie.clone());
            }
        }
    }
    // Catalogue order, so that reports are stable and grouped as in the catalogue.
    let order = |id: &str| catalog.services.iter().position(|s| s.id == id);
    let mut services: Vec<ServiceSeen> = services.into_values().collect();
    services.sort_by_key(|s| order(&s.id));
    let static_limit =
        "Analyse statique : vigie a lu le code HTML des pages et les cookies envoyés par le serveur, \
         sans exécuter les scripts. Les traceurs ajoutés par des scripts après le chargement \
         (par un gestionnaire de balises comme Google Tag Manager, par exemple) et les cookies \
         déposés par les scripts n'apparaissent pas ici."
            .to_string();
    let (mode, first) = match browser {
        Some(Ok(done)) => ("navigateur", done),
        Some(Err(why)) => (
            "statique",
            format!("{static_limit} Le mode navigateur n'a pas pu servir : {why}."),
        ),
        None => ("statique", static_limit),
    };
    let mut limits = vec![
        first,
        "Seules les pages reliées depuis l'accueil qui comptent (mentions légales, confidentialité, \
         cookies, contact, rendez-vous, boutique) ont été lues."
            .to_string(),
    ];
    if pages.iter().any(|p| p.truncated) {
        limits.push(format!(
            "Une page dépassait {} Mo : seul son début a été lu.",
            fetch::MAX_PAGE_BYTES / (1024 * 1024)
        ));
    }
    ScanReport {
        url: request.url.to_string(),
        date: request.date,
        mode: mode.to_string(),
        pages,
        https,
        services,
        consent_managers: managers.into_values().collect(),
        cookies,
        limits,
    }
}
