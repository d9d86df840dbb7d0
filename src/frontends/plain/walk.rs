//! The walk through the steps: where to resume, the header of each step, the identity form,
//! going back, and the review before the results. The steps are recomputed after each answer,
//! since answers change which questions apply.

use std::io::{BufRead, Write};

use vigie::engine::interview::{Opening, Step};
use vigie::model::catalog::{Catalog, Module, Role};

use super::question::Nav;
use super::reply::{self, Reply};
use super::{Session, Stop};

fn identity_module(catalog: &Catalog) -> Option<&Module> {
    catalog.modules.iter().find(|m| m.role == Role::Identite)
}

/// What the user wants after the review.
enum Review {
    Results,
    /// Back to the last step.
    Back,
}

impl<R: BufRead, W: Write> Session<'_, R, W> {
    /// Asks every step from where the organisation stands, then reviews the answers; returns
    /// when the user asks for the results.
    pub(super) fn interview(&mut self, opening: &Opening) -> Result<(), Stop> {
        if let Some(note) = opening.note() {
            self.say(format!("\n{note}"))?;
        }
        let mut nav = Nav::Next;
        loop {
            if self.cursor.current().is_none() {
                match self.review()? {
                    Review::Results => return Ok(()),
                    Review::Back => {
                        self.cursor.back(self.catalog, &self.answers);
                        nav = Nav::Back;
                        continue;
                    }
                }
            }
            nav = self.step(nav)?;
            match nav {
                Nav::Next => self.cursor.next(self.catalog, &self.answers),
                Nav::Back => {
                    if !self.cursor.back(self.catalog, &self.answers) {
                        self.say("C'est la première question.")?;
                    }
                }
            }
        }
    }

    /// Asks the step shown (entered going forward or, with `Nav::Back`, backward).
    fn step(&mut self, entered: Nav) -> Result<Nav, Stop> {
        let place = self.cursor.progress(self.catalog, &self.answers);
        let location = if place.module == place.section {
            place.module
        } else {
            format!("{} › {}", place.module, place.section)
        };
        self.say(format!(
            "\nQuestion {} sur {} — {location}",
            place.position, place.total
        ))?;
        match self.cursor.current().cloned() {
            Some(Step::Question(id)) => match self.catalog.question(&id) {
                Some(question) => self.ask(question, false),
                None => Ok(Nav::Next),
            },
            Some(Step::Identity) => self.identity(entered),
            None => Ok(Nav::Next),
        }
    }

    /// The identity form: each field that applies, in turn (entered from its last field when
    /// coming back from the next step).
    fn identity(&mut self, entered: Nav) -> Result<Nav, Stop> {
        if let Some(module) = identity_module(self.catalog) {
            self.say(&module.description)?;
        }
        let mut index = match entered {
            Nav::Next => 0,
            Nav::Back => self
                .catalog
                .identity_fields(&self.answers)
                .len()
                .saturating_sub(1),
        };
        loop {
            let fields = self.catalog.identity_fields(&self.answers);
            let Some(&field) = fields.get(index) else {
                return Ok(Nav::Next);
            };
            let section = self
                .catalog
                .location(&field.id)
                .map(|(_, s)| s.title.clone())
                .unwrap_or_default();
            self.say(format!(
                "\nChamp {} sur {} — {section}",
                index + 1,
                fields.len()
            ))?;
            let nav = self.ask(field, true)?;
            let fields = self.catalog.identity_fields(&self.answers);
            let at = fields
                .iter()
                .position(|f| f.id == field.id)
                .unwrap_or(index);
            index = match nav {
                Nav::Next => at + 1,
                Nav::Back if at == 0 => return Ok(Nav::Back),
                Nav::Back => at - 1,
            };
        }
    }

    /// Lists the answers, then asks whether to see the results; a step's number reopens it.
    fn review(&mut self) -> Result<Review, Stop> {
        loop {
            let all = self.cursor.steps().to_vec();
            self.say("\nRécapitulatif de vos réponses :")?;
            for (i, step) in all.iter().enumerate() {
                self.review_step(i + 1, step)?;
            }
            self.say(
                "\nVoir les résultats ? (O/n) — ou tapez le numéro d'une question pour la modifier.",
            )?;
            loop {
                let line = self.console.ask()?;
                if let Some(yes) = reply::yes(&line) {
                    return if yes {
                        Ok(Review::Results)
                    } else {
                        Err(Stop::Quit)
                    };
                }
                match reply::reply(&line) {
                    Reply::Back => return Ok(Review::Back),
                    Reply::Text(text) => match reply::number(text, all.len()) {
                        Ok(index) => {
                            self.cursor.go_to(index);
                            self.step(Nav::Next)?;
                            self.cursor.go_to(usize::MAX);
                            break;
                        }
                        Err(message) => self.say(message)?,
                    },
                    Reply::Empty | Reply::Help => self.say(
                        "Tapez O pour voir les résultats, n pour quitter, ou le numéro d'une question.",
                    )?,
                }
            }
        }
    }

    /// « 3. Prompt → answer »; the identity form lists its filled fields.
    fn review_step(&mut self, number: usize, step: &Step) -> Result<(), Stop> {
        match step {
            Step::Question(id) => {
                let Some(question) = self.catalog.question(id) else {
                    return Ok(());
                };
                let answer = self
                    .answers
                    .get(id)
                    .map_or_else(|| "(sans réponse)".to_string(), |a| question.answer_text(a));
                // Answered for the user from their services or an earlier « non »: say so.
                let origin = if vigie::engine::interview::deduce::is_deduced(
                    self.catalog,
                    &self.answers,
                    id,
                ) {
                    format!(" ({})", vigie::engine::interview::deduce::origin(question))
                } else {
                    String::new()
                };
                self.say(format!(
                    "  {number}. {} → {answer}{origin}",
                    question.prompt
                ))
            }
            Step::Identity => {
                let title = identity_module(self.catalog).map_or("Identité", |m| m.title.as_str());
                self.say(format!("  {number}. {title} :"))?;
                for field in self.catalog.identity_fields(&self.answers) {
                    if let Some(answer) = self.answers.get(&field.id) {
                        self.say(format!(
                            "       {} → {}",
                            field.prompt,
                            field.answer_text(answer)
                        ))?;
                    }
                }
                Ok(())
            }
        }
    }
}
