//! Run (évaluation): the immutable record of one assessment — the answers and their dates,
//! the catalogue versions and question fingerprints, the score, and the hashes of the
//! documents generated from the same answers — and its file format.
//!
//! Format 2 (this version) keeps what a run must prove and nothing the catalogue can give
//! back: the score, grade, confidence and module scores, but not the full report (actions,
//! references, remediation texts), which is recomputed from the run's answers when shown.
//! Answer dates are grouped by day. A run of the full catalogue takes about 17 KB instead of
//! 90 KB. Runs of format 1, which carry the full report, keep reading.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::documents::{TemplateError, Templates, build_context, render};
use crate::engine::scoring::{Grade, ScoreReport, score};
use crate::model::answers::{Answers, Rating};
use crate::model::answers_file::{parse_answers, to_toml};
use crate::model::catalog::{Catalog, ChoiceOption, Question, QuestionKind};
use crate::model::date::Date;
use crate::model::source::SourceFile;

/// The format of run files this version writes; it reads this one and the earlier ones.
pub const RUN_FORMAT: i64 = 2;

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

/// A short stable fingerprint (8 hex digits of SHA-256) of what a question asks: its prompt
/// (spacing aside), its kind, its options' values and labels, the ratings a compliance
/// question allows and the check of a text question. Its help, weight or references do not
/// count: changing them does not make earlier answers worth asking again. Runs record these,
/// so that a later run knows which questions changed since ([`RunRecord::asked_same`]).
/// Runs of format 1 recorded 16 digits, of which these are the first.
pub fn question_fingerprint(question: &Question) -> String {
    let options = |options: &[ChoiceOption]| -> Vec<[String; 2]> {
        options
            .iter()
            .map(|o| [o.value.clone(), o.label.clone()])
            .collect()
    };
    let kind = match &question.kind {
        QuestionKind::Conformite(scored) => {
            let ratings: Vec<&str> = scored.ratings().into_iter().map(Rating::value).collect();
            serde_json::json!(["conformite", ratings])
        }
        QuestionKind::Choice { options: o, .. } => serde_json::json!(["choice", options(o)]),
        QuestionKind::Multi { options: o } => serde_json::json!(["multi", options(o)]),
        QuestionKind::Text { validator, .. } => serde_json::json!(["text", validator]),
    };
    let prompt: Vec<&str> = question.prompt.split_whitespace().collect();
    let text = serde_json::json!([prompt.join(" "), kind]).to_string();
    let mut hex = format!("{:x}", Sha256::digest(text.as_bytes()));
    hex.truncate(8);
    hex
}

/// One immutable run, in memory.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRecord {
    pub format: i64,
    pub date: String,
    pub score: Option<u8>,
    pub grade: Option<Grade>,
    /// The share of answers that are not « Je ne sais pas », as in the report.
    pub confidence: Option<u8>,
    pub catalog: Vec<ModuleVersion>,
    /// Module id → its score at the time of the run (modules that had one).
    pub modules: BTreeMap<String, u8>,
    /// Question id → [`question_fingerprint`] at the time of the run; empty in runs written
    /// before vigie recorded them.
    pub questions: BTreeMap<String, String>,
    pub documents: Vec<DocumentHash>,
    /// The answers, as in an answers file (`format`, `identite`, `reponses`, `dates`).
    pub answers: toml::Table,
    /// The full report as recorded by runs of format 1; later runs recompute it
    /// ([`RunRecord::report`]).
    pub recorded_report: Option<ScoreReport>,
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
        let day = Date::of_timestamp(&date).unwrap_or_else(Date::today);
        let context = build_context(catalog, answers, day);
        let documents = render(templates, &context, &[])?
            .into_iter()
            .map(|d| DocumentHash {
                stem: d.stem,
                sha256: format!("{:x}", Sha256::digest(d.markdown.as_bytes())),
            })
            .collect();
        Ok(RunRecord::new(catalog, answers, report, documents, date))
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
            confidence: report.confidence,
            catalog: catalog
                .modules
                .iter()
                .map(|m| ModuleVersion {
                    id: m.id.clone(),
                    version: m.version,
                })
                .collect(),
            modules: module_scores(&report),
            questions: catalog
                .questions()
                .map(|(_, _, q)| (q.id.clone(), question_fingerprint(q)))
                .collect(),
            documents,
            answers: answers_table(catalog, answers),
            recorded_report: None,
        }
    }

    /// Does this run hold exactly these answers (values and dates)?
    pub fn holds(&self, catalog: &Catalog, answers: &Answers) -> bool {
        self.answers == answers_table(catalog, answers)
    }

    /// Did the run ask `question` as the catalogue asks it now? `None` when the run recorded
    /// no fingerprint for it.
    pub fn asked_same(&self, question: &Question) -> Option<bool> {
        let recorded = self.questions.get(&question.id)?;
        Some(recorded.starts_with(&question_fingerprint(question)))
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

    /// The run's answers, read back with `catalog` (`file` names them in messages).
    pub fn parsed_answers(&self, catalog: &Catalog, file: &str) -> Option<Answers> {
        let text = toml::to_string(&self.answers).ok()?;
        parse_answers(&SourceFile::new(file, text), catalog)
            .ok()
            .map(|parsed| parsed.answers)
    }

    /// The full report of the run: the one recorded when the file has it (format 1), else
    /// the run's answers scored again with `catalog` (the same report when the catalogue is
    /// the one the run used: scoring depends on the answers and the catalogue only).
    pub fn report(&self, catalog: &Catalog) -> ScoreReport {
        if let Some(report) = &self.recorded_report {
            return report.clone();
        }
        let answers = self.parsed_answers(catalog, &self.date).unwrap_or_default();
        score(catalog, &answers)
    }

    /// The run as written to its file (format 2).
    pub fn to_file_text(&self) -> Result<String, toml::ser::Error> {
        let mut answers = self.answers.clone();
        let mut dates: BTreeMap<String, Vec<String>> = BTreeMap::new();
        if let Some(toml::Value::Table(by_question)) = answers.remove("dates") {
            for (id, day) in by_question {
                if let toml::Value::String(day) = day {
                    dates.entry(day).or_default().push(id);
                }
            }
        }
        toml::to_string(&RunFile {
            format: RUN_FORMAT,
            date: self.date.clone(),
            score: self.score,
            grade: self.grade,
            confidence: self.confidence,
            catalog: self.catalog.clone(),
            modules: self.modules.clone(),
            questions: self.questions.clone(),
            documents: self.documents.clone(),
            answers,
            dates,
            report: None,
        })
    }

    /// A run read back from its file's text (any format up to [`RUN_FORMAT`]).
    pub fn from_file_text(text: &str) -> Result<RunRecord, toml::de::Error> {
        let file: RunFile = toml::from_str(text)?;
        let mut answers = file.answers;
        if !file.dates.is_empty() {
            let mut by_question = toml::Table::new();
            for (day, ids) in file.dates {
                for id in ids {
                    by_question.insert(id, toml::Value::String(day.clone()));
                }
            }
            answers.insert("dates".into(), toml::Value::Table(by_question));
        }
        let modules = match &file.report {
            Some(report) if file.modules.is_empty() => module_scores(report),
            _ => file.modules,
        };
        Ok(RunRecord {
            format: file.format,
            date: file.date,
            score: file.score.or(file.report.as_ref().and_then(|r| r.score)),
            grade: file.grade.or(file.report.as_ref().and_then(|r| r.grade)),
            confidence: file
                .confidence
                .or(file.report.as_ref().and_then(|r| r.confidence)),
            catalog: file.catalog,
            modules,
            questions: file.questions,
            documents: file.documents,
            answers,
            recorded_report: file.report,
        })
    }

    pub fn summary(&self) -> RunSummary {
        RunSummary {
            format: self.format,
            date: self.date.clone(),
            score: self.score,
            grade: self.grade,
        }
    }
}

