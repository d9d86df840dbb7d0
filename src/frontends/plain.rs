//! `vigie --plain`: the interview line by line on standard input and output, for screen
//! readers, pipes and logs. Nothing is drawn: each question is printed with its numbered
//! options, then one line is read. The answers are saved after each one, so quitting, an
//! interruption or the end of the input never loses them.

mod organisation;
mod question;
mod reply;
mod results;
mod walk;

use std::fmt::Display;
use std::io::{BufRead, Write};

use vigie::documents::Templates;
use vigie::engine::interview::Cursor;
use vigie::model::answers::{Answer, Answers};
use vigie::model::catalog::{Catalog, Question};
use vigie::model::date::Date;
use vigie::model::source::french_io_reason;
use vigie::storage::organisation::Organisations;

use crate::frontends::cli::failure::warn;
use crate::frontends::cli::{Failure, exit};

const INTRO: &str = "vigie — auto-évaluation RGPD, mode texte.
Chaque question affiche ses réponses numérotées : tapez un numéro, puis Entrée. Quand \
plusieurs réponses sont possibles, séparez les numéros par des espaces ou des virgules \
(0 : aucune). Entrée seule garde la réponse actuelle. « ? » affiche l'aide et les sources, \
« < » revient à la question précédente, « q » quitte. Vos réponses sont enregistrées après \
chacune.";

const RESUME: &str = "Pour reprendre là où vous en étiez : vigie --plain (ou, depuis ses sources, cargo run --release -- --plain)";

/// Why the conversation ended early.
#[derive(Debug)]
enum Stop {
    /// The user typed `q`.
    Quit,
    /// The input ended.
    EndOfInput,
    /// An error, reported once at the top.
    Failed(Failure),
}

impl From<Failure> for Stop {
    fn from(failure: Failure) -> Self {
        Stop::Failed(failure)
    }
}

/// The line-mode conversation: what it prints, and the lines it reads.
struct Console<R, W> {
    input: R,
    output: W,
}

fn output_failed(error: std::io::Error) -> Stop {
    Stop::Failed(Failure::io(
        format!(
            "écriture impossible sur la sortie ({})",
            french_io_reason(&error)
        ),
        error,
    ))
}

impl<R: BufRead, W: Write> Console<R, W> {
    /// Prints a line (or several); questionnaires and answers may come from elsewhere, so
    /// control characters are shown, never sent to the terminal.
    fn say(&mut self, text: impl Display) -> Result<(), Stop> {
        let text = text.to_string();
        writeln!(self.output, "{}", vigie::model::sanitize::visible(&text)).map_err(output_failed)
    }

    /// Prints the prompt mark and reads one line, trimmed; `q` quits at any prompt.
    fn ask(&mut self) -> Result<String, Stop> {
        write!(self.output, "> ")
            .and_then(|()| self.output.flush())
            .map_err(output_failed)?;
        let mut line = String::new();
        match self.input.read_line(&mut line) {
            Ok(0) => Err(Stop::EndOfInput),
            Ok(_) if reply::is_quit(&line) => Err(Stop::Quit),
            Ok(_) => Ok(line.trim().to_string()),
            Err(error) => Err(Stop::Failed(Failure::io(
                format!(
                    "lecture impossible sur l'entrée ({})",
                    french_io_reason(&error)
                ),
                error,
            ))),
        }
    }
}

/// One organisation's interview: its answers, saved after each change.
struct Session<'s, R, W> {
    console: &'s mut Console<R, W>,
    catalog: &'s Catalog,
    organisations: &'s Organisations,
    slug: String,
    answers: Answers,
    /// Where the interview stands.
    cursor: Cursor,
    today: Date,
}

impl<R: BufRead, W: Write> Session<'_, R, W> {
    fn say(&mut self, text: impl Display) -> Result<(), Stop> {
        self.console.say(text)
    }

    /// Sets (or, with `None`, clears) the answer to `question`, dated today, and saves the
    /// answers.
    fn record(&mut self, question: &Question, answer: Option<Answer>) -> Result<(), Stop> {
        self.cursor.answer(
            self.catalog,
            &mut self.answers,
            &question.id,
            answer,
            self.today,
        );
        self.organisations
            .save_answers(&self.slug, &self.answers, self.catalog)
            .map(|_| ())
            .map_err(|e| {
                eprintln!(
                    "Réponse non enregistrée : le fichier garde les réponses enregistrées avant celle-ci."
                );
                Stop::Failed(e.into())
            })
    }
}

/// `vigie --plain` on the standard input and output.
pub fn run(
    organisations: &Organisations,
    catalog: &Catalog,
    templates: &Templates,
) -> Result<(), Failure> {
    let mut console = Console {
        input: std::io::stdin().lock(),
        output: std::io::stdout().lock(),
    };
    match converse(&mut console, organisations, catalog, templates) {
        Ok(()) => Ok(()),
        Err(Stop::Quit) => {
            let _ = console.say(format!("\nVos réponses sont enregistrées. {RESUME}"));
            Ok(())
        }
        Err(Stop::EndOfInput) => {
            let _ = console.output.flush();
            eprintln!("\nFin de l'entrée : vos réponses sont enregistrées. {RESUME}");
            Err(Failure::Reported(exit::INTERRUPTED))
        }
        Err(Stop::Failed(failure)) => Err(failure),
    }
}

/// The whole conversation: the organisation, the interview, the results and the documents.
fn converse<R: BufRead, W: Write>(
    console: &mut Console<R, W>,
    organisations: &Organisations,
    catalog: &Catalog,
    templates: &Templates,
) -> Result<(), Stop> {
    console.say(INTRO)?;
    let slug = organisation::choose(console, organisations, catalog)?;
    let opened = organisations.open(&slug, catalog).map_err(Failure::from)?;
    for warning in &opened.warnings {
        warn(warning);
    }
    let today = Date::today();
    let latest = opened.latest.as_ref().map(|run| &run.record);
    let (cursor, opening) = Cursor::open(catalog, &opened.answers, latest, today);
    let mut session = Session {
        console,
        catalog,
        organisations,
        slug,
        answers: opened.answers,
        cursor,
        today,
    };
    session.interview(&opening)?;
    session.results(templates)
}
