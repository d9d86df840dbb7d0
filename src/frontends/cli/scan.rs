//! `vigie scan URL [--org SLUG [--apply]]`: the live site, observed; with `--org`, the
//! answers it supports are proposed in the organisation's answers file, and applied only
//! with `--apply`.

use std::path::Path;
use std::time::Duration;

use vigie::engine::scan::fetch::Limits;
use vigie::engine::scan::proposals::Proposal;
use vigie::engine::scan::url::{Url, UrlError};
use vigie::engine::scan::{Request, render};
use vigie::model::catalog::Catalog;
use vigie::model::date::Date;
use vigie::model::french::{plural, short_date};
use vigie::model::sanitize::visible;
use vigie::storage::organisation::Organisations;

use super::{Failure, OutputFormat};

/// The options of `vigie scan`.
pub struct Options<'a> {
    pub url: &'a str,
    pub org: Option<&'a str>,
    pub apply: bool,
    pub pages: usize,
    pub format: OutputFormat,
    pub timeout: u64,
    /// `--navigateur CHEMIN`.
    pub browser: Option<&'a Path>,
    /// `--statique`: no browser even if one is installed.
    pub static_only: bool,
    /// `--site-seul`: the browser reaches no other site than the one scanned.
    pub site_only: bool,
}

pub fn run(
    organisations: &Organisations,
    catalog: &Catalog,
    options: &Options,
) -> Result<(), Failure> {
    let format = options.format.among(&[
        OutputFormat::Text,
        OutputFormat::Json,
        OutputFormat::Markdown,
    ])?;
    let url = match Url::parse_user(options.url) {
        Ok(url) => url,
        Err(UrlError::Scheme(scheme)) => {
            return Err(Failure::Usage(format!(
                "« {} » n'est pas une adresse web : vigie n'analyse que les adresses http:// ou https:// (pas « {scheme}: »)",
                options.url
            )));
        }
        Err(UrlError::Invalid) => {
            return Err(Failure::Usage(format!(
                "« {} » n'est pas une adresse valide ; exemple : https://www.exemple.fr",
                options.url
            )));
        }
    };
    let browser = if options.static_only {
        None
    } else {
        match vigie::engine::scan::browser::find(options.browser) {
            Ok(Some(path)) => Some(path),
            Ok(None) => {
                eprintln!(
                    "Aucun Chromium ni Chrome trouvé : analyse statique seulement \
                     (--navigateur CHEMIN pour en indiquer un)."
                );
                None
            }
            Err(message) => return Err(Failure::Usage(message)),
        }
    };
    if let Some(slug) = options.org {
        organisations.resolve(Some(slug))?;
    }
    let request = Request {
        url,
        pages: options.pages,
        limits: Limits {
            timeout: Duration::from_secs(options.timeout),
            ..Limits::default()
        },
        date: Date::today(),
        browser,
        site_only: options.site_only,
    };
    let report = vigie::engine::scan::scan(catalog, &request, &mut |line| {
        eprintln!("{}", visible(line))
    })
    .map_err(|error| Failure::runtime(error.to_string()))?;
    match format {
        OutputFormat::Markdown => print!("{}", visible(&render::to_markdown(&report))),
        OutputFormat::Json => println!("{}", render::to_json(&report)),
        _ => print!("{}", visible(&render::to_text(&report))),
    }
    match options.org {
        Some(slug) => record(organisations, catalog, slug, &report, options),
        None => Ok(()),
    }
}

/// Proposes (or, with `--apply`, applies) the answers the scan supports.
fn record(
    organisations: &Organisations,
    catalog: &Catalog,
    slug: &str,
    report: &vigie::engine::scan::ScanReport,
    options: &Options,
) -> Result<(), Failure> {
    let (answers, proposed) = organisations.propose_observed(slug, catalog, report)?;
    let mut lines = vec![describe(catalog, &proposed, &answers)];
    if options.apply {
        organisations.apply_observed(slug, catalog, report.date)?;
        lines.push(if proposed.is_empty() {
            "Aucune réponse à modifier.".to_string()
        } else {
            format!(
                "{} réponse{} mise{} à jour et datée{} du {}.",
                proposed.len(),
                plural(proposed.len()),
                plural(proposed.len()),
                plural(proposed.len()),
                short_date(report.date)
            )
        });
    } else if !proposed.is_empty() {
        lines.push(format!(
            "Rien n'est changé sans votre accord : ces propositions sont notées « observé le {} » dans \
             les réponses de « {slug} ». Confirmez-les avec : vigie scan {} --org {slug} --apply \
             (ou « Analyser mon site », touche a de l'accueil de l'interface) ; vigie score --org \
             {slug} montre d'ici là les contradictions entre vos déclarations et ce qui a été observé.",
            short_date(report.date),
            options.url
        ));
    }
    let text = visible(&lines.join("\n")).into_owned();
    match options.format {
        OutputFormat::Json => eprintln!("{text}"),
        _ => println!("\n{text}"),
    }
    Ok(())
}

/// The proposals, one per line, with the current answer.
fn describe(
    catalog: &Catalog,
    proposed: &[Proposal],
    answers: &vigie::model::answers::Answers,
) -> String {
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
            .map_or("sans réponse".to_string(), |a| question.answer_text(a));
        out.push_str(&format!(
            "\n  - {}\n      proposé : {} (actuellement : {})\n      preuve : {}",
            question.prompt,
            question.answer_text(&proposal.answer),
            current,
            proposal.evidence
        ));
    }
    out
}
