//! One question (or one field of the identity form): its prompt, numbered options, current
//! answer and hint; then the lines read until one is accepted.

use std::io::{BufRead, Write};
use vigie::model::question_ids as ids;

use vigie::model::answers::Answer;
use vigie::model::catalog::{Question, QuestionKind};
use vigie::model::validators::vat_from_siren;

use super::reply::{self, Reply};
use super::{Session, Stop};

/// Where the user goes after a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Next,
    Back,
}

/// How an empty line is taken when the question has no answer yet.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Empty {
    /// An answer is needed: ask again.
    Refused,
    /// The field may stay empty.
    Allowed,
    /// A field required by law: warn once, then leave it empty.
    Required,
    /// Take this value (the VAT number computed from the SIREN).
    Proposal(String),
}

impl<R: BufRead, W: Write> Session<'_, R, W> {
    /// Asks `question` until a line is accepted; `form` for a field of the identity form,
    /// which may be left empty (missing required values are reported in the documents).
    pub(super) fn ask(&mut self, question: &Question, form: bool) -> Result<Nav, Stop> {
        let mut empty = self.empty_rule(question, form);
        self.present(question, &empty)?;
        loop {
            let line = self.console.ask()?;
            match reply::reply(&line) {
                Reply::Help => self.help(question)?,
                Reply::Back => return Ok(Nav::Back),
                Reply::Empty if self.answers.get(&question.id).is_some() => {
                    // Keeping an answer confirms it: it is dated today again.
                    let kept = self.answers.get(&question.id).cloned();
                    self.record(question, kept)?;
                    return Ok(Nav::Next);
                }
                Reply::Empty => match empty {
                    Empty::Refused => self.say(format!(
                        "Une réponse est attendue. {}",
                        reply::hint(question)
                    ))?,
                    Empty::Allowed => return Ok(Nav::Next),
                    Empty::Required => {
                        let source = question
                            .references
                            .iter()
                            .map(|r| r.label.as_str())
                            .collect::<Vec<_>>()
                            .join(", ");
                        self.say(format!(
                            "Cette information est exigée par la loi ({source}). Tapez-la, ou \
                             Entrée à nouveau pour la laisser vide : elle sera signalée comme \
                             manquante dans vos documents."
                        ))?;
                        empty = Empty::Allowed;
                    }
                    Empty::Proposal(value) => {
                        self.record(question, Some(Answer::Text(value)))?;
                        return Ok(Nav::Next);
                    }
                },
                Reply::Text(text) => match reply::answer(question, text) {
                    Ok(answer) => {
                        self.record(question, answer)?;
                        return Ok(Nav::Next);
                    }
                    Err(message) => self.say(message)?,
                },
            }
        }
    }

    fn empty_rule(&self, question: &Question, form: bool) -> Empty {
        if !form {
            return Empty::Refused;
        }
        if let Some(vat) = self.vat_proposal(question) {
            return Empty::Proposal(vat);
        }
        if self.catalog.visibility(&self.answers).is_required(question) {
            Empty::Required
        } else {
            Empty::Allowed
        }
    }

    /// The VAT number computed from a valid SIREN, for an empty `tva` field.
    fn vat_proposal(&self, question: &Question) -> Option<String> {
        if question.id != "tva" || self.answers.get(ids::TVA).is_some() {
            return None;
        }
        match self.answers.get(ids::SIREN) {
            Some(Answer::Text(siren)) => vat_from_siren(siren),
            _ => None,
        }
    }

    /// The prompt, the numbered options, the current answer or proposal, and what to type.
    fn present(&mut self, question: &Question, empty: &Empty) -> Result<(), Stop> {
        let required = if *empty == Empty::Required {
            " — obligatoire"
        } else {
            ""
        };
        self.say(format!("{}{required}", question.prompt))?;
        for (i, label) in reply::labels(question).iter().enumerate() {
            self.say(format!("  {}. {label}", i + 1))?;
        }
        let mut hint = reply::hint(question);
        let text = matches!(question.kind, QuestionKind::Text { .. });
        if let Some(current) = self.answers.get(&question.id) {
            self.say(format!(
                "Réponse actuelle : {}",
                question.answer_text(current)
            ))?;
            hint.push_str(" Entrée garde la réponse actuelle");
            hint.push_str(if text {
                " ; « aucun » l'efface."
            } else {
                "."
            });
        } else {
            match empty {
                Empty::Proposal(value) => {
                    self.say(format!("Proposition calculée à partir du SIREN : {value}"))?;
                    hint.push_str(" Entrée accepte la proposition ; « aucun » laisse vide.");
                }
                Empty::Allowed => hint.push_str(" Entrée pour laisser vide."),
                Empty::Refused | Empty::Required => {}
            }
        }
        self.say(hint)
    }

    /// « Pourquoi ? » and the sources.
    fn help(&mut self, question: &Question) -> Result<(), Stop> {
        self.say(format!("Pourquoi ? {}", question.help.trim()))?;
        if !question.references.is_empty() {
            self.say("Sources :")?;
        }
        for reference in &question.references {
            self.say(format!("  - {} : {}", reference.label, reference.url))?;
        }
        Ok(())
    }
}
