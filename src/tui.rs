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
use vigie::catalog::Catalog;
use vigie::date::{now_timestamp, today};
use vigie::documents::{Templates, existing_files, write_files};
use vigie::scoring::score;
use vigie::store::{RunRecord, Store, StoreError};

use model::{Model, OrgEntry, Screen};
use theme::Theme;
use update::{Action, Effect, Opened, RunReady, update};

/// Runs the interface until the user leaves; returns the exit code.
pub fn run(catalog: Catalog, templates: Templates, store: Store) -> u8 {
    let theme = Theme::from_env();
    if theme.is_monochrome() {
        // crossterm 0.29 resets every attribute when it drops a colour under NO_COLOR,
        // which erases bold and reverse; forcing colour output keeps them (no colour is
        // painted anyway: the monochrome theme sets none).
        ratatui::crossterm::style::force_color_output(true);
    }
    let mut model = Model::new(Rc::new(catalog), Rc::new(templates), theme, today());
    model.base_folder = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let mut terminal = match ratatui::try_init() {
        Ok(terminal) => terminal,
        Err(error) => {
            eprintln!(
                "erreur : impossible d'ouvrir l'interface du terminal ({error}) ; essayez vigie --plain"
            );
            return 1;
        }
    };
    let _ = execute!(std::io::stdout(), EnableBracketedPaste);
    let outcome = event_loop(&mut terminal, &mut model, &store);
    let _ = execute!(std::io::stdout(), DisableBracketedPaste);
    ratatui::restore();
    match outcome {
        Ok(()) => {
            let mut err = std::io::stderr();
            for line in &model.farewell {
                let _ = writeln!(err, "{line}");
            }
            model.exit.unwrap_or(0)
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
    store: &Store,
) -> std::io::Result<()> {
    let size = terminal.size()?;
    let mut pending = vec![Action::Resized {
        width: size.width,
        height: size.height,
    }];
    pending.extend(perform(store, model, Effect::LoadHome));
    loop {
        while let Some(action) = (!pending.is_empty()).then(|| pending.remove(0)) {
            for effect in update(model, action) {
                pending.extend(perform(store, model, effect));
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
fn perform(store: &Store, model: &Model, effect: Effect) -> Option<Action> {
    let catalog = &model.catalog;
    let failed = |error: StoreError| Some(Action::Failed(error.to_string()));
    match effect {
        Effect::LoadHome => match home_entries(store, catalog) {
            Ok(entries) => Some(Action::HomeLoaded(entries)),
            Err(error) => failed(error),
        },
        Effect::Scan { slug, url } => Some(scan::run(store, catalog, &slug, &url)),
        Effect::ApplyObservations(slug) => Some(scan::apply(store, catalog, &slug)),
        Effect::Create(slug) if store.exists(&slug) => Some(Action::Failed(format!(
            "Une organisation « {slug} » existe déjà : ses réponses n'ont pas été touchées. Choisissez un autre nom."
        ))),
        Effect::Create(slug) => {
            match store.save_answers(&slug, &vigie::answers::Answers::new(), catalog) {
                Ok(_) => perform(store, model, Effect::Open(slug)),
                Err(error) => failed(error),
            }
        }
        Effect::Open(slug) => {
            let parsed = match store.load_answers(&slug, catalog) {
                Ok(parsed) => parsed,
                Err(error) => return failed(error),
            };
            let (mut runs, mut warnings) = store.latest_runs(&slug, 1).unwrap_or_default();
            warnings.extend(parsed.warnings.iter().map(ToString::to_string));
            Some(Action::Opened(Box::new(Opened {
                slug,
                answers: parsed.answers,
                warnings,
                last_run: runs.pop(),
            })))
        }
        Effect::Save => {
            let org = model.org.as_ref()?;
            store
                .save_answers(&org.slug, &org.answers, catalog)
                .err()
                .and_then(failed)
        }
        Effect::RecordRun => record_run(store, model),
        Effect::LoadHistory(slug) => match store.runs(&slug) {
            Ok((runs, problems)) => Some(Action::HistoryLoaded {
                slug,
                runs,
                problems,
            }),
            Err(error) => failed(error),
        },
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
        Effect::Delete(slug) => match store.discard(&slug) {
            Ok(kept_in) => Some(Action::Deleted {
                name: slug,
                kept_in,
            }),
            Err(error) => failed(error),
        },
    }
}

/// Scores the answers and records a run, unless they are the same as the latest run's.
fn record_run(store: &Store, model: &Model) -> Option<Action> {
    let org = model.org.as_ref()?;
    let catalog = &model.catalog;
    let (runs, _) = store.latest_runs(&org.slug, 2).unwrap_or_default();
    if let Some(last) = runs.last()
        && last.record.holds(catalog, &org.answers)
    {
        return Some(Action::RunReady(Box::new(RunReady {
            previous: runs.len().checked_sub(2).map(|i| runs[i].summary()),
            recorded: false,
            run: last.clone(),
        })));
    }
    let record = match RunRecord::evaluate(
        catalog,
        &model.templates,
        &org.answers,
        score(catalog, &org.answers),
        now_timestamp(),
    ) {
        Ok(record) => record,
        Err(error) => return Some(Action::Failed(error.to_string())),
    };
    match store.save_run(&org.slug, &record) {
        Ok(path) => Some(Action::RunReady(Box::new(RunReady {
            previous: runs.last().map(vigie::store::StoredRun::summary),
            recorded: true,
            run: vigie::store::StoredRun {
                file: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                record,
            },
        }))),
        Err(error) => Some(Action::Failed(error.to_string())),
    }
}

fn home_entries(store: &Store, catalog: &Catalog) -> Result<Vec<OrgEntry>, StoreError> {
    let mut entries = Vec::new();
    for slug in store.slugs()? {
        let name = store
            .load_answers(&slug, catalog)
            .ok()
            .and_then(|p| p.answers.organisation_name())
            .unwrap_or_else(|| slug.clone());
        let (mut runs, _) = store.summaries(&slug, 2).unwrap_or_default();
        let last = runs.pop().map(|(_, s)| s);
        let previous = runs.pop().map(|(_, s)| s);
        entries.push(OrgEntry {
            slug,
            name,
            last,
            previous,
        });
    }
    Ok(entries)
}
