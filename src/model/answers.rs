//! Answers: the values given to questions, their dates, and the answers proposed from what
//! `vigie scan` observed. The answers file that holds them is the module `answers_file`.

use crate::model::question_ids as ids;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::date::Date;

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
}

/// The answer to one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Rating(Rating),
    Choice(String),
    Multi(BTreeSet<String>),
    Text(String),
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

/// An answer observed on the site on a date, with what shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub answer: Answer,
    pub date: Date,
    pub evidence: String,
}

impl Answers {
    /// Records a proposal for `id`, replacing an earlier one.
    pub fn observe(&mut self, id: impl Into<String>, observation: Observation) {
        self.observations.insert(id.into(), observation);
    }

    /// The pending proposals, by question id.
    pub fn observations(&self) -> &BTreeMap<String, Observation> {
        &self.observations
    }

    /// Drops every pending proposal.
    pub fn clear_observations(&mut self) {
        self.observations.clear();
    }

    /// Confirms the proposal for `id`: it becomes the answer, dated `today`.
    pub fn accept_observation(&mut self, id: &str, today: Date) -> bool {
        let Some(observation) = self.observations.remove(id) else {
            return false;
        };
        self.set(id.to_string(), observation.answer);
        self.confirm(id, today);
        true
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
