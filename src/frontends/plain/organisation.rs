//! Choosing the organisation to work on: the saved ones, numbered with their last score, or
//! a new one.

use std::io::{BufRead, Write};

use vigie::model::catalog::Catalog;
use vigie::model::french::{capitalised, date_text};
use vigie::storage::organisation::{Organisations, Overview};

use super::reply::{self, Reply};
use super::{Console, Stop};
use crate::frontends::cli::Failure;
use crate::frontends::cli::failure::warn;

/// The organisation chosen (its slug), or a new one created with no answers.
pub fn choose<R: BufRead, W: Write>(
    console: &mut Console<R, W>,
    organisations: &Organisations,
    catalog: &Catalog,
) -> Result<String, Stop> {
    let (overview, problems) = organisations.overview(catalog).map_err(Failure::from)?;
    for problem in problems {
        warn(problem);
    }
    if overview.is_empty() {
        console.say("\nAucune organisation enregistrée : commençons par la vôtre.")?;
        return loop {
            if let Some(slug) = create(console, organisations, catalog)? {
                break Ok(slug);
            }
        };
    }
    loop {
        console.say("\nOrganisations enregistrées :")?;
        for (i, entry) in overview.iter().enumerate() {
            console.say(format!("  {}. {}", i + 1, describe(entry)))?;
        }
        console.say("  0. Nouvelle organisation\nTapez le numéro de l'organisation.")?;
        if let Some(slug) = pick(console, organisations, catalog, &overview)? {
            return Ok(slug);
        }
    }
}

/// Reads a choice in the list; `None` to show the list again.
fn pick<R: BufRead, W: Write>(
    console: &mut Console<R, W>,
    organisations: &Organisations,
    catalog: &Catalog,
    overview: &[Overview],
) -> Result<Option<String>, Stop> {
    loop {
        let line = console.ask()?;
        match reply::reply(&line) {
            Reply::Text("0") => return create(console, organisations, catalog),
            Reply::Text(text) => match reply::number(text, overview.len()) {
                Ok(i) => return Ok(Some(overview[i].slug.clone())),
                Err(message) => console.say(format!("{message} (0 : nouvelle organisation)"))?,
            },
            Reply::Empty | Reply::Help | Reply::Back => console.say(format!(
                "Tapez le numéro d'une organisation (1 à {}), 0 pour en créer une, ou q pour quitter.",
                overview.len()
            ))?,
        }
    }
}

/// « Boulangerie Dupain — 37/100, lettre E, le 29 novembre 2026 ».
fn describe(entry: &Overview) -> String {
    let score = match &entry.last {
        Some(run) => match (run.score, run.grade) {
            (Some(score), Some(grade)) => format!(
                "{score}/100, lettre {}, le {}",
                grade.letter(),
                date_text(&run.date)
            ),
            _ => format!("non notée, le {}", date_text(&run.date)),
        },
        None => "pas encore évaluée".to_string(),
    };
    let score = match entry.unfinished {
        Some((answered, total)) => format!(
            "{answered} question{} sur {total}, {score}",
            vigie::model::french::plural(answered)
        ),
        None => score,
    };
    format!("{} — {score}", entry.name)
}

/// Asks the new organisation's name and creates it; `None` when the user goes back (`<`).
fn create<R: BufRead, W: Write>(
    console: &mut Console<R, W>,
    organisations: &Organisations,
    catalog: &Catalog,
) -> Result<Option<String>, Stop> {
    console.say("\nNom de la nouvelle organisation :")?;
    loop {
        let line = console.ask()?;
        let name = match reply::reply(&line) {
            Reply::Back => return Ok(None),
            Reply::Text(name) => name,
            Reply::Empty | Reply::Help => {
                console.say(
                    "Tapez le nom de l'organisation (par exemple Boulangerie Dupain) ; il sert \
                     aussi à nommer son dossier de données.",
                )?;
                continue;
            }
        };
        match organisations.slug_for_new(name) {
            Err(error) => console.say(format!(
                "{} (ou « < » pour revenir).",
                capitalised(&error.to_string())
            ))?,
            Ok(_) => {
                let slug = organisations.create(name, catalog).map_err(Failure::from)?;
                console.say(format!(
                    "Organisation « {name} » créée (dossier « {slug} »)."
                ))?;
                return Ok(Some(slug));
            }
        }
    }
}
