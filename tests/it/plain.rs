//! `vigie --plain`, the interview line by line, driven through a pipe as a screen-reader
//! user or a script would; and `vigie` without a terminal.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use predicates::prelude::*;
use vigie::engine::interview::{Step, steps};
use vigie::model::answers::{Answer, Answers, Rating};
use vigie::model::assets::load_catalog;
use vigie::model::catalog::{Catalog, Question, QuestionKind};
use vigie::model::validators::{Validator, vat_from_siren};

use crate::common::vigie;

/// A one-person company with no online channel: the triage, the identity form and the
/// governance module only. Its phone number, required by law, is left empty.
const COMPANY: [(&str, &str); 22] = [
    ("forme", "societe"),
    ("profession_reglementee", "non"),
    ("effectif", "seul"),
    ("dpo", "non"),
    ("canaux", ""),
    ("clientele", "professionnels"),
    ("services", ""),
    ("donnees_particulieres", ""),
    ("secteur", "artisan"),
    ("activites", ""),
    ("denomination", "Atelier Lin"),
    ("forme_juridique", "SARL"),
    ("capital", "1000"),
    ("adresse", "3 rue des Lilas"),
    ("code_postal", "69001"),
    ("ville", "Lyon"),
    ("email", "contact@atelier-lin.fr"),
    ("siren", "732829320"),
    ("immatriculation_registre", "rcs"),
    ("rcs_ville", "Lyon"),
    // An empty line accepts the VAT number computed from the SIREN.
    ("tva", ""),
    ("siret", ""),
];

/// The line that gives `wanted` (an option value, several separated by commas, or a text)
/// to `question`, and the answer it sets. Compliance questions are answered « Conforme ».
fn line_for(question: &Question, wanted: Option<&str>) -> (String, Option<Answer>) {
    let number = |options: &[vigie::model::catalog::ChoiceOption], value: &str| {
        let position = options.iter().position(|o| o.value == value);
        (position.expect("a known option") + 1).to_string()
    };
    match (&question.kind, wanted) {
        (QuestionKind::Conformite(scored), _) => {
            let allowed = scored.ratings();
            let position = allowed.iter().position(|r| *r == Rating::Conforme);
            let line = (position.unwrap() + 1).to_string();
            (line, Some(Answer::Rating(Rating::Conforme)))
        }
        (QuestionKind::Choice { options, .. }, Some(value)) => (
            number(options, value),
            Some(Answer::Choice(value.to_string())),
        ),
        (QuestionKind::Multi { options }, Some(values)) => {
            let values: BTreeSet<String> = values
                .split(',')
                .filter(|v| !v.is_empty())
                .map(str::to_string)
                .collect();
            let numbers: Vec<String> = values.iter().map(|v| number(options, v)).collect();
            let line = if numbers.is_empty() {
                "0".to_string()
            } else {
                numbers.join(", ")
            };
            (line, Some(Answer::Multi(values)))
        }
        (QuestionKind::Text { .. }, Some(text)) if !text.is_empty() => {
            (text.to_string(), Some(Answer::Text(text.to_string())))
        }
        (_, _) => (String::new(), None),
    }
}