fn module_scores(report: &ScoreReport) -> BTreeMap<String, u8> {
    report
        .modules
        .iter()
        .filter_map(|m| Some((m.id.clone(), m.score?)))
        .collect()
}

/// Answers as the table a run stores: the answers file's content.
fn answers_table(catalog: &Catalog, answers: &Answers) -> toml::Table {
    toml::from_str(&to_toml(answers, catalog)).unwrap_or_default()
}

/// A run file: the head (what listings read) first, then the tables.
#[derive(Serialize, Deserialize)]
struct RunFile {
    format: i64,
    date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    score: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    grade: Option<Grade>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    confidence: Option<u8>,
    catalog: Vec<ModuleVersion>,
    #[serde(default)]
    modules: BTreeMap<String, u8>,
    #[serde(default)]
    questions: BTreeMap<String, String>,
    documents: Vec<DocumentHash>,
    /// The answers without their dates (format 2), or with them (format 1).
    answers: toml::Table,
    /// Day → the questions answered or confirmed that day (format 2).
    #[serde(default)]
    dates: BTreeMap<String, Vec<String>>,
    /// The full report (format 1 only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    report: Option<ScoreReport>,
}

/// Is `date` a run's timestamp as vigie writes it (`2026-11-29T10:15:00Z`)? A run file whose
/// date is not is not one of ours: it is set aside, and its date never printed.
pub fn is_timestamp(date: &str) -> bool {
    let bytes = date.as_bytes();
    bytes.len() == 20
        && bytes.iter().enumerate().all(|(i, &b)| match i {
            4 | 7 => b == b'-',
            10 => b == b'T',
            13 | 16 => b == b':',
            19 => b == b'Z',
            _ => b.is_ascii_digit(),
        })
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
pub fn head_of(text: &str) -> &str {
    let end = text
        .match_indices('\n')
        .find(|(i, _)| text[i + 1..].starts_with('['))
        .map_or(text.len(), |(i, _)| i + 1);
    &text[..end]
}

/// A run file read back, with its file name.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredRun {
    pub file: String,
    pub record: RunRecord,
}

impl StoredRun {
    pub fn summary(&self) -> RunSummary {
        self.record.summary()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_timestamps_as_vigie_writes_them_are_run_dates() {
        assert!(is_timestamp("2026-11-29T10:15:00Z"));
        assert!(!is_timestamp("2026-11-29"));
        assert!(!is_timestamp("2026-11-29T10:15:0\u{1b}Z"));
        assert!(!is_timestamp("2026\u{1b}[2J-29T10:15:00Z"));
    }

    #[test]
    fn fingerprints_change_with_what_the_answer_means_only() {
        let catalog = crate::model::assets::load_catalog(None).unwrap();
        let rated = catalog.question("sv_ml_presentes").unwrap().clone();
        let fingerprint = question_fingerprint(&rated);
        assert_eq!(fingerprint.len(), 8);
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
