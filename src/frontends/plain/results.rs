//! After the review: the score report, the run recorded in the history (unless nothing
//! changed since the last one), and the documents written to a folder.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use vigie::documents::{
    Format, Templates, build_context, existing_files, render, write_files, written,
};
use vigie::engine::report::to_text;
use vigie::engine::scoring::score;
use vigie::model::date::now_timestamp;
use vigie::model::french::{date_text, score_change};

use super::reply::{self, Reply};
use super::{Session, Stop};
use crate::frontends::cli::Failure;

impl<R: BufRead, W: Write> Session<'_, R, W> {
    /// Scores the answers, records the run, prints the report and writes the documents.
    pub(super) fn results(&mut self, templates: &Templates) -> Result<(), Stop> {
        let report = score(self.catalog, &self.answers);
        self.say(format!("\nRésultats\n\n{}", to_text(&report).trim_end()))?;
        self.record_run(templates)?;
        self.documents(templates)?;
        self.say(format!(
            "\nTerminé. Vos réponses restent enregistrées : vigie --plain pour les revoir, \
             vigie history --org {} pour l'historique.",
            self.slug
        ))
    }

    /// Saves the run, unless its answers are those of the latest run; says how the score
    /// changed since then.
    fn record_run(&mut self, templates: &Templates) -> Result<(), Stop> {
        let recorded = self
            .organisations
            .record_run(
                &self.slug,
                self.catalog,
                templates,
                &self.answers,
                now_timestamp(),
            )
            .map_err(Failure::from)?;
        let Some(path) = &recorded.path else {
            return self.say(format!(
                "\nVos réponses n'ont pas changé depuis l'évaluation du {} : elle n'est pas \
                 enregistrée une seconde fois.",
                date_text(&recorded.run.record.date)
            ));
        };
        if let Some(previous) = &recorded.previous {
            self.say(format!(
                "\nDepuis l'évaluation du {} : {}",
                date_text(&previous.date),
                score_change(previous.score, recorded.run.record.score)
            ))?;
        }
        self.say(format!("\nÉvaluation enregistrée : {}", path.display()))
    }

    /// Asks for a folder and writes the documents there in Markdown, HTML and text; asks
    /// again when the folder cannot be written, or holds documents the user keeps.
    fn documents(&mut self, templates: &Templates) -> Result<(), Stop> {
        let context = build_context(self.catalog, &self.answers, self.today);
        let documents = render(templates, &context, &[])
            .map_err(|error| Failure::invalid(error.to_string()))?;
        let default = PathBuf::from(format!("./documents-{}", self.slug));
        self.say(format!(
            "\nDossier où écrire les documents (Entrée : {}) :",
            default.display()
        ))?;
        loop {
            let dir = self.folder(&default)?;
            let formats = [Format::Markdown, Format::Html, Format::Text];
            if existing_files(&documents, &formats, &dir) > 0 && !self.replace(&dir)? {
                self.say("Choisissez un autre dossier :")?;
                continue;
            }
            match write_files(&documents, &formats, &dir) {
                Ok(paths) => return self.say(written(&paths, &documents).trim_end()),
                Err(error) => {
                    eprintln!("erreur : {error}");
                    self.say("Choisissez un autre dossier :")?;
                }
            }
        }
    }

    /// The folder typed, or `default` for an empty line.
    fn folder(&mut self, default: &Path) -> Result<PathBuf, Stop> {
        loop {
            let line = self.console.ask()?;
            match reply::reply(&line) {
                Reply::Empty => return Ok(default.to_path_buf()),
                Reply::Text(dir) => {
                    let cwd = std::env::current_dir().unwrap_or_default();
                    match vigie::storage::paths::output_folder(
                        dir,
                        &cwd,
                        vigie::storage::paths::home_dir().as_deref(),
                    ) {
                        Ok(folder) => return Ok(folder),
                        Err(message) => self.say(format!("{message} Tapez un autre dossier :"))?,
                    }
                }
                Reply::Help | Reply::Back => self.say(
                    "Les documents sont écrits en Markdown, HTML et texte dans ce dossier, créé \
                     s'il n'existe pas. Tapez un chemin, ou Entrée pour le dossier proposé.",
                )?,
            }
        }
    }

    /// Asks before replacing the documents already in `dir`.
    fn replace(&mut self, dir: &Path) -> Result<bool, Stop> {
        self.say(format!(
            "{} contient déjà des documents de vigie : les remplacer ? (O/n)",
            dir.display()
        ))?;
        loop {
            match reply::yes(&self.console.ask()?) {
                Some(yes) => return Ok(yes),
                None => self.say("Tapez O pour les remplacer, n pour choisir un autre dossier.")?,
            }
        }
    }
}
