//! Choosing the organisation to work on: the saved ones, numbered with their last score, or
//! a new one.

use std::io::{BufRead, Write};

use vigie::answers::Answers;
use vigie::catalog::Catalog;
use vigie::store::{Store, slug_from_name, valid_slug};

use super::reply::{self, Reply};
use super::{Console, Stop};
use crate::cli::organisations::{date_of, failure};

/// The organisation chosen (its slug), or a new one created with no answers.
pub fn choose<R: BufRead, W: Write>(
    console: &mut Console<R, W>,
    store: &Store,
    catalog: &Catalog,
) -> Result<String, Stop> {
    let slugs = store.slugs().map_err(|e| Stop::Failed(failure(&e)))?;
    if slugs.is_empty() {
        console.say("\nAucune organisation enregistrée : commençons par la vôtre.")?;
        return loop {
            if let Some(slug) = create(console, store, catalog)? {
                break Ok(slug);
            }
        };
    }
    loop {
        console.say("\nOrganisations enregistrées :")?;
        for (i, slug) in slugs.iter().enumerate() {
            console.say(format!("  {}. {}", i + 1, describe(store, catalog, slug)))?;
        }
        console.say("  0. Nouvelle organisation\nTapez le numéro de l'organisation.")?;
        if let Some(slug) = pick(console, store, catalog, &slugs)? {
            return Ok(slug);
        }
    }
}

/// Reads a choice in the list; `None` to show the list again.
fn pick<R: BufRead, W: Write>(
    console: &mut Console<R, W>,
    store: &Store,
    catalog: &Catalog,
    slugs: &[String],
) -> Result<Option<String>, Stop> {
    loop {
        let line = console.ask()?;
        match reply::reply(&line) {
            Reply::Text("0") => return create(console, store, catalog),
            Reply::Text(text) => match reply::number(text, slugs.len()) {
                Ok(i) => return Ok(Some(slugs[i].clone())),
                Err(message) => console.say(format!("{message} (0 : nouvelle organisation)"))?,
            },
            Reply::Empty | Reply::Help | Reply::Back => console.say(format!(
                "Tapez le numéro d'une organisation (1 à {}), 0 pour en créer une, ou q pour quitter.",
                slugs.len()
            ))?,
        }
    }
}

/// « Boulangerie Dupain — 37/100, lettre E, le 29 novembre 2026 ».
fn describe(store: &Store, catalog: &Catalog, slug: &str) -> String {
    let name = store
        .load_answers(slug, catalog)
        .ok()
        .and_then(|parsed| parsed.answers.organisation_name())
        .unwrap_or_else(|| slug.to_string());
    let last = match store.summaries(slug, 1) {
        Ok((runs, problems)) => {
            for problem in problems {
                eprintln!("attention : {problem}");
            }
            runs.into_iter().last().map(|(_, run)| run)
        }
        Err(error) => {
            eprintln!("attention : {error}");
            None
        }
    };
    let score = match &last {
        Some(run) => match (run.score, run.grade) {
            (Some(score), Some(grade)) => {
                format!(
                    "{score}/100, lettre {}, le {}",
                    grade.letter(),
                    date_of(run)
                )
            }
            _ => format!("non notée, le {}", date_of(run)),
        },
        None => "pas encore évaluée".to_string(),
    };
    format!("{name} — {score}")
}

/// Asks the new organisation's name and creates it; `None` when the user goes back (`<`).
fn create<R: BufRead, W: Write>(
    console: &mut Console<R, W>,
    store: &Store,
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
        let slug = slug_from_name(name);
        if !valid_slug(&slug) {
            console.say(format!(
                "« {name} » ne donne pas de nom de dossier utilisable : employez des lettres ou des chiffres."
            ))?;
        } else if store.exists(&slug) {
            console.say(format!(
                "L'organisation « {slug} » existe déjà : choisissez un autre nom (ou « < » pour revenir)."
            ))?;
        } else {
            store
                .create(&slug, &Answers::new(), catalog)
                .map_err(|e| Stop::Failed(failure(&e)))?;
            console.say(format!(
                "Organisation « {name} » créée (dossier « {slug} »)."
            ))?;
            return Ok(Some(slug));
        }
    }
}
