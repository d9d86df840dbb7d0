//! The full-screen interface (The Elm Architecture): keys become actions through the key
//! table, a pure `update` changes the model and returns effects, and this loop runs the
//! effects against the store. It waits on the next event without polling.

pub mod keymap;
pub mod model;
mod scan;
pub mod theme;
pub mod update;
pub mod view;

#[cfg(test)]
mod tests;

use std::io::Write;
use std::path::PathBuf;
use std::rc::Rc;

use ratatui::crossterm::event::{self, DisableBracketedPaste, EnableBracketedPaste, Event};
use ratatui::crossterm::execute;
use vigie::documents::{Templates, existing_files, write_files};
use vigie::model::catalog::Catalog;
use vigie::model::date::{Date, now_timestamp};
use vigie::model::french::capitalised;
use vigie::storage::organisation::Organisations;
use vigie::storage::store::StoreError;

use model::{Model, Screen};
use theme::Theme;
use update::{Action, Effect, update};

/// Runs the interface until the user leaves; returns the exit code.
pub fn run(catalog: Catalog, templates: Templates, organisations: Organisations) -> u8 {
    let theme = Theme::from_env();
    if theme.is_monochrome() {
        // crossterm 0.29 resets every attribute when it drops a colour under NO_COLOR,
        // which erases bold and reverse; forcing colour output keeps them (no colour is
        // painted anyway: the monochrome theme sets none).
        ratatui::crossterm::style::force_color_output(true);
    }
    let mut model = Model::new(Rc::new(catalog), Rc::new(templates), theme, Date::today());
    model.base_folder = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(error) => {
            eprintln!(
                "erreur : impossible d'ouvrir l'interface du terminal ({error}) ; essayez vigie --plain"
            );
            return crate::frontends::cli::exit::RUNTIME;
        }
    };
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let outcome = event_loop(&mut terminal, &mut model, &organisations);
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    match outcome {
        Ok(()) => {
            let mut err = std::io::stderr();
            for line in &model.farewell {
                let _ = writeln!(err, "{line}");
            }
            model.exit.unwrap_or(crate::frontends::cli::exit::SUCCESS)
        }
        Err(error) => {
            eprintln!(
                "erreur : le terminal ne répond plus ({error}) ; vos réponses sont enregistrées"
            );
            1
        }
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    model: &mut Model,
    organisations: &Organisations,
) -> std::io::Result<()> {
    let size = terminal.size()?;
    let mut pending = vec![Action::Resized {
        width: size.width,
        height: size.height,
    }];
    pending.extend(perform(organisations, model, Effect::LoadHome));
    loop {
        while let Some(action) = (!pending.is_empty()).then(|| pending.remove(0)) {
            for effect in update(model, action) {
                pending.extend(perform(organisations, model, effect));
            }
        }
        if model.exit.is_some() {
            return Ok(());
        }
        terminal.draw(|frame| view::view(model, frame))?;
        let action = match event::read()? {
            Event::Key(key) if key.is_press() => keymap::dispatch(model.context(), &key),
            Event::Paste(text) => Some(Action::Paste(text)),
            Event::Resize(width, height) => Some(Action::Resized { width, height }),
            _ => None,
        };
        pending.extend(action);
    }
}

/// Runs one effect; what it finds comes back as an action.
fn perform(organisations: &Organisations, model: &Model, effect: Effect) -> Option<Action> {
    let catalog = &model.catalog;
    let failed = |error: StoreError| Some(Action::Failed(error.to_string()));
    match effect {
        Effect::LoadHome => {
            // Back home, no organisation is open here any more.
            organisations.close();
            match organisations.overview(catalog) {
                Ok((entries, _)) => Some(Action::HomeLoaded(entries)),
                Err(error) => failed(error),
            }
        }
        Effect::Scan { slug, url } => Some(scan::run(organisations, catalog, &slug, &url)),
        Effect::ApplyObservations(slug) => Some(scan::apply(organisations, catalog, &slug)),
        Effect::Create(name) => match organisations.create(&name, catalog) {
            Ok(slug) => perform(organisations, model, Effect::Open(slug)),
            Err(error) => Some(Action::Failed(format!(
                "{}.",
                capitalised(&error.to_string())
            ))),
        },
        Effect::Open(slug) => match organisations.open(&slug, catalog) {
            Ok(opened) => Some(Action::Opened(Box::new(opened))),
            Err(error) => failed(error),
        },
        Effect::Save => {
            let org = model.org.as_ref()?;
            let saved = organisations.save_answers(&org.slug, &org.answers, catalog);
            Some(Action::Saved(saved.err().map(|e| e.to_string())))
        }
        Effect::RecordRun => {
            let org = model.org.as_ref()?;
            Some(
                match organisations.record_run(
                    &org.slug,
                    catalog,
                    &model.templates,
                    &org.answers,
                    now_timestamp(),
                ) {
                    Ok(recorded) => Action::RunReady(Box::new(recorded)),
                    Err(error) => Action::Failed(error.to_string()),
                },
            )
        }
        Effect::LoadHistory(slug) => {
            // The heads of every run, and the latest two in full: the comparison shown first.
            let store = organisations.store();
            let (runs, mut problems) = match store.summaries(&slug, usize::MAX) {
                Ok(found) => found,
                Err(error) => return failed(error),
            };
            let (loaded, more) = store.latest_runs(&slug, 2).unwrap_or_default();
            for problem in more {
                if !problems.contains(&problem) {
                    problems.push(problem);
                }
            }
            Some(Action::HistoryLoaded {
                slug,
                runs,
                loaded,
                problems,
            })
        }
        Effect::LoadRuns { slug, files } => {
            let runs = files
                .iter()
                .filter_map(|file| organisations.store().run(&slug, file).ok()?.0)
                .collect();
            Some(Action::RunsLoaded(runs))
        }
        Effect::Write {
            folder,
            formats,
            replace,
        } => {
            // The documents written are the ones previewed on the page.
            let Screen::Documents(page) = &model.screen else {
                return None;
            };
            let documents = &page.documents;
            let existing = existing_files(documents, &formats, &folder);
            if existing > 0 && !replace {
                return Some(Action::AskReplace {
                    folder,
                    formats,
                    existing,
                });
            }
            Some(match write_files(documents, &formats, &folder) {
                Ok(paths) => Action::Written(paths),
                Err(error) => Action::Failed(error.to_string()),
            })
        }
        Effect::Report { slug, file } => Some(
            match vigie::storage::organisation_report::write_html_report(
                organisations.store(),
                catalog,
                &slug,
                &file,
            ) {
                Ok(()) => Action::ReportWritten(file),
                Err(error) => Action::Failed(format!("Rapport non écrit : {error}.")),
            },
        ),
        Effect::Delete(slug) => match organisations.delete(&slug) {
            Ok(kept_in) => Some(Action::Deleted {
                name: slug,
                kept_in,
            }),
            Err(error) => failed(error),
        },
    }
}
