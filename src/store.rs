//! Where an organisation's answers and runs live:
//! `<data>/organisations/<slug>/reponses.toml` (the current answers) and
//! `<data>/organisations/<slug>/evaluations/<timestamp>.toml` (one immutable file per run).
//! Writes are atomic, files 0600 and folders 0700 on Unix; a file of a newer format is never
//! overwritten; a corrupt run file is moved aside and reported while the rest still loads.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::answers::{ANSWERS_FORMAT, Answers, ParsedAnswers, Rating, parse_answers, to_toml};
use crate::atomic::write_atomic;
use crate::catalog::{Catalog, ChoiceOption, Question, QuestionKind};
use crate::documents::{TemplateError, Templates, build_context, render};
use crate::scoring::{Grade, ScoreReport};
use crate::source::{ReadError, SourceFile, french_io_reason};

/// The format of run files this version writes and reads.
pub const RUN_FORMAT: i64 = 1;

const ANSWERS_FILE: &str = "reponses.toml";
const RUNS_FOLDER: &str = "evaluations";

/// What went wrong with the store, in French.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// An I/O problem (exit 1).
    Io(String),
    /// Unusable content: invalid answers, newer format (exit 65).
    Invalid(String),
    /// No such organisation, or a name already taken (exit 1).
    Organisation(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Io(m) | StoreError::Invalid(m) | StoreError::Organisation(m) => {
                write!(f, "{m}")
            }
        }
    }
}

impl std::error::Error for StoreError {}

impl From<ReadError> for StoreError {
    fn from(error: ReadError) -> Self {
        if error.is_invalid_content() {
            StoreError::Invalid(error.to_string())
        } else {
            StoreError::Io(error.to_string())
        }
    }
}

fn io_error(path: &Path, what: &str, error: &std::io::Error) -> StoreError {
    StoreError::Io(format!(
        "{} : {what} ({})",
        path.display(),
        french_io_reason(error)
    ))
}

/// The version of one catalogue module used by a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ModuleVersion {
    pub id: String,
    pub version: u32,
}

/// The fingerprint of a generated document's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentHash {
    pub stem: String,
    pub sha256: String,
}

/// A short stable fingerprint (16 hex digits of SHA-256) of what a question asks: its prompt
/// (spacing aside), its kind, its options' values and labels, the ratings a compliance
/// question allows and the check of a text question. Its help, weight or references do not
/// count: changing them does not make earlier answers worth asking again. Runs record these,
/// so that a later run knows which questions changed since.
pub fn question_fingerprint(question: &Question) -> String {
    let options = |options: &[ChoiceOption]| -> Vec<[String; 2]> {
        options
            .iter()
            .map(|o| [o.value.clone(), o.label.clone()])
            .collect()
    };
    let kind = match &question.kind {
        QuestionKind::Conformite(scored) => {
            let ratings: Vec<&str> = Rating::allowed(scored)
                .into_iter()
                .map(Rating::value)
                .collect();
            serde_json::json!(["conformite", ratings])
        }
        QuestionKind::Choice { options: o, .. } => serde_json::json!(["choice", options(o)]),
        QuestionKind::Multi { options: o } => serde_json::json!(["multi", options(o)]),
        QuestionKind::Text { validator, .. } => serde_json::json!(["text", validator]),
    };
    let prompt: Vec<&str> = question.prompt.split_whitespace().collect();
    let text = serde_json::json!([prompt.join(" "), kind]).to_string();
    let mut hex = format!("{:x}", Sha256::digest(text.as_bytes()));
    hex.truncate(16);
    hex
}

