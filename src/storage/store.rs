//! Where an organisation's answers and runs live:
//! `<data>/organisations/<slug>/reponses.toml` (the current answers) and
//! `<data>/organisations/<slug>/evaluations/<timestamp>.toml` (one immutable file per run).
//! Writes are atomic, files 0600 and folders 0700 on Unix; a file of a newer format is never
//! overwritten nor moved; a corrupt run file is moved aside and reported while the rest still
//! loads. Two processes never lose each other's work: answers are written under the
//! organisation's lock ([`crate::storage::lock`]), and run files and new organisations take a free
//! name atomically (create-new), never one taken meanwhile.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::model::answers::Answers;
use crate::model::answers_file::{ANSWERS_FORMAT, ParsedAnswers, parse_answers, to_toml};
use crate::model::catalog::Catalog;
use crate::model::french::fold;
use crate::model::source::{MAX_FILE_SIZE, ReadError, SourceFile, french_io_reason};
use crate::storage::atomic::{sweep_temporaries, write_atomic, write_new};
use crate::storage::lock::{LockError, hold, with_lock};
use crate::storage::run::{RUN_FORMAT, RunRecord, RunSummary, StoredRun, head_of, is_timestamp};

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
                write!(f, "{}", crate::model::sanitize::visible(m))
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

/// The message when another process holds the organisation.
fn busy(slug: &str) -> StoreError {
    StoreError::Organisation(format!(
        "l'organisation « {slug} » est ouverte dans une autre session de vigie : fermez-la d'abord ; rien n'a été modifié"
    ))
}

fn io_error(path: &Path, what: &str, error: &std::io::Error) -> StoreError {
    StoreError::Io(format!(
        "{} : {what} ({})",
        path.display(),
        french_io_reason(error)
    ))
}

