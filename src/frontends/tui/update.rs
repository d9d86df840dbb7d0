//! The pure update: an action changes the model and returns the effects (saving, loading,
//! writing) that the event loop runs. Nothing here touches the terminal or the disk.

use std::path::PathBuf;

use tui_input::{Input, InputRequest};
use vigie::documents::{Format, build_context, render};
use vigie::engine::history;
use vigie::engine::interview::{self, Cursor, Step};
use vigie::model::answers::{Answer, Answers, Rating};
use vigie::model::catalog::{Catalog, QuestionKind};
use vigie::model::date::Date;
use vigie::model::french::{by_count, fold, plural};
use vigie::model::validators::vat_from_siren;
pub use vigie::storage::organisation::{Opened, Overview, Recorded};
use vigie::storage::run::{RunSummary, StoredRun};
use vigie::storage::store::{slug_from_name, valid_slug};

mod documents;
mod home;
mod identity;
mod questions;
mod results;
mod review;
mod runs;
mod scan;

use documents::*;
use home::*;
use identity::*;
use questions::*;
use results::*;
use review::*;
use runs::*;
use scan::*;

use super::model::{
    Documents, Field, FieldValue, History, Home, Interview, Mark, Model, NewOrg, Org, Overlay,
    Results, ResultsTab, Review, ReviewRow, Screen, Status, StepForm,
};

/// What a key (or the result of an effect) means.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    ScrollUp,
    ScrollDown,
    /// Enter: confirm and go on.
    Next,
    Back,
    Toggle,
    /// Jump to option n (0-based).
    Pick(usize),
    /// Finish the identity form.
    Finish,
    Help,
    /// Esc: close the overlay, cancel, or go back.
    Close,
    Confirm,
    /// Ctrl+C: leave now; answers are already saved.
    Interrupt,
    Quit,
    NewOrg,
    Delete,
    History,
    /// « Analyser mon site ».
    Scan,
    Review,
    Results,
    Documents,
    NextTab,
    Write,
    /// Write the HTML report of the organisation (from the results).
    Report,
    /// Toggle a format: 0 md, 1 html, 2 txt.
    Format(usize),
    EditFolder,
    /// Start a search (in the review).
    Search,
    Input(InputRequest),
    Paste(String),
    Resized {
        width: u16,
        height: u16,
    },
    // What the effects report back.
    HomeLoaded(Vec<Overview>),
    Scanned(Box<Result<super::model::ScanDone, String>>),
    ObservationsApplied(usize),
    Opened(Box<Opened>),
    RunReady(Box<Recorded>),
    /// The history: every run's head, and the runs read in full (the latest two).
    HistoryLoaded {
        slug: String,
        runs: Vec<(String, RunSummary)>,
        loaded: Vec<StoredRun>,
        problems: Vec<String>,
    },
    /// Runs read in full for a comparison.
    RunsLoaded(Vec<StoredRun>),
    /// Files of these documents exist already: ask before replacing them.
    AskReplace {
        folder: PathBuf,
        formats: Vec<Format>,
        existing: usize,
    },
    Written(Vec<PathBuf>),
    /// The HTML report was written there.
    ReportWritten(PathBuf),
    Deleted {
        name: String,
        kept_in: PathBuf,
    },
    Failed(String),
    /// The answers were saved (`None`), or not, and why.
    Saved(Option<String>),
}

/// Work for the event loop.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    LoadHome,
    Open(String),
    /// Create the organisation of this name.
    Create(String),
    /// Save the open organisation's answers.
    Save,
    /// Score the answers and record a run (unless nothing changed since the last one).
    RecordRun,
    LoadHistory(String),
    /// Read these runs of the organisation in full (file names), to compare them.
    LoadRuns {
        slug: String,
        files: Vec<String>,
    },
    /// Write the documents; files already there are replaced only with `replace`.
    Write {
        folder: PathBuf,
        formats: Vec<Format>,
        replace: bool,
    },
    /// Write the organisation's HTML report to this file.
    Report {
        slug: String,
        file: PathBuf,
    },
    Delete(String),
    /// Scan the site and record the answers it proposes (nothing else changes).
    Scan {
        slug: String,
        url: String,
    },
    /// Confirm the proposed answers.
    ApplyObservations(String),
}

/// The smallest terminal the screens are drawn for.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 18;

