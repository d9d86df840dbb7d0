//! The answers file: `format`, an `[identite]` table and a `[reponses]` table, keyed by
//! question id, and an optional `[dates]` table: the day each answer was given or last
//! confirmed. Unknown ids are warnings; wrong values are located errors.

mod observations;
mod template;

use crate::model::sanitize::strip_invisible;
use std::collections::BTreeMap;
pub use template::template;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::model::answers::{Answer, Answers, Rating};
use crate::model::catalog::{Catalog, Question, QuestionKind, Role};
use crate::model::date::Date;
use crate::model::diagnostic::{Diagnostic, Diagnostics};
use crate::model::source::{SourceFile, toml_diagnostic};

/// The current answers-file format.
pub const ANSWERS_FORMAT: i64 = 1;

/// Answers read from a file, with the warnings about ids the catalogue does not know.
#[derive(Debug, Clone)]
pub struct ParsedAnswers {
    pub answers: Answers,
    pub warnings: Vec<Diagnostic>,
}

type Table = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswersFileDto {
    format: Spanned<i64>,
    #[serde(default)]
    identite: Table,
    #[serde(default)]
    reponses: Table,
    #[serde(default)]
    dates: Table,
    #[serde(default)]
    observations: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
}

/// Reads an answers file against the catalogue.
pub fn parse_answers(source: &SourceFile, catalog: &Catalog) -> Result<ParsedAnswers, Diagnostics> {
    let dto: AnswersFileDto = toml::from_str(&source.text)
        .map_err(|error| Diagnostics(vec![toml_diagnostic(source, &error)]))?;
    let format = *dto.format.get_ref();
    if format != ANSWERS_FORMAT {
        let message = if format > ANSWERS_FORMAT {
            format!(
                "ce fichier a été créé par une version plus récente de vigie (format {format}) ; mettez vigie à jour pour le lire"
            )
        } else {
            format!("format {format} inconnu : la valeur attendue est {ANSWERS_FORMAT}")
        };
        return Err(Diagnostics(vec![
            source.diagnostic(dto.format.span().start, message),
        ]));
    }
    let mut parsed = ParsedAnswers {
        answers: Answers::new(),
        warnings: Vec::new(),
    };
    let mut errors = Vec::new();
    for (table, identity) in [(&dto.identite, true), (&dto.reponses, false)] {
        for (key, value) in table {
            let id = key.get_ref();
            let at = |message: String| source.diagnostic(key.span().start, message);
            let Some(question) = catalog.answered_as(id) else {
                parsed
                    .warnings
                    .push(at(format!("question inconnue « {id} » : réponse ignorée")));
                continue;
            };
            if question.id != *id {
                if table.keys().any(|other| *other.get_ref() == question.id) {
                    parsed.warnings.push(at(format!(
                        "« {id} » est devenue « {} », qui a déjà sa réponse : réponse ignorée",
                        question.id
                    )));
                    continue;
                }
                parsed.warnings.push(at(format!(
                    "« {id} » est devenue « {} » : réponse reprise",
                    question.id
                )));
            }
            let id = &question.id;
            let is_identity = catalog
                .location(id)
                .is_some_and(|(module, _)| module.role == Role::Identite);
            if is_identity != identity {
                let (table, other) = if is_identity {
                    ("[identite]", "[reponses]")
                } else {
                    ("[reponses]", "[identite]")
                };
                parsed.warnings.push(at(format!(
                    "« {id} » devrait se trouver dans la table {table}, pas dans {other} (réponse prise en compte)"
                )));
            }
            match convert(question, value.get_ref()) {
                Ok(Some(answer)) => parsed.answers.set(id.clone(), answer),
                Ok(None) => {}
                Err(message) => errors.push(source.diagnostic(
                    value.span().start,
                    format!("réponse à « {id} » : {message}"),
                )),
            }
        }
    }
    read_dates(source, catalog, &dto.dates, &mut parsed, &mut errors);
    observations::read(source, catalog, &dto.observations, &mut parsed, &mut errors);
    if errors.is_empty() {
        Ok(parsed)
    } else {
        Err(Diagnostics(errors))
    }
}

/// Reads the `[dates]` table into the answers read before it: a malformed date is an error;
/// the date of an unknown or unanswered question is a warning.
fn read_dates(
    source: &SourceFile,
    catalog: &Catalog,
    dates: &Table,
    parsed: &mut ParsedAnswers,
    errors: &mut Vec<Diagnostic>,
) {
    for (key, value) in dates {
        let id = key.get_ref();
        let Some(date) = date_text(value.get_ref()) else {
            errors.push(source.diagnostic(value.span().start,
                format!(
                    "date de « {id} » : {} n'est pas une date valide au format AAAA-MM-JJ (par exemple \"2026-11-29\")",
                    value.get_ref()
                ),
            ));
            continue;
        };
        let ignored = match catalog.answered_as(id).map(|q| &q.id) {
            None => format!("date d'une question inconnue « {id} » : ignorée"),
            Some(id) if parsed.answers.get(id).is_none() => {
                format!("date de « {id} », qui n'a pas de réponse : ignorée")
            }
            Some(id) => {
                parsed.answers.confirm(id, date);
                continue;
            }
        };
        parsed
            .warnings
            .push(source.diagnostic(key.span().start, ignored));
    }
}