/// One immutable run: the answers, the catalogue versions and question fingerprints, the full
/// report and the hashes of the documents generated from the same answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    pub format: i64,
    pub date: String,
    /// The overall score and grade, also in `report`, kept at the top of the file so that
    /// listings read them without parsing the whole run.
    #[serde(default)]
    pub score: Option<u8>,
    #[serde(default)]
    pub grade: Option<Grade>,
    pub catalog: Vec<ModuleVersion>,
    /// Question id → [`question_fingerprint`] at the time of the run; empty in runs written
    /// before vigie recorded them. A table, so written after the head that listings read.
    #[serde(default)]
    pub questions: BTreeMap<String, String>,
    pub documents: Vec<DocumentHash>,
    /// The answers, as in an answers file (`format`, `identite`, `reponses`, `dates`).
    pub answers: toml::Table,
    pub report: ScoreReport,
}

impl RunRecord {
    /// A run of these answers at `date` (a timestamp): the report given, and the hashes of
    /// the documents rendered from the same answers.
    pub fn evaluate(
        catalog: &Catalog,
        templates: &Templates,
        answers: &Answers,
        report: ScoreReport,
        date: String,
    ) -> Result<RunRecord, TemplateError> {
        let day: String = date.chars().take(10).collect();
        let context = build_context(catalog, answers, &day);
        let documents = render(templates, &context, &[])?
            .into_iter()
            .map(|d| DocumentHash {
                stem: d.stem,
                sha256: format!("{:x}", Sha256::digest(d.markdown.as_bytes())),
            })
            .collect();
        Ok(RunRecord::new(catalog, answers, report, documents, date))
    }

    /// Does this run hold exactly these answers (values and dates)?
    pub fn holds(&self, catalog: &Catalog, answers: &Answers) -> bool {
        self.answers == answers_table(catalog, answers)
    }

    pub fn new(
        catalog: &Catalog,
        answers: &Answers,
        report: ScoreReport,
        documents: Vec<DocumentHash>,
        date: String,
    ) -> RunRecord {
        RunRecord {
            format: RUN_FORMAT,
            date,
            score: report.score,
            grade: report.grade,
            catalog: catalog
                .modules
                .iter()
                .map(|m| ModuleVersion {
                    id: m.id.clone(),
                    version: m.version,
                })
                .collect(),
            questions: catalog
                .questions()
                .map(|(_, _, q)| (q.id.clone(), question_fingerprint(q)))
                .collect(),
            documents,
            answers: answers_table(catalog, answers),
            report,
        }
    }

    /// Did the run's answers include one to `id`?
    pub fn has_answer(&self, id: &str) -> bool {
        ["identite", "reponses"].iter().any(|table| {
            self.answers
                .get(*table)
                .and_then(toml::Value::as_table)
                .is_some_and(|answers| answers.contains_key(id))
        })
    }
}

/// Answers as the table a run stores: the answers file's content.
fn answers_table(catalog: &Catalog, answers: &Answers) -> toml::Table {
    let mut table: toml::Table = toml::from_str(&to_toml(answers, catalog)).unwrap_or_default();
    // Proposals of `vigie scan` are not answers until confirmed: a run does not keep them.
    table.remove("observations");
    table
}

/// The head of a run file: what listings need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunSummary {
    pub format: i64,
    pub date: String,
    #[serde(default)]
    pub score: Option<u8>,
    #[serde(default)]
    pub grade: Option<Grade>,
}

/// The top-level keys of a run file, before its first table: cheap to parse.
fn head_of(text: &str) -> &str {
    let end = text
        .match_indices('\n')
        .find(|(i, _)| text[i + 1..].starts_with('['))
        .map_or(text.len(), |(i, _)| i + 1);
    &text[..end]
}

/// Run files read back, as (file name, content), and the problems met while reading them.
pub type Loaded<T> = (Vec<(String, T)>, Vec<String>);

/// A run file read back, with its file name.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRun {
    pub file: String,
    pub record: RunRecord,
}

impl StoredRun {
    pub fn summary(&self) -> RunSummary {
        RunSummary {
            format: self.record.format,
            date: self.record.date.clone(),
            score: self.record.report.score,
            grade: self.record.report.grade,
        }
    }
}