/// Run files read back, as (file name, content), and the problems met while reading them.
pub type Loaded<T> = (Vec<(String, T)>, Vec<String>);

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
    for c in fold(name).chars() {
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

/// The `format` number of a TOML text, read from its `format = N` line before the first
/// table: a file that this version cannot parse still says which version wrote it.
fn format_of(text: &str) -> Option<i64> {
    head_of(text).lines().find_map(|line| {
        let (key, value) = line.split_once('=')?;
        (key.trim() == "format").then(|| value.trim().parse().ok())?
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A run file's text — all of it, or only its head (up to its first table) — refusing what
/// is not a regular file (a FIFO, a device, a link to one) and files over the size limit.
fn read_run_text(path: &Path, head_only: bool) -> std::io::Result<String> {
    let metadata = std::fs::metadata(path)?;
    let refuse = |reason: &str| std::io::Error::new(std::io::ErrorKind::InvalidInput, reason);
    if !metadata.is_file() {
        return Err(refuse("ce n'est pas un fichier ordinaire"));
    }
    if metadata.len() > MAX_FILE_SIZE {
        return Err(refuse("fichier trop volumineux : la limite est de 1 Mo"));
    }
    let mut file = std::fs::File::open(path)?.take(MAX_FILE_SIZE);
    let mut bytes = Vec::new();
    if head_only {
        let mut chunk = [0u8; 1024];
        loop {
            let n = file.read(&mut chunk)?;
            if n == 0 {
                break;
            }
            let searched_from = bytes.len().saturating_sub(1);
            bytes.extend_from_slice(&chunk[..n]);
            if bytes[searched_from..].windows(2).any(|w| w == b"\n[") {
                break;
            }
        }
        // The head ends at a line start: cut there, so that a character cut by the chunk
        // does not matter.
        if let Some(end) = bytes.windows(2).position(|w| w == b"\n[") {
            bytes.truncate(end + 1);
        }
    } else {
        file.read_to_end(&mut bytes)?;
    }
    String::from_utf8(bytes).map_err(|_| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "ce n'est pas un fichier texte",
        )
    })
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

    /// The organisation's current answers. Temporaries left by a killed process in its
    /// folder are removed first.
    pub fn load_answers(&self, slug: &str, catalog: &Catalog) -> Result<ParsedAnswers, StoreError> {
        self.require(slug)?;
        sweep_temporaries(&self.organisation_dir(slug));
        let source = SourceFile::read(&self.answers_path(slug))?;
        parse_answers(&source, catalog).map_err(|d| StoreError::Invalid(d.to_string()))
    }

    /// Holds the organisation for this process's session (the interface, the line mode):
    /// another process cannot write its answers until the session ends or opens another one.
    /// Fails, with a French message, when it is open in another session.
    pub fn hold(&self, slug: &str) -> Result<(), StoreError> {
        self.require(slug)?;
        let dir = self.organisation_dir(slug);
        hold(&dir).map_err(|error| self.lock_error(slug, &dir, error))
    }

    /// Ends this process's session on its organisation: other processes may open it.
    pub fn release(&self) {
        crate::storage::lock::release();
    }

    fn lock_error(&self, slug: &str, dir: &Path, error: LockError) -> StoreError {
        match error {
            LockError::Busy => busy(slug),
            LockError::Io(error) => io_error(dir, "verrouillage impossible", &error),
        }
    }

    /// Runs `work` with the organisation locked (a read-modify-write that spans several
    /// files, such as recording a run unless the latest one holds the same answers).
    pub fn locked<T>(&self, slug: &str, work: impl FnOnce() -> T) -> Result<T, StoreError> {
        self.require(slug)?;
        let dir = self.organisation_dir(slug);
        with_lock(&dir, work).map_err(|error| self.lock_error(slug, &dir, error))
    }

    /// Saves the organisation's answers, under its lock; a file written by a newer vigie is
    /// never overwritten.
    pub fn save_answers(
        &self,
        slug: &str,
        answers: &Answers,
        catalog: &Catalog,
    ) -> Result<PathBuf, StoreError> {
        check_slug(slug)?;
        let dir = self.organisation_dir(slug);
        create_private_dir(&dir)?;
        let path = self.answers_path(slug);
        with_lock(&dir, || {
            if let Ok(existing) = std::fs::read_to_string(&path)
                && format_of(&existing).is_some_and(|f| f > ANSWERS_FORMAT)
            {
                return Err(StoreError::Invalid(format!(
                    "{} : créé par une version plus récente de vigie ; il n'a pas été modifié. Mettez vigie à jour.",
                    path.display()
                )));
            }
            write_atomic(&path, to_toml(answers, catalog).as_bytes())
                .map_err(|e| io_error(&path, "écriture impossible", &e))
        })
        .map_err(|error| self.lock_error(slug, &dir, error))??;
        Ok(path)
    }

    /// Creates an organisation with these answers; of two processes creating the same one
    /// at once, exactly one succeeds: the other is told that it exists, and nothing of the
    /// first is overwritten.
    pub fn create(
        &self,
        slug: &str,
        answers: &Answers,
        catalog: &Catalog,
    ) -> Result<PathBuf, StoreError> {
        check_slug(slug)?;
        create_private_dir(&self.organisation_dir(slug))?;
        let path = self.answers_path(slug);
        match write_new(&path, to_toml(answers, catalog).as_bytes()) {
            Ok(()) => Ok(path),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(StoreError::Organisation(format!(
                    "l'organisation « {slug} » existe déjà ; ses réponses n'ont pas été modifiées. Choisissez un autre nom."
                )))
            }
            Err(e) => Err(io_error(&path, "écriture impossible", &e)),
        }
    }

    /// Deletes an organisation by moving its folder (answers and runs) to
    /// `<data>/corbeille/<slug>-<date>`, so that nothing is lost by mistake; returns where.
    /// Refused while the organisation is open in another session.
    pub fn discard(&self, slug: &str) -> Result<PathBuf, StoreError> {
        self.require(slug)?;
        let bin = self.root.join("corbeille");
        create_private_dir(&bin)?;
        let stem = format!(
            "{slug}-{}",
            crate::model::date::now_timestamp().replace(':', "-")
        );
        let from = self.organisation_dir(slug);
        let moved = with_lock(&from, || {
            let mut target = bin.join(&stem);
            let mut n = 2;
            while target.exists() {
                target = bin.join(format!("{stem}-{n}"));
                n += 1;
            }
            std::fs::rename(&from, &target)
                .map(|()| target)
                .map_err(|e| io_error(&from, "suppression impossible", &e))
        })
        .map_err(|error| self.lock_error(slug, &from, error))??;
        crate::storage::lock::release_if(&from);
        Ok(moved)
    }

    /// Records a run; the file name is its date, never a file that exists or that another
    /// process takes meanwhile.
    pub fn save_run(&self, slug: &str, record: &RunRecord) -> Result<PathBuf, StoreError> {
        self.require(slug)?;
        let dir = self.organisation_dir(slug).join(RUNS_FOLDER);
        create_private_dir(&dir)?;
        sweep_temporaries(&dir);
        let text = record.to_file_text().map_err(|e| {
            StoreError::Invalid(format!("évaluation impossible à enregistrer ({e})"))
        })?;
        let stem = record.date.replace(':', "-");
        let mut n = 1;
        loop {
            let path = if n == 1 {
                dir.join(format!("{stem}.toml"))
            } else {
                dir.join(format!("{stem}-{n}.toml"))
            };
            match write_new(&path, text.as_bytes()) {
                Ok(()) => return Ok(path),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => n += 1,
                Err(e) => return Err(io_error(&path, "écriture impossible", &e)),
            }
        }
    }

    /// The organisation's runs, oldest first, and the problems met: a corrupt file is moved
    /// aside (`*.corrompu-<date>`) and reported; a file of a newer format is left untouched
    /// and reported.
    pub fn runs(&self, slug: &str) -> Result<(Vec<StoredRun>, Vec<String>), StoreError> {
        self.latest_runs(slug, usize::MAX)
    }

    /// Like [`Store::runs`], for the `count` most recent runs only: files are read from the
    /// latest back until that many could be read.
    pub fn latest_runs(
        &self,
        slug: &str,
        count: usize,
    ) -> Result<(Vec<StoredRun>, Vec<String>), StoreError> {
        let paths = self.run_paths(slug)?;
        let mut runs = Vec::new();
        let mut problems = Vec::new();
        for path in paths.iter().rev() {
            if runs.len() == count {
                break;
            }
            if let Some(record) = read_run(path, false, parse_record, &mut problems) {
                runs.push(StoredRun {
                    file: file_name(path),
                    record,
                });
            }
        }
        // Runs of the same second are numbered `-2`, `-3`…: order by date, then by name length.
        runs.sort_by(|a, b| {
            (&a.record.date, a.file.len(), &a.file).cmp(&(&b.record.date, b.file.len(), &b.file))
        });
        Ok((runs, problems))
    }

    /// One run, read in full: `name` is its file name, with or without `.toml`. `Ok(None)`
    /// when the organisation has no such run.
    pub fn run(
        &self,
        slug: &str,
        name: &str,
    ) -> Result<(Option<StoredRun>, Vec<String>), StoreError> {
        let paths = self.run_paths(slug)?;
        let Some(path) = paths.iter().find(|p| {
            let file = file_name(p);
            file == name || file.trim_end_matches(".toml") == name
        }) else {
            return Ok((None, Vec::new()));
        };
        let mut problems = Vec::new();
        let run = read_run(path, false, parse_record, &mut problems).map(|record| StoredRun {
            file: file_name(path),
            record,
        });
        Ok((run, problems))
    }

    /// The date, score and grade of the `count` most recent runs (file name, summary), read
    /// from the head of each file only: listings stay fast with a long history.
    pub fn summaries(&self, slug: &str, count: usize) -> Result<Loaded<RunSummary>, StoreError> {
        let paths = self.run_paths(slug)?;
        let paths = &paths[paths.len().saturating_sub(count)..];
        let mut loaded = Vec::new();
        let mut problems = Vec::new();
        for path in paths {
            if let Some(summary) = read_run(path, true, parse_summary, &mut problems) {
                loaded.push((file_name(path), summary));
            }
        }
        Ok((loaded, problems))
    }

    /// The file names of the organisation's runs, in date order, without reading them.
    pub fn run_files(&self, slug: &str) -> Result<Vec<String>, StoreError> {
        Ok(self.run_paths(slug)?.iter().map(|p| file_name(p)).collect())
    }

    /// The run files of an organisation, in date order (then `-2`, `-3`… for runs of the
    /// same second).
    fn run_paths(&self, slug: &str) -> Result<Vec<PathBuf>, StoreError> {
        self.require(slug)?;
        let dir = self.organisation_dir(slug).join(RUNS_FOLDER);
        let entries = match std::fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(io_error(&dir, "lecture impossible", &e)),
        };
        let mut paths: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        let order = |p: &PathBuf| {
            let name = file_name(p);
            let date: String = name.chars().take(20).collect();
            (date, name.len(), name)
        };
        paths.sort_by_key(order);
        Ok(paths)
    }
}