/// A date written as a string or as a TOML date (`2026-11-29`, without quotes).
fn date_text(value: &toml::Value) -> Option<Date> {
    match value {
        toml::Value::String(text) => Date::parse(text.trim()),
        toml::Value::Datetime(datetime) => Date::parse(&datetime.to_string()),
        _ => None,
    }
}

/// Converts a TOML value into an answer; an empty text or list means "no answer".
pub(super) fn convert(question: &Question, value: &toml::Value) -> Result<Option<Answer>, String> {
    let quoted = |values: &[String]| {
        values
            .iter()
            .map(|v| format!("\"{v}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let option_values: Vec<String> = question.options().iter().map(|o| o.value.clone()).collect();
    match &question.kind {
        QuestionKind::Conformite(scored) => {
            let allowed: Vec<String> = scored
                .ratings()
                .into_iter()
                .map(|r| r.value().to_string())
                .collect();
            let text = expect_text(value, &allowed)?;
            if text.is_empty() {
                return Ok(None);
            }
            match Rating::from_value(text) {
                Some(rating) if allowed.iter().any(|a| a == text) => {
                    Ok(Some(Answer::Rating(rating)))
                }
                _ => Err(format!(
                    "« {text} » n'est pas une réponse possible ; réponses possibles : {}",
                    quoted(&allowed)
                )),
            }
        }
        QuestionKind::Choice { .. } => {
            let text = expect_text(value, &option_values)?;
            if text.is_empty() {
                Ok(None)
            } else if option_values.iter().any(|v| v == text) {
                Ok(Some(Answer::Choice(text.to_string())))
            } else {
                Err(format!(
                    "« {text} » n'est pas une réponse possible ; réponses possibles : {}",
                    quoted(&option_values)
                ))
            }
        }
        QuestionKind::Multi { .. } => {
            let toml::Value::Array(items) = value else {
                return Err(format!(
                    "une liste est attendue, par exemple [{}] ; valeurs possibles : {}",
                    option_values
                        .first()
                        .map(|v| format!("\"{v}\""))
                        .unwrap_or_default(),
                    quoted(&option_values)
                ));
            };
            let mut chosen = std::collections::BTreeSet::new();
            for item in items {
                let text = expect_text(item, &option_values)?;
                if !option_values.iter().any(|v| v == text) {
                    return Err(format!(
                        "« {text} » n'est pas une valeur possible ; valeurs possibles : {}",
                        quoted(&option_values)
                    ));
                }
                chosen.insert(text.to_string());
            }
            // An empty list is an answer: "none of these".
            Ok(Some(Answer::Multi(chosen)))
        }
        QuestionKind::Text {
            validator,
            multiline,
            ..
        } => {
            let text = match value {
                // Invisible controls (escape sequences, bidirectional overrides) are removed:
                // they would reach the terminal and the documents.
                toml::Value::String(s) => strip_invisible(s).trim().to_string(),
                toml::Value::Integer(i) => i.to_string(),
                toml::Value::Float(f) => f.to_string(),
                _ => return Err(format!("un texte est attendu ({})", validator.expected())),
            };
            if text.is_empty() {
                return Ok(None);
            }
            if !multiline && text.contains('\n') {
                return Err(
                    "une seule ligne est attendue : un retour à la ligne ajouterait des titres ou des listes aux documents"
                        .to_string(),
                );
            }
            validator.check(&text)?;
            Ok(Some(Answer::Text(text)))
        }
    }
}

fn expect_text<'v>(value: &'v toml::Value, allowed: &[String]) -> Result<&'v str, String> {
    match value {
        toml::Value::String(s) => Ok(s.trim()),
        _ => Err(format!(
            "un texte entre guillemets est attendu ; réponses possibles : {}",
            allowed
                .iter()
                .map(|v| format!("\"{v}\""))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

/// An answer as a TOML value.
pub(super) fn value_of(answer: &Answer) -> toml::Value {
    match answer {
        Answer::Rating(r) => toml::Value::String(r.value().to_string()),
        Answer::Choice(v) | Answer::Text(v) => toml::Value::String(v.clone()),
        Answer::Multi(values) => {
            toml::Value::Array(values.iter().cloned().map(toml::Value::String).collect())
        }
    }
}

/// An answers file as written: the tables in this order.
#[derive(Serialize)]
struct AnswersFileOut {
    format: i64,
    identite: toml::Table,
    reponses: toml::Table,
    #[serde(skip_serializing_if = "toml::Table::is_empty")]
    dates: toml::Table,
    #[serde(skip_serializing_if = "toml::Table::is_empty")]
    observations: toml::Table,
}

/// Writes answers as an answers file: identity, the other answers, then the dates of the
/// answers that have one.
pub fn to_toml(answers: &Answers, catalog: &Catalog) -> String {
    let mut identity = toml::Table::new();
    let mut responses = toml::Table::new();
    let mut dates = toml::Table::new();
    for (module, _, question) in catalog.questions() {
        let Some(answer) = answers.get(&question.id) else {
            continue;
        };
        let value = value_of(answer);
        let table = if module.role == Role::Identite {
            &mut identity
        } else {
            &mut responses
        };
        table.insert(question.id.clone(), value);
        if let Some(date) = answers.date(&question.id) {
            dates.insert(question.id.clone(), toml::Value::String(date.to_string()));
        }
    }
    let file = AnswersFileOut {
        format: ANSWERS_FORMAT,
        identite: identity,
        reponses: responses,
        dates,
        observations: observations::table(answers, catalog),
    };
    toml::to_string(&file).expect("a table of strings always serialises")
}
