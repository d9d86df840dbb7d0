//! Answers proposed from what `vigie scan` observed on the site, kept in the answers file
//! (table `[observations]`) until the user confirms them: they never count as answers before.
//!
//! ```toml
//! [observations.traceurs]
//! valeur = "oui"
//! date = "2026-12-01"
//! preuve = "Google Analytics 4 : script https://www.googletagmanager.com/gtag/js?id=G-1"
//! ```

use std::collections::BTreeMap;

use toml::Spanned;

use super::{ParsedAnswers, convert, value_of};
use crate::model::answers::{Answers, Observation};
use crate::model::catalog::Catalog;
use crate::model::date::Date;
use crate::model::diagnostic::Diagnostic;
use crate::model::source::SourceFile;

/// The `[observations]` table of an answers file, in catalogue order.
pub fn table(answers: &Answers, catalog: &Catalog) -> toml::Table {
    let mut out = toml::Table::new();
    for (_, _, question) in catalog.questions() {
        let Some(observation) = answers.observations().get(&question.id) else {
            continue;
        };
        let mut entry = toml::Table::new();
        entry.insert("valeur".into(), value_of(&observation.answer));
        entry.insert(
            "date".into(),
            toml::Value::String(observation.date.to_string()),
        );
        entry.insert(
            "preuve".into(),
            toml::Value::String(observation.evidence.clone()),
        );
        out.insert(question.id.clone(), toml::Value::Table(entry));
    }
    out
}

/// Reads the `[observations]` table: a wrong value or date is an error at its place; an
/// unknown question is a warning.
pub fn read(
    source: &SourceFile,
    catalog: &Catalog,
    table: &BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    parsed: &mut ParsedAnswers,
    errors: &mut Vec<Diagnostic>,
) {
    for (key, value) in table {
        let id = key.get_ref();
        let at = |message: String| source.diagnostic(value.span().start, message);
        let Some(question) = catalog.question(id) else {
            parsed.warnings.push(source.diagnostic(
                key.span().start,
                format!("observation d'une question inconnue « {id} » : ignorée"),
            ));
            continue;
        };
        let Some(entry) = value.get_ref().as_table() else {
            errors.push(at(format!(
                "observation « {id} » : une table est attendue (valeur, date, preuve)"
            )));
            continue;
        };
        let date = entry
            .get("date")
            .and_then(toml::Value::as_str)
            .map(str::trim);
        let Some(date) = date.and_then(Date::parse) else {
            errors.push(at(format!(
                "observation « {id} » : « date » doit être une date AAAA-MM-JJ"
            )));
            continue;
        };
        let evidence = entry
            .get("preuve")
            .and_then(toml::Value::as_str)
            .unwrap_or_default()
            .to_string();
        let Some(raw) = entry.get("valeur") else {
            errors.push(at(format!("observation « {id} » : « valeur » manque")));
            continue;
        };
        match convert(question, raw) {
            Ok(Some(answer)) => parsed.answers.observe(
                id.clone(),
                Observation {
                    answer,
                    date,
                    evidence,
                },
            ),
            Ok(None) => {}
            Err(message) => errors.push(at(format!("observation « {id} » : {message}"))),
        }
    }
}