pub fn update(model: &mut Model, action: Action) -> Vec<Effect> {
    match action {
        Action::Interrupt if model.unsaved.is_some() => {
            model.exit = Some(1);
            model.farewell.push(format!(
                "Attention : vos dernières réponses ne sont pas enregistrées ({}).",
                model.unsaved.as_deref().unwrap_or_default()
            ));
            return Vec::new();
        }
        Action::Saved(error) => {
            if let Some(message) = &error {
                model.status = Some(Status {
                    text: format!("Réponse non enregistrée : {message}"),
                    error: true,
                });
            }
            model.unsaved = error;
            return Vec::new();
        }
        Action::Interrupt => {
            model.exit = Some(crate::frontends::cli::exit::INTERRUPTED);
            if model.org.is_some() {
                model
                    .farewell
                    .push(
                        "Vos réponses sont enregistrées. Pour reprendre : relancez vigie (ou, depuis ses sources, cargo run --release)."
                            .into(),
                    );
            }
            return Vec::new();
        }
        Action::Resized { width, height } => {
            model.too_small = width < MIN_WIDTH || height < MIN_HEIGHT;
            return Vec::new();
        }
        Action::Failed(message) => {
            model.status = Some(Status {
                text: message,
                error: true,
            });
            return Vec::new();
        }
        Action::Help if model.overlay.is_none() => {
            model.overlay = Some(Overlay::Help);
            return Vec::new();
        }
        _ => {}
    }
    if let Some(overlay) = model.overlay.clone() {
        return overlay_update(model, &overlay, action);
    }
    // A key press other than typing clears the last message; what effects report does not
    // (the note of a deletion must survive the reload of the home list).
    let reported = matches!(
        action,
        Action::HomeLoaded(_)
            | Action::Opened(_)
            | Action::RunReady(_)
            | Action::HistoryLoaded { .. }
            | Action::RunsLoaded(_)
            | Action::Written(_)
            | Action::ReportWritten(_)
            | Action::AskReplace { .. }
            | Action::Deleted { .. }
            | Action::Scanned(_)
            | Action::ObservationsApplied(_)
    );
    if !reported && !matches!(action, Action::Input(_) | Action::Paste(_)) {
        model.status = None;
    }
    match action {
        Action::HomeLoaded(entries) => show_home(model, entries),
        Action::Scanned(result) => scanned(model, *result),
        Action::ObservationsApplied(count) => observations_applied(model, count),
        Action::Opened(opened) => open(model, *opened),
        Action::RunReady(ready) => show_results(model, *ready),
        Action::HistoryLoaded {
            slug,
            runs,
            loaded,
            problems,
        } => show_history(model, slug, runs, loaded, problems),
        Action::Written(paths) => written(model, paths),
        Action::ReportWritten(file) => {
            model.status = Some(Status {
                text: format!("Rapport HTML écrit : {}", file.display()),
                error: false,
            });
            Vec::new()
        }
        Action::AskReplace {
            folder,
            formats,
            existing,
        } => {
            model.overlay = Some(Overlay::ConfirmReplace {
                folder,
                formats,
                existing,
            });
            Vec::new()
        }
        Action::Deleted { name, kept_in } => {
            model.status = Some(Status {
                text: format!(
                    "« {name} » supprimée ; une copie reste dans {}",
                    kept_in.display()
                ),
                error: false,
            });
            vec![Effect::LoadHome]
        }
        action => {
            let mut effects = screen_update(model, action);
            effects.dedup();
            effects
        }
    }
}

fn screen_update(model: &mut Model, action: Action) -> Vec<Effect> {
    match &model.screen {
        Screen::Loading => Vec::new(),
        Screen::Home(_) => home(model, action),
        Screen::NewOrg(_) => new_org(model, action),
        Screen::Interview(_) => interview(model, action),
        Screen::Review(_) => review(model, action),
        Screen::Results(_) => results(model, action),
        Screen::Documents(_) => documents(model, action),
        Screen::History(_) => history_screen(model, action),
        Screen::Scan(_) => scan(model, action),
    }
}

fn overlay_update(model: &mut Model, overlay: &Overlay, action: Action) -> Vec<Effect> {
    match (overlay, action) {
        (_, Action::Close) => {
            model.overlay = None;
            Vec::new()
        }
        (Overlay::Help, Action::Next) => {
            model.overlay = Some(Overlay::Glossary);
            Vec::new()
        }
        (Overlay::Glossary, Action::Next) => {
            model.overlay = Some(Overlay::Help);
            Vec::new()
        }
        (Overlay::ConfirmDelete { slug, .. }, Action::Confirm) => {
            model.overlay = None;
            vec![Effect::Delete(slug.clone())]
        }
        (
            Overlay::ConfirmReplace {
                folder, formats, ..
            },
            Action::Confirm,
        ) => {
            let effect = Effect::Write {
                folder: folder.clone(),
                formats: formats.clone(),
                replace: true,
            };
            model.overlay = None;
            vec![effect]
        }
        _ => Vec::new(),
    }
}

/// Moves a cursor in a list of `len` rows.
fn step_cursor(cursor: usize, len: usize, action: &Action) -> usize {
    let last = len.saturating_sub(1);
    match action {
        Action::Up => cursor.saturating_sub(1),
        Action::Down => (cursor + 1).min(last),
        Action::PageUp => cursor.saturating_sub(10),
        Action::PageDown => (cursor + 10).min(last),
        Action::First => 0,
        Action::Last => last,
        _ => cursor,
    }
}

fn is_move(action: &Action) -> bool {
    matches!(
        action,
        Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::First
            | Action::Last
    )
}

fn scroll(value: u16, action: &Action) -> u16 {
    match action {
        Action::ScrollDown => value.saturating_add(5),
        Action::ScrollUp => value.saturating_sub(5),
        _ => value,
    }
}

/// Takes the results page off the screen, to come back to it later.
fn take_results(model: &mut Model) -> Option<Box<Results>> {
    match std::mem::replace(&mut model.screen, Screen::Loading) {
        Screen::Results(results) => Some(results),
        other => {
            model.screen = other;
            None
        }
    }
}

/// Esc from a page opened from the results: back to them, or home.
fn back_to(model: &mut Model, results: Option<Box<Results>>) -> Vec<Effect> {
    match results {
        Some(results) => {
            model.screen = Screen::Results(results);
            Vec::new()
        }
        None => go_home(model),
    }
}

fn go_home(model: &mut Model) -> Vec<Effect> {
    model.org = None;
    model.screen = Screen::Loading;
    vec![Effect::LoadHome]
}