/// The lines that answer the interview from the start, as the line mode asks it: the steps
/// recomputed after each answer, and the identity form field by field (a required field
/// left empty takes a second empty line). Stops before the field `stop_at`, if given.
fn script(catalog: &Catalog, wanted: &HashMap<&str, &str>, stop_at: Option<&str>) -> Vec<String> {
    let mut answers = Answers::new();
    let mut lines = Vec::new();
    let mut index = 0;
    while let Some(step) = steps(catalog, &answers, &BTreeSet::new())
        .get(index)
        .cloned()
    {
        match &step {
            Step::Question(id) => {
                let question = catalog.question(id).unwrap();
                let (line, answer) = line_for(question, wanted.get(id.as_str()).copied());
                lines.push(line);
                answers.set(id.clone(), answer.expect("every question is answered"));
            }
            Step::Identity => {
                let mut field = 0;
                while let Some(question) = catalog.identity_fields(&answers).get(field).copied() {
                    if stop_at == Some(question.id.as_str()) {
                        return lines;
                    }
                    let (line, answer) =
                        line_for(question, wanted.get(question.id.as_str()).copied());
                    lines.push(line);
                    match answer {
                        Some(answer) => answers.set(question.id.clone(), answer),
                        None if catalog.visibility(&answers).is_required(question) => {
                            lines.push(String::new());
                        }
                        None => {}
                    }
                    let fields = catalog.identity_fields(&answers);
                    field = fields.iter().position(|f| f.id == question.id).unwrap() + 1;
                }
            }
        }
        let all = steps(catalog, &answers, &BTreeSet::new());
        index = all.iter().position(|s| *s == step).unwrap() + 1;
    }
    assert_eq!(stop_at, None, "the script never reached {stop_at:?}");
    lines
}

fn input(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn answers_file(home: &tempfile::TempDir, slug: &str) -> String {
    let path = home
        .path()
        .join("data/organisations")
        .join(slug)
        .join("reponses.toml");
    std::fs::read_to_string(path).unwrap()
}

fn runs(home: &tempfile::TempDir, slug: &str) -> usize {
    let dir = home
        .path()
        .join("data/organisations")
        .join(slug)
        .join("evaluations");
    std::fs::read_dir(dir)
        .map(|entries| entries.filter(|e| e.is_ok()).count())
        .unwrap_or(0)
}

fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).unwrap()
}

fn assert_documents(dir: &Path) {
    for extension in ["md", "html", "fragment.html", "txt"] {
        let path = dir.join(format!("mentions-legales.{extension}"));
        assert!(path.is_file(), "{} is missing", path.display());
    }
    let notice = std::fs::read_to_string(dir.join("mentions-legales.md")).unwrap();
    assert!(notice.contains("Atelier Lin"), "{notice}");
}

#[test]
fn a_whole_interview_ends_with_the_score_a_recorded_run_and_the_documents() {
    let home = tempfile::tempdir().unwrap();
    let catalog = load_catalog(None).unwrap();
    let documents = home.path().join("documents");
    let mut lines = vec!["Atelier Lin".to_string()];
    lines.extend(script(&catalog, &COMPANY.into_iter().collect(), None));
    lines.push(String::new()); // « Voir les résultats ? (O/n) »
    lines.push(documents.display().to_string());
    let assert = vigie(&home)
        .current_dir(home.path())
        .arg("--plain")
        .write_stdin(input(&lines))
        .assert()
        .success();
    let stdout = stdout_of(&assert);
    assert!(stdout.contains("Question 1 sur "), "{stdout}");
    assert!(stdout.contains("Récapitulatif de vos réponses"), "{stdout}");
    assert!(stdout.contains("Note globale : "), "{stdout}");
    assert!(stdout.contains("Évaluation enregistrée : "), "{stdout}");
    assert!(stdout.contains("Écrit : "), "{stdout}");
    assert!(
        stdout.contains("Cette information est exigée par la loi (LCEN, art. 1-1)"),
        "{stdout}"
    );
    assert!(
        stdout.contains("⚠ mentions-legales : à compléter")
            && stdout.contains(
                "à compléter : téléphone — répondez à la question «\u{a0}telephone\u{a0}»"
            ),
        "{stdout}"
    );
    assert_documents(&documents);
    assert_eq!(runs(&home, "atelier-lin"), 1);
    let saved = answers_file(&home, "atelier-lin");
    let vat = vat_from_siren("732829320").unwrap();
    assert!(saved.contains(&format!("tva = \"{vat}\"")), "{saved}");
    assert!(saved.contains("canaux = []"), "{saved}");

    // Rerun: everything is answered, so straight to the review, where a number reopens a
    // question (Enter keeps its answer); the same answers are not recorded twice, and the
    // documents already there are replaced only once confirmed.
    let rerun = ["1", "1", "", "", &documents.display().to_string(), "o"].map(String::from);
    let assert = vigie(&home)
        .arg("--plain")
        .write_stdin(input(&rerun))
        .assert()
        .success();
    let stdout = stdout_of(&assert);
    assert!(stdout.contains("1. Atelier Lin — "), "{stdout}");
    assert!(stdout.contains("/100, lettre "), "{stdout}");
    assert!(
        stdout.contains("Toutes les questions ont une réponse."),
        "{stdout}"
    );
    assert!(stdout.contains("Vos réponses n'ont pas changé"), "{stdout}");
    assert!(
        stdout.contains("contient déjà des documents de vigie"),
        "{stdout}"
    );
    assert_eq!(runs(&home, "atelier-lin"), 1);
}