/// An organisation and its runs, for listings.
#[derive(Debug, Clone, PartialEq)]
pub struct Organisation {
    pub slug: String,
    pub runs: Vec<StoredRun>,
}

/// The store under a data folder.
#[derive(Debug, Clone)]
pub struct Store {
    root: PathBuf,
}

/// Is `slug` a valid organisation name: lower-case letters, digits and dashes.
pub fn valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 64
        && !slug.starts_with('-')
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn check_slug(slug: &str) -> Result<(), StoreError> {
    if valid_slug(slug) {
        Ok(())
    } else {
        Err(StoreError::Organisation(format!(
            "« {slug} » n'est pas un nom d'organisation valide (minuscules, chiffres et tirets)"
        )))
    }
}

/// A slug from a name: « Boulangerie Dupain & Fils » gives `boulangerie-dupain-fils`.
pub fn slug_from_name(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'â' | 'ä' => 'a',
            'ç' => 'c',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ÿ' => 'y',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.truncate(64);
    slug.trim_end_matches('-').to_string()
}

fn create_private_dir(path: &Path) -> Result<(), StoreError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
        .create(path)
        .map_err(|e| io_error(path, "impossible de créer le dossier", &e))
}

/// The `format` number of a TOML text, if it has one.
fn format_of(text: &str) -> Option<i64> {
    toml::from_str::<toml::Table>(text)
        .ok()?
        .get("format")?
        .as_integer()
}

impl Store {
    pub fn new(data_dir: &Path) -> Store {
        Store {
            root: data_dir.to_path_buf(),
        }
    }

    fn organisations_dir(&self) -> PathBuf {
        self.root.join("organisations")
    }

    pub fn organisation_dir(&self, slug: &str) -> PathBuf {
        self.organisations_dir().join(slug)
    }

    pub fn answers_path(&self, slug: &str) -> PathBuf {
        self.organisation_dir(slug).join(ANSWERS_FILE)
    }

    pub fn exists(&self, slug: &str) -> bool {
        self.answers_path(slug).is_file()
    }

    /// Checks that the organisation exists; the error names the ones that do.
    pub fn require(&self, slug: &str) -> Result<(), StoreError> {
        check_slug(slug)?;
        if !self.exists(slug) {
            let known = self.slugs()?;
            return Err(StoreError::Organisation(if known.is_empty() {
                format!(
                    "aucune organisation « {slug} » : aucune organisation n'est encore enregistrée (voir vigie import)"
                )
            } else {
                format!(
                    "aucune organisation « {slug} » ; organisations : {}",
                    known.join(", ")
                )
            }));
        }
        Ok(())
    }

