//! Answers: the values given to questions, the answers file that holds them, and the
//! commented skeleton that `vigie answers template` prints.

mod file;
mod observations;
mod template;

use crate::catalog::ids;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::date::Date;

pub use file::{ANSWERS_FORMAT, ParsedAnswers, parse_answers, to_toml};
pub use observations::Observation;
pub use template::template;

/// An answer on the compliance scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    Conforme,
    Partiel,
    Non,
    JeNeSaisPas,
    NonApplicable,
}

impl Rating {
    pub const ALL: [Rating; 5] = [
        Rating::Conforme,
        Rating::Partiel,
        Rating::Non,
        Rating::JeNeSaisPas,
        Rating::NonApplicable,
    ];

    /// The value written in answers files and conditions.
    pub fn value(self) -> &'static str {
        match self {
            Rating::Conforme => "conforme",
            Rating::Partiel => "partiel",
            Rating::Non => "non",
            Rating::JeNeSaisPas => "je_ne_sais_pas",
            Rating::NonApplicable => "non_applicable",
        }
    }

    /// The label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Rating::Conforme => "Conforme",
            Rating::Partiel => "Partiellement",
            Rating::Non => "Non",
            Rating::JeNeSaisPas => "Je ne sais pas",
            Rating::NonApplicable => "Non applicable",
        }
    }

    pub fn from_value(value: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|r| r.value() == value)
    }

    /// The ratings a question offers.
    pub fn allowed(scored: &crate::catalog::Scored) -> Vec<Rating> {
        Rating::ALL
            .into_iter()
            .filter(|r| match r {
                Rating::Partiel => scored.allow_partial,
                Rating::NonApplicable => scored.allow_na,
                _ => true,
            })
            .collect()
    }
}

/// The answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Rating(Rating),
    Choice(String),
    Multi(BTreeSet<String>),
    Text(String),
}

impl Answer {
    /// The answer as a user reads it (labels of options, not their values).
    pub fn display(&self, question: &crate::catalog::Question) -> String {
        let label = |value: &str| {
            question
                .options()
                .iter()
                .find(|o| o.value == value)
                .map_or_else(|| value.to_string(), |o| o.label.clone())
        };
        match self {
            Answer::Rating(rating) => question.rating_label(*rating).to_string(),
            Answer::Choice(value) => label(value),
            Answer::Multi(values) if values.is_empty() => "aucun".to_string(),
            Answer::Multi(values) => values
                .iter()
                .map(|v| label(v))
                .collect::<Vec<_>>()
                .join(", "),
            Answer::Text(text) => text.clone(),
        }
    }
}

/// All the answers of one organisation, keyed by question id, with the date each answer was
/// given or last confirmed when it is known.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answers {
    values: BTreeMap<String, Answer>,
    /// For answered questions only.
    dates: BTreeMap<String, Date>,
    /// Answers proposed by `vigie scan`, waiting for the user's confirmation.
    observations: BTreeMap<String, Observation>,
}

impl Answers {
    pub fn new() -> Answers {
        Answers::default()
    }

    pub fn get(&self, id: &str) -> Option<&Answer> {
        self.values.get(id)
    }

    /// Records an answer; its date is left as it was: call [`Answers::confirm`] too when the
    /// user gives or confirms it.
    pub fn set(&mut self, id: impl Into<String>, answer: Answer) {
        self.values.insert(id.into(), answer);
    }

    /// Removes an answer and its date.
    pub fn remove(&mut self, id: &str) -> Option<Answer> {
        self.dates.remove(id);
        self.values.remove(id)
    }

    /// Dates the answer to `id`: given or confirmed that day. Nothing happens when the
    /// question has no answer.
    pub fn confirm(&mut self, id: &str, date: Date) {
        if self.values.contains_key(id) {
            self.dates.insert(id.to_string(), date);
        }
    }

    /// The day the answer to `id` was given or last confirmed, when known.
    pub fn date(&self, id: &str) -> Option<Date> {
        self.dates.get(id).copied()
    }

    /// Dates every answer that has no date yet; returns how many were dated.
    pub fn confirm_undated(&mut self, date: Date) -> usize {
        let before = self.dates.len();
        for id in self.values.keys() {
            self.dates.entry(id.clone()).or_insert(date);
        }
        self.dates.len() - before
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Answer)> {
        self.values.iter()
    }

    pub fn len(&self) -> usize {
        self.values.len()
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The organisation's name from its identity: dénomination, nom commercial, or the
    /// entrepreneur's first and last names.
    pub fn organisation_name(&self) -> Option<String> {
        let text = |id: &str| match self.get(id) {
            Some(Answer::Text(text)) if !text.trim().is_empty() => Some(text.trim().to_string()),
            _ => None,
        };
        text(ids::DENOMINATION)
            .or_else(|| text(ids::NOM_COMMERCIAL))
            .or_else(|| match (text(ids::PRENOM), text(ids::NOM)) {
                (Some(first), Some(last)) => Some(format!("{first} {last}")),
                (first, last) => first.or(last),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(pairs: &[(&str, &str)]) -> Answers {
        let mut answers = Answers::new();
        for (id, text) in pairs {
            answers.set(*id, Answer::Text(text.to_string()));
        }
        answers
    }

    #[test]
    fn the_organisation_name_prefers_the_registered_name_then_the_trade_name_then_the_person() {
        let all = [
            ("denomination", "Boulangerie Dupain"),
            ("nom_commercial", "Le Fournil"),
            ("prenom", "Julien"),
            ("nom", "Martin"),
        ];
        assert_eq!(
            with(&all).organisation_name().as_deref(),
            Some("Boulangerie Dupain")
        );
        assert_eq!(
            with(&all[1..]).organisation_name().as_deref(),
            Some("Le Fournil")
        );
        assert_eq!(
            with(&all[2..]).organisation_name().as_deref(),
            Some("Julien Martin")
        );
        assert_eq!(with(&[("denomination", "  ")]).organisation_name(), None);
    }

    #[test]
    fn dates_follow_answers() {
        let day = |text| Date::parse(text).unwrap();
        let mut answers = Answers::new();
        answers.confirm("forme", day("2026-11-29"));
        assert_eq!(answers.date("forme"), None, "no answer, no date");
        answers.set("forme", Answer::Choice("societe".into()));
        assert_eq!(answers.date("forme"), None, "set gives no date");
        answers.confirm("forme", day("2026-11-29"));
        assert_eq!(answers.date("forme"), Some(day("2026-11-29")));
        answers.set("nom", Answer::Text("Dupain".into()));
        assert_eq!(answers.confirm_undated(day("2026-12-01")), 1);
        assert_eq!(answers.date("forme"), Some(day("2026-11-29")), "kept");
        assert_eq!(answers.date("nom"), Some(day("2026-12-01")));
        answers.remove("forme");
        answers.set("forme", Answer::Choice("association".into()));
        assert_eq!(answers.date("forme"), None, "removing drops the date");
    }
}