#[test]
fn the_end_of_the_input_keeps_the_answers_and_the_next_run_resumes() {
    let home = tempfile::tempdir().unwrap();
    let catalog = load_catalog(None).unwrap();
    let lines = script(&catalog, &COMPANY.into_iter().collect(), None);
    let first = ["Ma Boîte".to_string(), lines[0].clone(), lines[1].clone()];
    vigie(&home)
        .arg("--plain")
        .write_stdin(input(&first))
        .assert()
        .code(130)
        .stderr(predicate::str::contains(
            "Fin de l'entrée : vos réponses sont enregistrées",
        ))
        .stderr(predicate::str::contains("vigie --plain"));
    let saved = answers_file(&home, "ma-boite");
    assert!(saved.contains("forme = \"societe\""), "{saved}");
    assert!(
        saved.contains("profession_reglementee = \"non\""),
        "{saved}"
    );
    assert_eq!(runs(&home, "ma-boite"), 0);

    let assert = vigie(&home)
        .arg("--plain")
        .write_stdin("1\n")
        .assert()
        .code(130);
    let stdout = stdout_of(&assert);
    assert!(
        stdout.contains("1. Ma Boîte — 2 questions sur 25, pas encore évaluée"),
        "{stdout}"
    );
    assert!(stdout.contains("Reprise à la question 3 sur "), "{stdout}");
    let third = steps(&catalog, &Answers::new(), &BTreeSet::new())[2].clone();
    let Step::Question(id) = third else {
        panic!("the triage comes first")
    };
    assert!(
        stdout.contains(&catalog.question(&id).unwrap().prompt),
        "{stdout}"
    );
}

#[test]
fn an_invalid_siret_is_explained_then_a_valid_one_is_accepted() {
    let home = tempfile::tempdir().unwrap();
    let catalog = load_catalog(None).unwrap();
    let wrong = "73282932000075";
    let right = (0..100)
        .map(|n| format!("732829320000{n:02}"))
        .find(|siret| Validator::Siret.check(siret).is_ok())
        .unwrap();
    let error = Validator::Siret.check(wrong).unwrap_err();
    let mut lines = vec!["Atelier Lin".to_string()];
    lines.extend(script(
        &catalog,
        &COMPANY.into_iter().collect(),
        Some("siret"),
    ));
    lines.extend([wrong.to_string(), right.clone(), "q".to_string()]);
    let assert = vigie(&home)
        .arg("--plain")
        .write_stdin(input(&lines))
        .assert()
        .success();
    let stdout = stdout_of(&assert);
    assert!(stdout.contains(&error), "{stdout}");
    assert!(
        stdout.contains("Vos réponses sont enregistrées. Pour reprendre"),
        "{stdout}"
    );
    let saved = answers_file(&home, "atelier-lin");
    assert!(saved.contains(&format!("siret = \"{right}\"")), "{saved}");
}

