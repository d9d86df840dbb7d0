//! Tests of the interface without a terminal: the update logic (keys through the key
//! table), and the screens drawn on ratatui's TestBackend.

mod effects;
mod scan;
mod screens;
mod update;

use std::rc::Rc;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use vigie::documents::Templates;
use vigie::engine::scoring::score;
use vigie::model::answers::Answers;
use vigie::model::answers_file::parse_answers;
use vigie::model::assets::load_catalog;
use vigie::model::source::SourceFile;
use vigie::storage::run::{RunRecord, RunSummary, StoredRun};

use super::keymap::dispatch;
use super::model::Model;
use super::theme::Theme;
use super::update::{Action, Effect, Opened, Overview, Recorded, update};
use super::view::view;

pub const TODAY: &str = "2026-11-29";

/// The day written `AAAA-MM-JJ`.
pub fn day(text: &str) -> vigie::model::date::Date {
    vigie::model::date::Date::parse(text).expect("a calendar date")
}

pub fn model() -> Model {
    let catalog = load_catalog(None).expect("the built-in catalogue is valid");
    let templates = Templates::load(None).expect("the built-in templates are valid");
    let mut model = Model::new(
        Rc::new(catalog),
        Rc::new(templates),
        Theme::COLOUR,
        day(TODAY),
    );
    model.base_folder = "/dossier".into();
    update(
        &mut model,
        Action::Resized {
            width: 80,
            height: 24,
        },
    );
    model
}

/// The answers of a fixture organisation (tests/fixtures/answers/<name>.toml).
pub fn fixture(model: &Model, name: &str) -> Answers {
    let path = format!(
        "{}/tests/fixtures/answers/{name}.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("fixture exists");
    parse_answers(&SourceFile::new(path, text), &model.catalog)
        .expect("fixture is valid")
        .answers
}

/// Opens an organisation as the store would hand it over.
pub fn open(model: &mut Model, slug: &str, answers: Answers, last_run: Option<StoredRun>) {
    let effects = update(
        model,
        Action::Opened(Box::new(Opened {
            slug: slug.into(),
            answers,
            warnings: Vec::new(),
            latest: last_run,
        })),
    );
    assert!(effects.is_empty());
}

/// A stored run of these answers at `date`.
pub fn run_of(model: &Model, answers: &Answers, date: &str) -> StoredRun {
    let report = score(&model.catalog, answers);
    let record = RunRecord::evaluate(
        &model.catalog,
        &model.templates,
        answers,
        report,
        date.into(),
    )
    .expect("documents render");
    StoredRun {
        file: format!("{}.toml", date.replace(':', "-")),
        record,
    }
}

/// What the history effect reports for these runs: every head, the latest two in full.
pub fn history_loaded(slug: &str, runs: &[StoredRun]) -> Action {
    Action::HistoryLoaded {
        slug: slug.into(),
        runs: runs.iter().map(|r| (r.file.clone(), r.summary())).collect(),
        loaded: runs[runs.len().saturating_sub(2)..].to_vec(),
        problems: Vec::new(),
    }
}

/// Shows the results of the open organisation's answers, as after "voir les résultats".
pub fn show_results(model: &mut Model, previous: Option<RunSummary>) {
    let answers = model
        .org
        .as_ref()
        .expect("an organisation is open")
        .answers
        .clone();
    let run = run_of(model, &answers, "2026-11-29T10:00:00Z");
    update(
        model,
        Action::RunReady(Box::new(Recorded {
            previous,
            new: true,
            path: None,
            run,
        })),
    );
}

pub fn home_entries() -> Vec<Overview> {
    let summary = |date: &str, score: u8, grade| RunSummary {
        format: 1,
        date: date.into(),
        score: Some(score),
        grade: Some(grade),
    };
    vec![
        Overview {
            slug: "boulangerie-dupain".into(),
            name: "Boulangerie Dupain".into(),
            last: Some(summary(
                "2026-11-20T09:00:00Z",
                62,
                vigie::engine::scoring::Grade::C,
            )),
            previous: Some(summary(
                "2026-10-02T09:00:00Z",
                48,
                vigie::engine::scoring::Grade::D,
            )),
            unfinished: None,
        },
        Overview {
            slug: "cabinet-kine".into(),
            name: "Cabinet de kinésithérapie Martin".into(),
            last: None,
            previous: None,
            unfinished: Some((12, 45)),
        },
    ]
}

pub fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Presses a key: the key table gives the action, then the update runs.
pub fn press(model: &mut Model, event: KeyEvent) -> Vec<Effect> {
    match dispatch(model.context(), &event) {
        Some(action) => update(model, action),
        None => Vec::new(),
    }
}

pub fn press_code(model: &mut Model, code: KeyCode) -> Vec<Effect> {
    press(model, key(code))
}

pub fn type_text(model: &mut Model, text: &str) {
    for c in text.chars() {
        press_code(model, KeyCode::Char(c));
    }
}

pub fn terminal(model: &Model, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    terminal.draw(|frame| view(model, frame)).expect("draws");
    terminal
}

/// The screen as text, one quoted line per row.
pub fn render(model: &Model, width: u16, height: u16) -> String {
    terminal(model, width, height).backend().to_string()
}