fn toml_reason(error: &toml::de::Error) -> String {
    crate::model::source::french_toml_message(error.message())
}

fn dated<T>(value: T, date: &str) -> Result<T, String> {
    if is_timestamp(date) {
        Ok(value)
    } else {
        Err("date d'évaluation invalide".to_string())
    }
}

fn parse_record(text: &str) -> Result<RunRecord, String> {
    let record = RunRecord::from_file_text(text).map_err(|e| toml_reason(&e))?;
    let date = record.date.clone();
    dated(record, &date)
}

fn parse_summary(text: &str) -> Result<RunSummary, String> {
    let summary: RunSummary = toml::from_str(text).map_err(|e| toml_reason(&e))?;
    let date = summary.date.clone();
    dated(summary, &date)
}

/// Reads one run file (or its head) with `parse`. A file of a newer format is left intact
/// and reported; a file that cannot be parsed is moved aside and reported; a file that is
/// not a regular one, or too large, is reported and left where it is.
fn read_run<T>(
    path: &Path,
    head_only: bool,
    parse: impl Fn(&str) -> Result<T, String>,
    problems: &mut Vec<String>,
) -> Option<T> {
    let text = match read_run_text(path, head_only) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
            problems.push(format!("{} : ignoré ({e})", path.display()));
            return None;
        }
        Err(e) if e.kind() != std::io::ErrorKind::InvalidData => {
            problems.push(io_error(path, "lecture impossible", &e).to_string());
            return None;
        }
        Err(_) => String::new(),
    };
    if format_of(&text).is_some_and(|f| f > RUN_FORMAT) {
        problems.push(format!(
            "{} : créé par une version plus récente de vigie ; ignoré et laissé intact",
            path.display()
        ));
        return None;
    }
    match parse(&text) {
        Ok(value) => Some(value),
        Err(error) => {
            let aside = path.with_file_name(format!(
                "{}.corrompu-{}",
                file_name(path),
                crate::model::date::now_timestamp().replace(':', "-")
            ));
            let moved = std::fs::rename(path, &aside).is_ok();
            problems.push(format!(
                "{} : fichier illisible ({}){}",
                path.display(),
                error,
                if moved {
                    format!(" ; mis de côté sous {}", aside.display())
                } else {
                    String::new()
                }
            ));
            None
        }
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
}