    /// The slugs of every organisation, sorted.
    pub fn slugs(&self) -> Result<Vec<String>, StoreError> {
        let dir = self.organisations_dir();
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_error(&dir, "lecture impossible", &e)),
        };
        let mut slugs: Vec<String> = entries
            .filter_map(Result::ok)
            .filter(|e| e.path().join(ANSWERS_FILE).is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|s| valid_slug(s))
            .collect();
        slugs.sort();
        Ok(slugs)
    }

    /// The organisation's current answers.
    pub fn load_answers(&self, slug: &str, catalog: &Catalog) -> Result<ParsedAnswers, StoreError> {
        self.require(slug)?;
        let source = SourceFile::read(&self.answers_path(slug))?;
        parse_answers(&source, catalog).map_err(|d| StoreError::Invalid(d.to_string()))
    }

    /// Saves the organisation's answers, creating it if needed; a file written by a newer
    /// vigie is never overwritten.
    pub fn save_answers(
        &self,
        slug: &str,
        answers: &Answers,
        catalog: &Catalog,
    ) -> Result<PathBuf, StoreError> {
        check_slug(slug)?;
        let path = self.answers_path(slug);
        if let Ok(existing) = std::fs::read_to_string(&path)
            && format_of(&existing).is_some_and(|f| f > ANSWERS_FORMAT)
        {
            return Err(StoreError::Invalid(format!(
                "{} : créé par une version plus récente de vigie ; il n'a pas été modifié. Mettez vigie à jour.",
                path.display()
            )));
        }
        create_private_dir(&self.organisation_dir(slug))?;
        write_atomic(&path, to_toml(answers, catalog).as_bytes())
            .map_err(|e| io_error(&path, "écriture impossible", &e))?;
        Ok(path)
    }

    /// Deletes an organisation by moving its folder (answers and runs) to
    /// `<data>/corbeille/<slug>-<date>`, so that nothing is lost by mistake; returns where.
    pub fn discard(&self, slug: &str) -> Result<PathBuf, StoreError> {
        self.require(slug)?;
        let bin = self.root.join("corbeille");
        create_private_dir(&bin)?;
        let stem = format!("{slug}-{}", crate::date::now_timestamp().replace(':', "-"));
        let mut target = bin.join(&stem);
        let mut n = 2;
        while target.exists() {
            target = bin.join(format!("{stem}-{n}"));
            n += 1;
        }
        let from = self.organisation_dir(slug);
        std::fs::rename(&from, &target)
            .map_err(|e| io_error(&from, "suppression impossible", &e))?;
        Ok(target)
    }

    /// Records a run; the file name is its date, never an existing file.
    pub fn save_run(&self, slug: &str, record: &RunRecord) -> Result<PathBuf, StoreError> {
        self.require(slug)?;
        let dir = self.organisation_dir(slug).join(RUNS_FOLDER);
        create_private_dir(&dir)?;
        let stem = record.date.replace(':', "-");
        let mut path = dir.join(format!("{stem}.toml"));
        let mut n = 2;
        while path.exists() {
            path = dir.join(format!("{stem}-{n}.toml"));
            n += 1;
        }
        let text = toml::to_string(record).map_err(|e| {
            StoreError::Invalid(format!("évaluation impossible à enregistrer ({e})"))
        })?;
        write_atomic(&path, text.as_bytes())
            .map_err(|e| io_error(&path, "écriture impossible", &e))?;
        Ok(path)
    }

    /// The organisation's runs, oldest first, and the problems met: a corrupt file is moved
    /// aside (`*.corrompu-<date>`) and reported; a file of a newer format is left untouched
    /// and reported.
    pub fn runs(&self, slug: &str) -> Result<(Vec<StoredRun>, Vec<String>), StoreError> {
        self.latest_runs(slug, usize::MAX)
    }

    /// Like [`Store::runs`], reading only the `count` most recent run files.
    pub fn latest_runs(
        &self,
        slug: &str,
        count: usize,
    ) -> Result<(Vec<StoredRun>, Vec<String>), StoreError> {
        let (loaded, problems) = self.load::<RunRecord>(slug, count, false)?;
        let mut runs: Vec<StoredRun> = loaded
            .into_iter()
            .map(|(file, record)| StoredRun { file, record })
            .collect();
        // Runs of the same second are numbered `-2`, `-3`…: order by date, then by name length.
        runs.sort_by(|a, b| {
            (&a.record.date, a.file.len(), &a.file).cmp(&(&b.record.date, b.file.len(), &b.file))
        });
        Ok((runs, problems))
    }

    /// The date, score and grade of the `count` most recent runs (file name, summary), read
    /// from the head of each file only: listings stay fast with a long history.
    pub fn summaries(&self, slug: &str, count: usize) -> Result<Loaded<RunSummary>, StoreError> {
        self.load::<RunSummary>(slug, count, true)
    }

    /// Reads the `count` most recent run files, in file order; a corrupt one is set aside and
    /// a newer-format one left intact, both reported.
    fn load<T: serde::de::DeserializeOwned>(
        &self,
        slug: &str,
        count: usize,
        head_only: bool,
    ) -> Result<Loaded<T>, StoreError> {
        self.require(slug)?;
        let dir = self.organisation_dir(slug).join(RUNS_FOLDER);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok((Vec::new(), Vec::new()));
            }
            Err(e) => return Err(io_error(&dir, "lecture impossible", &e)),
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        // File names are dates, then `-2`, `-3`… for runs of the same second.
        let order = |p: &PathBuf| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let date: String = name.chars().take(20).collect();
            (date, name.len(), name)
        };
        paths.sort_by_key(order);
        let paths = paths.split_off(paths.len().saturating_sub(count));
        let mut loaded = Vec::new();
        let mut problems = Vec::new();
        for path in paths {
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => text,
                Err(e) if e.kind() != std::io::ErrorKind::InvalidData => {
                    problems.push(io_error(&path, "lecture impossible", &e).to_string());
                    continue;
                }
                Err(_) => String::new(),
            };
            let text = if head_only { head_of(&text) } else { &text };
            if format_of(text).is_some_and(|f| f > RUN_FORMAT) {
                problems.push(format!(
                    "{} : créé par une version plus récente de vigie ; ignoré et laissé intact",
                    path.display()
                ));
                continue;
            }
            match toml::from_str::<T>(text) {
                Ok(value) => loaded.push((file, value)),
                Err(error) => {
                    let aside = path.with_file_name(format!(
                        "{file}.corrompu-{}",
                        crate::date::now_timestamp().replace(':', "-")
                    ));
                    let moved = std::fs::rename(&path, &aside).is_ok();
                    problems.push(format!(
                        "{} : fichier illisible ({}){}",
                        path.display(),
                        crate::source::french_toml_message(error.message()),
                        if moved {
                            format!(" ; mis de côté sous {}", aside.display())
                        } else {
                            String::new()
                        }
                    ));
                }
            }
        }
        Ok((loaded, problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_come_from_names() {
        assert_eq!(
            slug_from_name("Boulangerie Dupain & Fils"),
            "boulangerie-dupain-fils"
        );
        assert_eq!(slug_from_name("Café « L'Étoile »"), "cafe-l-etoile");
        assert!(valid_slug("boulangerie-dupain"));
        assert!(!valid_slug("../etc"));
        assert!(!valid_slug(""));
    }

    #[test]
    fn fingerprints_change_with_what_the_answer_means_only() {
        let catalog = crate::assets::load_catalog(None).unwrap();
        let rated = catalog.question("sv_ml_presentes").unwrap().clone();
        let fingerprint = question_fingerprint(&rated);
        assert_eq!(fingerprint.len(), 16);
        assert!(fingerprint.chars().all(|c| c.is_ascii_hexdigit()));
        let mut same = rated.clone();
        same.help.push_str(" Plus d'aide.");
        same.prompt = format!("  {}\n", same.prompt.replace(' ', "  "));
        if let QuestionKind::Conformite(scored) = &mut same.kind {
            scored.weight += 1;
        }
        assert_eq!(
            question_fingerprint(&same),
            fingerprint,
            "help, spacing, weight"
        );
        let mut reworded = rated.clone();
        reworded.prompt.push_str(" (reformulée)");
        assert_ne!(question_fingerprint(&reworded), fingerprint);
        let mut ratings = rated.clone();
        if let QuestionKind::Conformite(scored) = &mut ratings.kind {
            scored.allow_na = !scored.allow_na;
        }
        assert_ne!(question_fingerprint(&ratings), fingerprint);

        let choice = catalog.question("forme").unwrap().clone();
        let fingerprint = question_fingerprint(&choice);
        let mut relabelled = choice.clone();
        if let QuestionKind::Choice { options, .. } = &mut relabelled.kind {
            options[0].label.push_str(" (modifié)");
        }
        assert_ne!(question_fingerprint(&relabelled), fingerprint);
    }
}
