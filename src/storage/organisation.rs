//! The organisations (dossiers) a user keeps: the overview with each one's last score and
//! trend, creating one from a name (never over an existing one), opening one, recording a run
//! (once per set of answers), deleting to the bin. The commands, the line mode and the
//! interface call this service, and nothing else, for these jobs.

use std::path::{Path, PathBuf};

use crate::documents::{TemplateError, Templates};
use crate::engine::scan::ScanReport;
use crate::engine::scan::proposals::{self, Proposal};
use crate::engine::scoring::score;
use crate::model::answers::Answers;
use crate::model::catalog::Catalog;
use crate::model::date::Date;
use crate::storage::run::{RunRecord, RunSummary, StoredRun};
use crate::storage::store::{Store, StoreError, slug_from_name, valid_slug};

/// The organisations under one data folder.
#[derive(Debug, Clone)]
pub struct Organisations {
    store: Store,
}

/// One organisation in a list: its name and its last two runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Overview {
    pub slug: String,
    /// The organisation's name from its identity answers, or its slug.
    pub name: String,
    pub last: Option<RunSummary>,
    pub previous: Option<RunSummary>,
    /// Screens answered and screens of the first pass, while it is not finished.
    pub unfinished: Option<(usize, usize)>,
}

impl Overview {
    /// The change of score between the last two runs.
    pub fn change(&self) -> Option<i16> {
        let before = self.previous.as_ref()?.score?;
        let now = self.last.as_ref()?.score?;
        Some(i16::from(now) - i16::from(before))
    }
}

/// An organisation opened to work on.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub slug: String,
    pub answers: Answers,
    /// Problems met reading its answers and runs, to show the user.
    pub warnings: Vec<String>,
    /// Its latest run, if any.
    pub latest: Option<StoredRun>,
}

/// What recording a run did.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// The run: the new one, or the latest when the answers had not changed since.
    pub run: StoredRun,
    /// The run before it, for the change of score.
    pub previous: Option<RunSummary>,
    /// Whether a new run was written (false: the answers are those of the latest run).
    pub new: bool,
    /// Where the new run was written.
    pub path: Option<PathBuf>,
}

/// Why a run could not be recorded.
#[derive(Debug, Clone, PartialEq)]
pub enum RunError {
    Store(StoreError),
    /// A document template does not render: the run's document hashes cannot be computed.
    Template(TemplateError),
}

impl std::fmt::Display for RunError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RunError::Store(error) => write!(f, "{error}"),
            RunError::Template(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for RunError {}

impl From<StoreError> for RunError {
    fn from(error: StoreError) -> Self {
        RunError::Store(error)
    }
}

/// An organisation created by an import.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub slug: String,
    pub path: PathBuf,
    /// How many answers the file left undated and were dated on the day of the import.
    pub dated: usize,
}

impl Organisations {
    pub fn new(data_dir: &Path) -> Organisations {
        Organisations {
            store: Store::new(data_dir),
        }
    }

    /// The store underneath, for the answers of an open organisation.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Every organisation, sorted by slug, with its name and last two runs; the problems met
    /// reading them (a corrupt run set aside…) are returned, not fatal.
    pub fn overview(&self, catalog: &Catalog) -> Result<(Vec<Overview>, Vec<String>), StoreError> {
        let mut problems = Vec::new();
        let mut list = Vec::new();
        for slug in self.store.slugs()? {
            let answers = self
                .store
                .load_answers(&slug, catalog)
                .ok()
                .map(|p| p.answers);
            let name = answers
                .as_ref()
                .and_then(Answers::organisation_name)
                .unwrap_or_else(|| slug.clone());
            let unfinished = answers
                .as_ref()
                .map(|answers| crate::engine::interview::first_pass_progress(catalog, answers))
                .filter(|(answered, total)| answered < total);
            let (mut runs, found) = match self.store.summaries(&slug, 2) {
                Ok(loaded) => loaded,
                Err(error) => (Vec::new(), vec![error.to_string()]),
            };
            problems.extend(found);
            let last = runs.pop().map(|(_, run)| run);
            let previous = runs.pop().map(|(_, run)| run);
            list.push(Overview {
                slug,
                name,
                last,
                previous,
                unfinished,
            });
        }
        Ok((list, problems))
    }

    /// The slug of a new organisation named `name`: an error when the name gives no usable
    /// folder name or when the organisation exists already.
    pub fn slug_for_new(&self, name: &str) -> Result<String, StoreError> {
        let slug = slug_from_name(name);
        if !valid_slug(&slug) {
            return Err(StoreError::Organisation(format!(
                "« {} » ne donne pas de nom de dossier utilisable : employez des lettres ou des chiffres",
                name.trim()
            )));
        }
        if self.store.exists(&slug) {
            return Err(StoreError::Organisation(format!(
                "l'organisation « {slug} » existe déjà ; ses réponses n'ont pas été modifiées : choisissez un autre nom"
            )));
        }
        Ok(slug)
    }

