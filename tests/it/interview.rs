//! The interview as a person goes through it: the hairdresser of issue 13 on her first pass
//! (screens, reading time, keystrokes), and, for every fixture, no question asked whose
//! answer follows from an earlier one or from the services declared.

use vigie::engine::interview::{self, Cursor, Step, deduce};
use vigie::model::answers::{Answer, Answers, Rating};
use vigie::model::answers_file::parse_answers;
use vigie::model::assets::load_catalog;
use vigie::model::catalog::{Catalog, QuestionKind};

use crate::common::{day, fixtures, read};

fn fixture(catalog: &Catalog, name: &str) -> Answers {
    let source = read(&fixtures().join("answers").join(name));
    parse_answers(&source, catalog).unwrap().answers
}

/// What the first pass costs the person.
#[derive(Debug, Default)]
struct Pass {
    screens: usize,
    words: usize,
    keys: usize,
    /// The questions shown, in order.
    asked: Vec<String>,
}

impl Pass {
    /// Minutes: reading at 200 words a minute (the question, its answers and the first
    /// sentence of its « Pourquoi ? », which is what the screen shows until asked for more),
    /// plus one second a keystroke (choosing or typing).
    fn minutes(&self) -> f64 {
        self.words as f64 / 200.0 + self.keys as f64 / 60.0
    }
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Goes through the first pass from nothing, answering each screen as `person` does, as the
/// interface does: one screen per step, steps recomputed after each answer, until the
/// review that ends the first pass (the good practices come after it).
fn first_pass(catalog: &Catalog, person: &Answers) -> (Pass, Answers) {
    walk(catalog, person, true)
}

/// Goes through the interview as `person` answers it: the first pass only, or everything.
/// No question shown may have an answer that follows from earlier ones.
fn walk(catalog: &Catalog, person: &Answers, first_pass_only: bool) -> (Pass, Answers) {
    let today = day(crate::common::TODAY);
    let mut answers = Answers::new();
    let (mut cursor, _) = Cursor::open(catalog, &answers, None, today);
    let mut pass = Pass::default();
    let mut left: Option<Step> = None;
    while let Some(step) = cursor.current().cloned() {
        if first_pass_only
            && left
                .as_ref()
                .is_some_and(|l| interview::ends_first_pass(catalog, &answers, l, Some(&step)))
        {
            break;
        }
        left = Some(step.clone());
        pass.screens += 1;
        assert!(pass.screens < 200, "the interview never ends");
        match step {
            Step::Identity => {
                for field in catalog.identity_fields(&answers) {
                    pass.words += words(&field.prompt);
                    if let Some(Answer::Text(value)) = person.get(&field.id) {
                        // A value already there (deduced) is read, not typed.
                        if answers.get(&field.id).is_none() {
                            pass.keys += value.chars().count();
                        }
                    }
                    pass.keys += 1;
                }
                for field in catalog.identity_fields(&answers) {
                    if let Some(value) = person.get(&field.id) {
                        cursor.answer(catalog, &mut answers, &field.id, Some(value.clone()), today);
                    }
                }
            }
            Step::Question(id) => {
                let question = catalog.question(&id).unwrap();
                assert_eq!(
                    deduce::deduction(catalog, &answers, question),
                    None,
                    "« {id} » is asked although its answer follows from earlier ones"
                );
                pass.asked.push(id.clone());
                pass.words +=
                    words(&question.prompt) + words(interview::help_summary(&question.help));
                let answer = person.get(&id).cloned().unwrap_or_else(|| {
                    panic!("the fixture does not say what she answers to « {id} »")
                });
                pass.keys += match (&question.kind, &answer) {
                    (QuestionKind::Conformite(_), _) => {
                        pass.words += 8;
                        2
                    }
                    (_, Answer::Multi(values)) => {
                        let options = question.options();
                        pass.words += options.iter().map(|o| words(&o.label)).sum::<usize>();
                        // Down the list to the last option ticked, Space on each, Enter.
                        let last = options
                            .iter()
                            .rposition(|o| values.contains(&o.value))
                            .unwrap_or(0);
                        last + values.len() + 1
                    }
                    _ => {
                        pass.words += question
                            .options()
                            .iter()
                            .map(|o| words(&o.label))
                            .sum::<usize>();
                        2
                    }
                };
                cursor.answer(catalog, &mut answers, &id, Some(answer), today);
            }
        }
        cursor.next(catalog, &answers);
    }
    (pass, answers)
}

#[test]
fn the_hairdresser_goes_through_her_first_pass_in_at_most_47_screens_and_20_minutes() {
    let catalog = load_catalog(None).unwrap();
    let person = fixture(&catalog, "coiffeuse-lyon-premier-passage.toml");
    let (pass, answers) = first_pass(&catalog, &person);
    eprintln!(
        "coiffeuse : {} écrans, {} mots, {} frappes, {:.1} minutes\n{:?}",
        pass.screens,
        pass.words,
        pass.keys,
        pass.minutes(),
        pass.asked
    );
    assert!(
        pass.screens <= 47,
        "{} screens: {:?}",
        pass.screens,
        pass.asked
    );
    assert!(pass.minutes() < 20.0, "{:.1} minutes", pass.minutes());
    // What her services imply was never asked, and is recorded.
    for id in ["traceurs", "ck_types", "rs_reseaux", "sv_hebergement_connu"] {
        assert!(!pass.asked.contains(&id.to_string()), "{id} was asked");
        assert!(answers.get(id).is_some(), "{id} was not deduced");
    }
    assert_eq!(
        answers.get("hebergeur_nom"),
        Some(&Answer::Text("Wix.com Ltd.".into())),
        "the host comes from her site builder"
    );
    // « Non » to a page skips its details.
    for id in [
        "sv_ml_acces",
        "sv_pc_acces",
        "rs_responsable_conjoint",
        "gv_registre_a_jour",
    ] {
        assert!(!pass.asked.contains(&id.to_string()), "{id} was asked");
    }
    // The rest of the fixture is good practices, offered after the first pass.
    // Every answer of the fixture is given or deduced: the fixture holds no answer the
    // interview hides or contradicts.
    let (whole, all) = walk(&catalog, &person, false);
    for (id, value) in person.iter() {
        assert_eq!(all.get(id), Some(value), "« {id} »");
    }
    assert!(whole.screens > pass.screens);
}

#[test]
fn no_fixture_is_asked_a_question_whose_answer_follows_from_earlier_ones() {
    let catalog = load_catalog(None).unwrap();
    for entry in std::fs::read_dir(fixtures().join("answers")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let person = fixture(&catalog, &name);
        // `walk` fails on any question asked whose answer was already settled.
        let (pass, answers) = walk(&catalog, &person, false);
        // And every detail of a page the person does not have was answered for them.
        for (_, _, question) in catalog.questions() {
            let Some(gate) = &question.details_of else {
                continue;
            };
            let visibility = catalog.visibility(&answers);
            let lacking = matches!(
                visibility.answer(gate),
                Some(Answer::Rating(Rating::Non | Rating::JeNeSaisPas))
            );
            if lacking && visibility.is_visible(&question.id) {
                assert!(
                    !pass.asked.contains(&question.id),
                    "{name}: « {} » asked after « {gate} »",
                    question.id
                );
                assert_eq!(
                    answers.get(&question.id),
                    answers.get(gate),
                    "{name}: « {} » follows « {gate} »",
                    question.id
                );
            }
        }
    }
}

#[test]
fn vigie_score_deduces_from_the_services_as_the_interview_does() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("reponses.toml");
    std::fs::write(
        &file,
        "format = 1\n[reponses]\ncanaux = [\"site_vitrine\"]\nservices = [\"wix\", \"google_analytics\"]\nck_bandeau = \"non\"\n",
    )
    .unwrap();
    let output = crate::common::vigie(&home)
        .args(["score", file.to_str().unwrap(), "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let ids = |list: &str| -> Vec<String> {
        report[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| item["question"].as_str().unwrap().to_string())
            .collect()
    };
    // The trackers follow from Google Analytics: the cookie module applies. Without a
    // banner its settings are « non »: they lose their points (never « sans réponse »), and
    // the plan says once to install the banner rather than to tune each setting.
    assert!(ids("actions").contains(&"ck_bandeau".to_string()));
    assert!(ids("lost_points").contains(&"ck_refus_facile".to_string()));
    assert!(!ids("actions").contains(&"ck_refus_facile".to_string()));
    assert!(!ids("unanswered").contains(&"ck_refus_facile".to_string()));
    assert!(ids("unanswered").contains(&"ck_politique".to_string()));
}

#[test]
fn vigie_generate_writes_the_documents_of_a_saved_organisation() {
    let home = tempfile::tempdir().unwrap();
    let fixture = crate::common::fixtures().join("answers/coiffeuse-lyon-premier-passage.toml");
    crate::common::vigie(&home)
        .args(["import", fixture.to_str().unwrap(), "--org", "emma"])
        .assert()
        .success();
    let out = home.path().join("documents");
    crate::common::vigie(&home)
        .args([
            "generate",
            "--org",
            "emma",
            "--out",
            out.to_str().unwrap(),
            "--format",
            "md",
        ])
        .assert()
        .success();
    let notice = std::fs::read_to_string(out.join("mentions-legales.md")).unwrap();
    assert!(notice.contains("Garnier"), "{notice}");
    // Its report names it, not its slug.
    crate::common::vigie(&home)
        .args(["score", "--org", "emma", "--save"])
        .assert()
        .success();
    let report = home.path().join("bilan.html");
    crate::common::vigie(&home)
        .args(["report", "--org", "emma", "--format", "html", "--out"])
        .arg(&report)
        .assert()
        .success();
    let html = std::fs::read_to_string(&report).unwrap();
    assert!(html.contains("Bilan RGPD de « Emma Coiffure »"), "{html}");
    // Neither a file nor an organisation: a clear refusal.
    crate::common::vigie(&home)
        .args(["generate", "--out", out.to_str().unwrap()])
        .assert()
        .failure();
}
