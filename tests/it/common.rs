//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use vigie::model::answers::{Answer, Answers, Rating};
use vigie::model::catalog::{Catalog, CatalogSources};
use vigie::model::source::SourceFile;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

pub fn read(path: &Path) -> SourceFile {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    SourceFile::new(name, text)
}

/// The sources of the test catalogue in tests/fixtures/catalogue/valid, plus `extra` files.
pub fn fixture_sources(extra: &[&Path]) -> CatalogSources {
    let mut sources = CatalogSources::default();
    let dir = fixtures().join("catalogue/valid");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.extend(extra.iter().map(|p| p.to_path_buf()));
    for path in paths {
        let source = read(&path);
        if source.name.starts_with("sanction") {
            // Invalid sanction lists of the corpus have their own names.
            sources.sanctions.push(source);
        } else {
            sources.add(&source.name.clone(), source);
        }
    }
    sources
}

/// The small test catalogue: profil, identite, site, boutique and two services.
pub fn fixture_catalog() -> Catalog {
    Catalog::from_sources(&fixture_sources(&[])).unwrap()
}

pub fn rating(value: &str) -> Answer {
    Answer::Rating(Rating::from_value(value).unwrap())
}

pub fn multi(values: &[&str]) -> Answer {
    Answer::Multi(values.iter().map(|v| v.to_string()).collect())
}

pub fn choice(value: &str) -> Answer {
    Answer::Choice(value.to_string())
}

/// Answers from `(id, answer)` pairs.
pub fn answers(pairs: Vec<(&str, Answer)>) -> Answers {
    let mut answers = Answers::new();
    for (id, answer) in pairs {
        answers.set(id, answer);
    }
    answers
}

/// The day written `AAAA-MM-JJ`.
pub fn day(text: &str) -> vigie::model::date::Date {
    vigie::model::date::Date::parse(text).expect("a calendar date")
}

/// The day the tests' clock is set to: the first of a month, whose French date is « 1er ».
pub const TODAY: &str = "2026-12-01";

/// The instant the tests' clock is set to (`VIGIE_NOW`), on [`TODAY`].
pub const NOW: &str = "2026-12-01T09:30:00Z";

/// vigie with its folders inside a temporary directory (never the real home), and its clock
/// set to [`NOW`].
pub fn vigie(home: &tempfile::TempDir) -> assert_cmd::Command {
    let mut command = assert_cmd::Command::cargo_bin("vigie").unwrap();
    command
        .env("VIGIE_DATA_DIR", home.path().join("data"))
        .env("VIGIE_CONFIG_DIR", home.path().join("config"))
        .env("HOME", home.path())
        .env(vigie::model::date::CLOCK_VARIABLE, NOW)
        .env_remove("NO_COLOR");
    command
}

/// The questions of the first `n` actions of a plan, in order.
pub fn first_actions(report: &vigie::engine::scoring::ScoreReport, n: usize) -> Vec<&str> {
    report
        .actions
        .iter()
        .take(n)
        .map(|a| a.question.as_str())
        .collect()
}