    /// Creates the organisation named `name`, its name kept as its trade name (which the
    /// identity form shows and lets the user change) so that the screens and reports name it
    /// rather than show its slug; returns its slug. Never replaces an existing organisation.
    pub fn create(&self, name: &str, catalog: &Catalog) -> Result<String, StoreError> {
        let slug = self.slug_for_new(name)?;
        let mut answers = Answers::new();
        answers.set(
            "nom_commercial",
            crate::model::answers::Answer::Text(name.trim().to_string()),
        );
        self.store.save_answers(&slug, &answers, catalog)?;
        Ok(slug)
    }

    /// Creates an organisation from an answers file's answers, under `slug` or the slug of
    /// the name its answers give; the answers it leaves undated are dated `today`. Never
    /// replaces an existing organisation.
    pub fn import(
        &self,
        mut answers: Answers,
        slug: Option<&str>,
        catalog: &Catalog,
        today: Date,
    ) -> Result<Imported, StoreError> {
        let slug = match slug {
            Some(slug) => slug.to_string(),
            None => answers
                .organisation_name()
                .map(|name| slug_from_name(&name))
                .filter(|slug| valid_slug(slug))
                .ok_or_else(|| {
                    StoreError::Organisation(
                        "le fichier ne donne pas de dénomination : choisissez un nom avec --org"
                            .to_string(),
                    )
                })?,
        };
        let dated = answers.confirm_undated(today);
        let path = self.store.create(&slug, &answers, catalog)?;
        Ok(Imported { slug, path, dated })
    }

    /// The organisation named, or the only one there is.
    pub fn resolve(&self, org: Option<&str>) -> Result<String, StoreError> {
        if let Some(slug) = org {
            self.store.require(slug)?;
            return Ok(slug.to_string());
        }
        let slugs = self.store.slugs()?;
        match slugs.as_slice() {
            [only] => Ok(only.clone()),
            [] => Err(StoreError::Organisation(
                "aucune organisation enregistrée (voir vigie import)".to_string(),
            )),
            _ => Err(StoreError::Organisation(format!(
                "plusieurs organisations : précisez --org parmi {}",
                slugs.join(", ")
            ))),
        }
    }

    /// Opens an organisation for a session (the interface, the line mode): its answers and
    /// its latest run. The organisation is held for this process until it opens another:
    /// opening one that is open in another session fails, with a French message.
    pub fn open(&self, slug: &str, catalog: &Catalog) -> Result<Opened, StoreError> {
        self.store.hold(slug)?;
        let parsed = self.store.load_answers(slug, catalog)?;
        let (mut runs, mut warnings) = self.store.latest_runs(slug, 1)?;
        warnings.extend(parsed.warnings.iter().map(ToString::to_string));
        Ok(Opened {
            slug: slug.to_string(),
            answers: parsed.answers,
            warnings,
            latest: runs.pop(),
        })
    }

    /// Ends the session's hold on the organisation it opened, if any (back to the list).
    pub fn close(&self) {
        self.store.release();
    }

    /// Saves the organisation's answers.
    pub fn save_answers(
        &self,
        slug: &str,
        answers: &Answers,
        catalog: &Catalog,
    ) -> Result<PathBuf, StoreError> {
        self.store.save_answers(slug, answers, catalog)
    }

    /// Scores the answers and records a run at `now` (a timestamp), unless they are the
    /// answers of the latest run: then that run is returned and nothing is written. The
    /// organisation is locked from the check to the write, so that of two processes
    /// recording the same answers at once, one records and the other is told it is done.
    pub fn record_run(
        &self,
        slug: &str,
        catalog: &Catalog,
        templates: &Templates,
        answers: &Answers,
        now: String,
    ) -> Result<Recorded, RunError> {
        self.store.locked(slug, || {
            self.record_run_locked(slug, catalog, templates, answers, now)
        })?
    }

