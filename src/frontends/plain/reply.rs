//! What the user typed: navigation commands, option numbers, yes or no, and the answer a
//! line gives to a question. Pure functions, so that the rules are tested without a console.

use std::collections::BTreeSet;

use vigie::model::answers::Answer;
use vigie::model::catalog::{Question, QuestionKind};

/// A line, as a command or a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply<'a> {
    /// An empty line: keep the current answer (or accept the proposal).
    Empty,
    /// `?`: the help and the sources.
    Help,
    /// `<`: the previous question.
    Back,
    /// Anything else, trimmed.
    Text(&'a str),
}

pub fn reply(line: &str) -> Reply<'_> {
    match line.trim() {
        "" => Reply::Empty,
        "?" => Reply::Help,
        "<" => Reply::Back,
        text => Reply::Text(text),
    }
}

/// `q` (or `quitter`) quits at any prompt.
pub fn is_quit(line: &str) -> bool {
    let line = line.trim();
    line.eq_ignore_ascii_case("q") || line.eq_ignore_ascii_case("quitter")
}

/// « aucun » (or « aucune ») means no value.
fn is_none(text: &str) -> bool {
    let text = text.trim();
    text.eq_ignore_ascii_case("aucun") || text.eq_ignore_ascii_case("aucune")
}

/// The answer to a yes-or-no question whose default is yes: `None` when not understood.
pub fn yes(line: &str) -> Option<bool> {
    match line.trim().to_lowercase().as_str() {
        "" | "o" | "oui" => Some(true),
        "n" | "non" => Some(false),
        _ => None,
    }
}

/// The 0-based index of the option numbered `text` among `count`.
pub fn number(text: &str, count: usize) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=count).contains(&n) => Ok(n - 1),
        _ => Err(format!(
            "« {} » n'est pas l'un des numéros proposés : tapez un numéro de 1 à {count}.",
            text.trim()
        )),
    }
}

/// The 0-based indexes of the options numbered in `text` (separated by spaces or commas);
/// `0` or « aucun » picks none.
pub fn numbers(text: &str, count: usize) -> Result<BTreeSet<usize>, String> {
    if text.trim() == "0" || is_none(text) {
        return Ok(BTreeSet::new());
    }
    let items: Vec<&str> = text
        .split([' ', ',', ';'])
        .filter(|item| !item.is_empty())
        .collect();
    items
        .iter()
        .map(|item| {
            number(item, count).map_err(|_| {
                format!(
                    "« {item} » n'est pas l'un des numéros proposés : tapez des numéros de 1 à \
                     {count} séparés par des espaces ou des virgules, ou 0 pour aucun."
                )
            })
        })
        .collect()
}

/// The numbered options a question offers, as the user reads them.
pub fn labels(question: &Question) -> Vec<&str> {
    match &question.kind {
        QuestionKind::Conformite(scored) => scored
            .ratings()
            .into_iter()
            .map(|r| question.rating_label(r))
            .collect(),
        _ => question
            .options()
            .iter()
            .map(|o| o.label.as_str())
            .collect(),
    }
}

/// The answer a (non-empty, non-command) line gives to a question: `Ok(None)` is « aucun »
/// for a text, which leaves it empty; `Err` says in French what is wrong.
pub fn answer(question: &Question, text: &str) -> Result<Option<Answer>, String> {
    let answer = match &question.kind {
        QuestionKind::Conformite(scored) => {
            let ratings = scored.ratings();
            Answer::Rating(ratings[number(text, ratings.len())?])
        }
        QuestionKind::Choice { options, .. } => {
            Answer::Choice(options[number(text, options.len())?].value.clone())
        }
        QuestionKind::Multi { options } => Answer::Multi(
            numbers(text, options.len())?
                .into_iter()
                .map(|i| options[i].value.clone())
                .collect(),
        ),
        QuestionKind::Text { .. } if is_none(text) => return Ok(None),
        QuestionKind::Text { validator, .. } => {
            let text = validator.completed(text);
            validator.check(&text)?;
            Answer::Text(text)
        }
    };
    Ok(Some(answer))
}

/// What to type, for the line under the options.
pub fn hint(question: &Question) -> String {
    match &question.kind {
        QuestionKind::Conformite(_) | QuestionKind::Choice { .. } => {
            "Tapez le numéro de votre réponse.".to_string()
        }
        QuestionKind::Multi { .. } => "Tapez les numéros qui s'appliquent, séparés par des \
                                       espaces ou des virgules (0 : aucun)."
            .to_string(),
        QuestionKind::Text { validator, .. } => match validator {
            vigie::model::validators::Validator::Libre => "Tapez votre réponse.".to_string(),
            other => format!("Attendu : {}.", other.expected()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use vigie::model::answers::Rating;
    use vigie::model::assets::load_catalog;
    use vigie::model::catalog::Catalog;

    fn catalog() -> Catalog {
        load_catalog(None).expect("the built-in catalogue is valid")
    }

    #[test]
    fn commands_are_recognised_around_spaces() {
        assert_eq!(reply("  "), Reply::Empty);
        assert_eq!(reply(" ? "), Reply::Help);
        assert_eq!(reply("<"), Reply::Back);
        assert_eq!(reply(" 2 "), Reply::Text("2"));
        assert!(is_quit("Q") && is_quit(" quitter "));
        assert!(!is_quit("quatre"));
        assert_eq!(yes(""), Some(true));
        assert_eq!(yes("Oui"), Some(true));
        assert_eq!(yes("n"), Some(false));
        assert_eq!(yes("peut-être"), None);
    }

    #[test]
    fn numbers_are_checked_against_the_options() {
        assert_eq!(number("3", 4), Ok(2));
        assert!(number("5", 4).unwrap_err().contains("de 1 à 4"));
        assert!(number("deux", 4).is_err());
        assert_eq!(numbers("1, 3 3", 4), Ok([0, 2].into()));
        assert_eq!(numbers("2,4", 4), Ok([1, 3].into()));
        assert_eq!(numbers("0", 4), Ok(BTreeSet::new()));
        assert_eq!(numbers("Aucun", 4), Ok(BTreeSet::new()));
        let error = numbers("1 9", 4).unwrap_err();
        assert!(error.starts_with("« 9 »"), "{error}");
    }

    #[test]
    fn a_line_answers_each_kind_of_question() {
        let catalog = catalog();
        let question = |id: &str| catalog.question(id).unwrap();
        assert_eq!(
            answer(question("forme"), "3"),
            Ok(Some(Answer::Choice("association".into())))
        );
        assert_eq!(
            answer(question("canaux"), "1 3"),
            Ok(Some(Answer::Multi(
                ["site_vitrine".to_string(), "reseaux_sociaux".to_string()].into()
            )))
        );
        assert_eq!(
            answer(question("gv_registre"), "1"),
            Ok(Some(Answer::Rating(Rating::Conforme)))
        );
        assert_eq!(
            answer(question("code_postal"), "69001"),
            Ok(Some(Answer::Text("69001".into())))
        );
        assert_eq!(answer(question("siret"), "aucun"), Ok(None));
        let error = answer(question("code_postal"), "Lyon").unwrap_err();
        assert!(error.contains("n'est pas un code postal"), "{error}");
    }

    #[test]
    fn a_compliance_question_offers_its_allowed_ratings() {
        let catalog = catalog();
        let question = catalog.question("gv_registre").unwrap();
        let labels = labels(question);
        assert_eq!(labels[0], "Oui");
        assert!(labels.contains(&"Je ne sais pas"));
        assert_eq!(labels.len(), question.scored().unwrap().ratings().len());
    }
}
