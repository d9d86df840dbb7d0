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
use std::path::Path;

use vigie::answers::{Answer, Answers};
use vigie::catalog::{Catalog, Question};
use vigie::date::today;
use vigie::documents::Templates;
use vigie::interview::AskedFirst;
use vigie::paths::Paths;
use vigie::source::french_io_reason;
use vigie::store::Store;

use crate::cli::exit;
use crate::cli::generate::load_templates;
use crate::cli::organisations::{failure, load};

const INTRO: &str = "vigie — auto-évaluation RGPD, mode texte.
Chaque question affiche ses réponses numérotées : tapez un numéro, puis Entrée. Quand \
plusieurs réponses sont possibles, séparez les numéros par des espaces ou des virgules \
(0 : aucune). Entrée seule garde la réponse actuelle. « ? » affiche l'aide et les sources, \
« < » revient à la question précédente, « q » quitte. Vos réponses sont enregistrées après \
chacune.";

const RESUME: &str = "Pour reprendre là où vous en étiez : vigie --plain";

/// Why the conversation ended early.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// The user typed `q`.
    Quit,
    /// The input ended.
    EndOfInput,
    /// An error, already reported on stderr; the exit code.
    Failed(u8),
}

/// The line-mode conversation: what it prints, and the lines it reads.
struct Console<R, W> {
    input: R,
    output: W,
}

fn output_failed(error: &std::io::Error) -> Stop {
    eprintln!(
        "erreur : écriture impossible sur la sortie ({})",
        french_io_reason(error)
    );
    Stop::Failed(exit::RUNTIME)
}

impl<R: BufRead, W: Write> Console<R, W> {
    /// Prints a line (or several); questionnaires and answers may come from elsewhere, so
    /// control characters are shown, never sent to the terminal.
    fn say(&mut self, text: impl Display) -> Result<(), Stop> {
        let text = text.to_string();
        writeln!(self.output, "{}", vigie::sanitize::visible(&text)).map_err(|e| output_failed(&e))
    }

    /// Prints the prompt mark and reads one line, trimmed; `q` quits at any prompt.
    fn ask(&mut self) -> Result<String, Stop> {
        write!(self.output, "> ")
            .and_then(|()| self.output.flush())
            .map_err(|e| output_failed(&e))?;
        let mut line = String::new();
        match self.input.read_line(&mut line) {
            Ok(0) => Err(Stop::EndOfInput),
            Ok(_) if reply::is_quit(&line) => Err(Stop::Quit),
            Ok(_) => Ok(line.trim().to_string()),
            Err(error) => {
                eprintln!(
                    "erreur : lecture impossible sur l'entrée ({})",
                    french_io_reason(&error)
                );
                Err(Stop::Failed(exit::RUNTIME))
            }
        }
    }
}

/// One organisation's interview: its answers, saved after each change.
struct Session<'s, R, W> {
    console: &'s mut Console<R, W>,
    catalog: &'s Catalog,
    store: Store,
    slug: String,
    answers: Answers,
    /// New or changed questions and answers due for review, asked first.
    first: AskedFirst,
    today: String,
}

impl<R: BufRead, W: Write> Session<'_, R, W> {
    fn say(&mut self, text: impl Display) -> Result<(), Stop> {
        self.console.say(text)
    }

    /// Sets (or, with `None`, clears) the answer to `question` and saves the answers.
    fn record(&mut self, question: &Question, answer: Option<Answer>) -> Result<(), Stop> {
        match answer {
            Some(answer) => {
                self.answers.set(question.id.clone(), answer);
                self.answers.confirm(&question.id, self.today.as_str());
            }
            None => {
                self.answers.remove(&question.id);
            }
        }
        self.store
            .save_answers(&self.slug, &self.answers, self.catalog)
            .map(|_| ())
            .map_err(|e| {
                let code = failure(&e);
                eprintln!(
                    "Réponse non enregistrée : le fichier garde les réponses enregistrées avant celle-ci."
                );
                Stop::Failed(code)
            })
    }
}

/// `vigie --plain` on the standard input and output; returns the exit code.
pub fn run(paths: &Paths, catalog: &Catalog, template_dir: Option<&Path>) -> u8 {
    let templates = match load_templates(template_dir) {
        Ok(templates) => templates,
        Err(code) => return code,
    };
    let mut console = Console {
        input: std::io::stdin().lock(),
        output: std::io::stdout().lock(),
    };
    match converse(&mut console, paths, catalog, &templates) {
        Ok(()) => exit::SUCCESS,
        Err(Stop::Quit) => {
            let _ = console.say(format!("\nVos réponses sont enregistrées. {RESUME}"));
            exit::SUCCESS
        }
        Err(Stop::EndOfInput) => {
            let _ = console.output.flush();
            eprintln!("\nFin de l'entrée : vos réponses sont enregistrées. {RESUME}");
            exit::INTERRUPTED
        }
        Err(Stop::Failed(code)) => code,
    }
}

/// The whole conversation: the organisation, the interview, the results and the documents.
fn converse<R: BufRead, W: Write>(
    console: &mut Console<R, W>,
    paths: &Paths,
    catalog: &Catalog,
    templates: &Templates,
) -> Result<(), Stop> {
    console.say(INTRO)?;
    let store = Store::new(&paths.data_dir);
    let slug = organisation::choose(console, &store, catalog)?;
    store.hold(&slug).map_err(|e| Stop::Failed(failure(&e)))?;
    let answers = load(paths, catalog, &slug).map_err(Stop::Failed)?;
    let (mut latest, _) = store.latest_runs(&slug, 1).unwrap_or_default();
    let latest = latest.pop().map(|run| run.record);
    let today = today();
    let mut session = Session {
        console,
        catalog,
        store,
        slug,
        first: AskedFirst::of(catalog, &answers, latest.as_ref(), &today),
        answers,
        today,
    };
    session.interview()?;
    session.results(templates)
}