#[test]
fn a_question_mark_shows_the_help_and_the_sources() {
    let home = tempfile::tempdir().unwrap();
    let catalog = load_catalog(None).unwrap();
    let Step::Question(id) = steps(&catalog, &Answers::new(), &BTreeSet::new())[0].clone() else {
        panic!("the triage comes first")
    };
    let question = catalog.question(&id).unwrap();
    let assert = vigie(&home)
        .arg("--plain")
        .write_stdin("Atelier Lin\n?\nq\n")
        .assert()
        .success();
    let stdout = stdout_of(&assert);
    assert!(stdout.contains("Question 1 sur "), "{stdout}");
    assert!(stdout.contains("Pourquoi ? "), "{stdout}");
    let first_words: String = question.help.chars().take(40).collect();
    assert!(stdout.contains(&first_words), "{stdout}");
    let reference = &question.references[0];
    assert!(
        stdout.contains(&format!("{} : {}", reference.label, reference.url)),
        "{stdout}"
    );
}

#[test]
fn going_back_shows_the_answer_given() {
    let home = tempfile::tempdir().unwrap();
    let assert = vigie(&home)
        .arg("--plain")
        .write_stdin("Atelier Lin\n<\n1\n<\n\nq\n")
        .assert()
        .success();
    let stdout = stdout_of(&assert);
    assert!(stdout.contains("C'est la première question."), "{stdout}");
    assert_eq!(stdout.matches("Question 1 sur ").count(), 3, "{stdout}");
    assert!(
        stdout.contains("Réponse actuelle : Société (SARL"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("Question 2 sur ").count(), 2, "{stdout}");
}

#[test]
fn without_a_terminal_vigie_points_to_the_line_mode() {
    let home = tempfile::tempdir().unwrap();
    vigie(&home)
        .write_stdin("")
        .assert()
        .code(2)
        .stdout(predicate::str::is_empty())
        .stderr(predicate::str::contains("pas relié à un terminal"))
        .stderr(predicate::str::contains("vigie --plain"))
        .stderr(predicate::str::contains("vigie score"));
    vigie(&home)
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("--plain"))
        .stdout(predicate::str::contains("130"));
}

#[test]
fn answers_older_than_twelve_months_are_asked_first_and_confirmed() {
    let home = tempfile::tempdir().unwrap();
    let catalog = load_catalog(None).unwrap();
    let fixture =
        std::fs::read_to_string(crate::common::fixtures().join("answers/boulangerie.toml"))
            .unwrap();
    let file = home.path().join("reponses.toml");
    std::fs::write(
        &file,
        format!("{fixture}\n[dates]\nck_politique = \"2024-01-15\"\n"),
    )
    .unwrap();
    vigie(&home)
        .arg("import")
        .arg(&file)
        .args(["--org", "dupain"])
        .assert()
        .success();
    // Choose the organisation, then confirm the answer shown with an empty line.
    let assert = vigie(&home)
        .arg("--plain")
        .write_stdin("1\n\n")
        .assert()
        .code(130);
    let stdout = stdout_of(&assert);
    assert!(
        stdout.contains("D'abord, 1 réponse de plus de douze mois à revoir (⌛)"),
        "{stdout}"
    );
    let prompt = &catalog.question("ck_politique").unwrap().prompt;
    let asked = stdout
        .find(prompt.as_str())
        .expect("the old answer is asked");
    assert!(
        stdout[asked..].contains("Récapitulatif de vos réponses"),
        "then, everything else being answered, the review:\n{stdout}"
    );
    // What the bakery's services imply is marked so, as in the interface.
    assert!(
        stdout.contains("→ Oui (déduit de vos services)"),
        "the trackers follow from Wix and Google Maps:\n{stdout}"
    );
    let saved = answers_file(&home, "dupain");
    let today = crate::common::TODAY;
    assert!(
        saved.contains(&format!("ck_politique = \"{today}\"")),
        "the answer is confirmed today:\n{saved}"
    );
}
