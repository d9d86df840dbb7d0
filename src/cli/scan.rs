//! `vigie scan URL [--org SLUG [--apply]]`: the live site, observed; with `--org`, the
//! answers it supports are proposed in the organisation's answers file, and applied only
//! with `--apply`.

use std::path::Path;
use std::time::Duration;

use vigie::catalog::Catalog;
use vigie::date::today;
use vigie::paths::Paths;
use vigie::scan::fetch::Limits;
use vigie::scan::proposals::{self, Proposal, short_date};
use vigie::scan::url::{Url, UrlError};
use vigie::scan::{Request, render};
use vigie::store::Store;

use super::{ScoreFormat, exit, organisations};

/// The options of `vigie scan`.
pub struct Options<'a> {
    pub url: &'a str,
    pub org: Option<&'a str>,
    pub apply: bool,
    pub pages: usize,
    pub format: ScoreFormat,
    pub timeout: u64,
    /// `--navigateur CHEMIN`.
    pub browser: Option<&'a Path>,
    /// `--statique`: no browser even if one is installed.
    pub static_only: bool,
    /// `--site-seul`: the browser reaches no other site than the one scanned.
    pub site_only: bool,
}

pub fn run(paths: &Paths, catalog: &Catalog, options: &Options) -> u8 {
    let url = match Url::parse_user(options.url) {
        Ok(url) => url,
        Err(UrlError::Scheme(scheme)) => {
            eprintln!(
                "erreur : « {} » n'est pas une adresse web : vigie n'analyse que les adresses http:// ou https:// (pas « {scheme}: »)",
                options.url
            );
            return exit::USAGE;
        }
        Err(UrlError::Invalid) => {
            eprintln!(
                "erreur : « {} » n'est pas une adresse valide ; exemple : https://www.exemple.fr",
                options.url
            );
            return exit::USAGE;
        }
    };
    let browser = if options.static_only {
        None
    } else {
        match vigie::scan::browser::find(options.browser) {
            Ok(Some(path)) => Some(path),
            Ok(None) => {
                eprintln!(
                    "Aucun Chromium ni Chrome trouvé : analyse statique seulement \
                     (--navigateur CHEMIN pour en indiquer un)."
                );
                None
            }
            Err(message) => {
                eprintln!("erreur : {message}");
                return exit::USAGE;
            }
        }
    };
    if let Some(slug) = options.org
        && let Err(code) = organisations::load(paths, catalog, slug)
    {
        return code;
    }
    let request = Request {
        url,
        pages: options.pages,
        limits: Limits {
            timeout: Duration::from_secs(options.timeout),
            ..Limits::default()
        },
        date: today(),
        browser,
        site_only: options.site_only,
    };
    let report = match vigie::scan::scan(catalog, &request, &mut |line| eprintln!("{line}")) {
        Ok(report) => report,
        Err(error) => {
            eprintln!("erreur : {error}");
            return exit::RUNTIME;
        }
    };
    match options.format {
        ScoreFormat::Text => print!("{}", render::to_text(&report)),
        ScoreFormat::Markdown => print!("{}", render::to_markdown(&report)),
        ScoreFormat::Json => println!("{}", render::to_json(&report)),
    }
    match options.org {
        Some(slug) => record(paths, catalog, slug, &report, options),
        None => exit::SUCCESS,
    }
}

/// Proposes (or, with `--apply`, applies) the answers the scan supports.
fn record(
    paths: &Paths,
    catalog: &Catalog,
    slug: &str,
    report: &vigie::scan::ScanReport,
    options: &Options,
) -> u8 {
    let store = Store::new(&paths.data_dir);
    let (answers, proposed) = match proposals::record_for(&store, catalog, slug, report) {
        Ok(recorded) => recorded,
        Err(error) => return organisations::failure(&error),
    };
    let mut lines = vec![describe(catalog, &proposed, &answers)];
    if options.apply {
        if let Err(error) = proposals::apply_all(&store, catalog, slug, &report.date) {
            return organisations::failure(&error);
        }
        lines.push(if proposed.is_empty() {
            "Aucune réponse à modifier.".to_string()
        } else {
            format!(
                "{} réponse{} mise{} à jour et datée{} du {}.",
                proposed.len(),
                plural(proposed.len()),
                plural(proposed.len()),
                plural(proposed.len()),
                short_date(&report.date)
            )
        });
    } else if !proposed.is_empty() {
        lines.push(format!(
            "Rien n'est changé sans votre accord : ces propositions sont notées « observé le {} » dans \
             les réponses de « {slug} ». Confirmez-les avec : vigie scan {} --org {slug} --apply \
             (ou « Analyser mon site », touche a de l'accueil de l'interface) ; vigie score --org \
             {slug} montre d'ici là les contradictions entre vos déclarations et ce qui a été observé.",
            short_date(&report.date),
            options.url
        ));
    }
    let text = lines.join("\n");
    match options.format {
        ScoreFormat::Json => eprintln!("{text}"),
        _ => println!("\n{text}"),
    }
    exit::SUCCESS
}

fn plural(n: usize) -> &'static str {
    if n > 1 { "s" } else { "" }
}

/// The proposals, one per line, with the current answer.
fn describe(catalog: &Catalog, proposed: &[Proposal], answers: &vigie::answers::Answers) -> String {
    if proposed.is_empty() {
        return "Réponses proposées : aucune (ce qui a été observé confirme vos réponses ou ne permet pas d'en proposer)."
            .to_string();
    }
    let mut out = format!(
        "Réponses proposées d'après l'analyse ({}) :",
        proposed.len()
    );
    for proposal in proposed {
        let Some(question) = catalog.question(&proposal.question) else {
            continue;
        };
        let current = answers
            .get(&proposal.question)
            .map_or("sans réponse".to_string(), |a| a.display(question));
        out.push_str(&format!(
            "\n  - {}\n      proposé : {} (actuellement : {})\n      preuve : {}",
            question.prompt,
            proposal.answer.display(question),
            current,
            proposal.evidence
        ));
    }
    out
}