    fn record_run_locked(
        &self,
        slug: &str,
        catalog: &Catalog,
        templates: &Templates,
        answers: &Answers,
        now: String,
    ) -> Result<Recorded, RunError> {
        let (runs, _) = self.store.latest_runs(slug, 2)?;
        if let Some(last) = runs.last()
            && last.record.holds(catalog, answers)
        {
            return Ok(Recorded {
                previous: runs.len().checked_sub(2).map(|i| runs[i].summary()),
                run: last.clone(),
                new: false,
                path: None,
            });
        }
        let record = RunRecord::evaluate(catalog, templates, answers, score(catalog, answers), now)
            .map_err(RunError::Template)?;
        let path = self.store.save_run(slug, &record)?;
        Ok(Recorded {
            previous: runs.last().map(StoredRun::summary),
            run: StoredRun {
                file: path
                    .file_name()
                    .map(|name| name.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                record,
            },
            new: true,
            path: Some(path),
        })
    }

    /// Records in the organisation's answers the proposals of a scan (replacing earlier ones);
    /// returns them with the answers as they were, which are left unchanged. Read just
    /// before writing, under the organisation's lock: the answers may have changed while
    /// the site was read, and another process may be saving them.
    pub fn propose_observed(
        &self,
        slug: &str,
        catalog: &Catalog,
        report: &ScanReport,
    ) -> Result<(Answers, Vec<Proposal>), StoreError> {
        self.store.locked(slug, || {
            let mut answers = self.store.load_answers(slug, catalog)?.answers;
            let before = answers.clone();
            let proposed = proposals::propose(catalog, report, &answers);
            proposals::record(&mut answers, &proposed, report.date);
            self.store.save_answers(slug, &answers, catalog)?;
            Ok((before, proposed))
        })?
    }

    /// Confirms every pending observation of the organisation: each becomes its answer,
    /// dated `today`; returns how many.
    pub fn apply_observed(
        &self,
        slug: &str,
        catalog: &Catalog,
        today: Date,
    ) -> Result<usize, StoreError> {
        self.store.locked(slug, || {
            let mut answers = self.store.load_answers(slug, catalog)?.answers;
            let ids: Vec<String> = answers.observations().keys().cloned().collect();
            for id in &ids {
                answers.accept_observation(id, today);
            }
            self.store.save_answers(slug, &answers, catalog)?;
            Ok(ids.len())
        })?
    }

    /// Moves the organisation to the bin; returns where its copy is kept.
    pub fn delete(&self, slug: &str) -> Result<PathBuf, StoreError> {
        self.store.discard(slug)
    }
}

/// The organisation's name as a run recorded it: dénomination, trade name, or the
/// entrepreneur's names; `None` when the run gives none (the slug is shown then).
pub fn name_in_run(record: &RunRecord) -> Option<String> {
    let identity = record.answers.get("identite")?.as_table()?;
    let mut answers = Answers::new();
    for (id, value) in identity {
        if let Some(text) = value.as_str() {
            answers.set(
                id.clone(),
                crate::model::answers::Answer::Text(text.to_string()),
            );
        }
    }
    answers.organisation_name()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::answers::{Answer, Rating};
    use crate::model::assets::load_catalog;

    #[test]
    fn create_never_overwrites_and_runs_are_recorded_once() {
        let home = tempfile::tempdir().unwrap();
        let catalog = load_catalog(None).unwrap();
        let templates = Templates::load(None).unwrap();
        let organisations = Organisations::new(home.path());
        let slug = organisations
            .create("Boulangerie Dupain", &catalog)
            .unwrap();
        assert_eq!(slug, "boulangerie-dupain");
        let mut answers = Answers::new();
        answers.set("canaux", Answer::Multi(["site_vitrine".to_string()].into()));
        answers.set("sv_ml_presentes", Answer::Rating(Rating::Conforme));
        organisations
            .save_answers(&slug, &answers, &catalog)
            .unwrap();
        let error = organisations
            .create("Boulangerie  Dupain", &catalog)
            .unwrap_err();
        assert!(error.to_string().contains("existe déjà"), "{error}");
        let opened = organisations.open(&slug, &catalog).unwrap();
        assert_eq!(opened.answers, answers, "the answers were not replaced");

        let now = "2026-12-01T09:30:00Z".to_string();
        let first = organisations
            .record_run(&slug, &catalog, &templates, &answers, now.clone())
            .unwrap();
        assert!(first.new && first.previous.is_none());
        let again = organisations
            .record_run(&slug, &catalog, &templates, &answers, now.clone())
            .unwrap();
        assert!(!again.new, "the same answers are not recorded twice");
        assert_eq!(again.run, first.run);
        answers.set("sv_ml_presentes", Answer::Rating(Rating::Non));
        let changed = organisations
            .record_run(&slug, &catalog, &templates, &answers, now)
            .unwrap();
        assert!(changed.new);
        assert_eq!(changed.previous, Some(first.run.summary()));

        let (list, problems) = organisations.overview(&catalog).unwrap();
        assert!(problems.is_empty());
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].name, "boulangerie-dupain", "no name answered yet");
        assert!(list[0].change().is_some_and(|change| change < 0));
        assert_eq!(organisations.resolve(None).unwrap(), slug);

        let kept = organisations.delete(&slug).unwrap();
        assert!(kept.join("reponses.toml").is_file());
        assert!(organisations.overview(&catalog).unwrap().0.is_empty());
    }
}
