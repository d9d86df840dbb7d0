//! The update logic, driven by key presses through the key table.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use vigie::documents::Format;
use vigie::engine::interview::Step;
use vigie::model::answers::{Answer, Answers, Rating};

use super::*;
use crate::frontends::tui::keymap::{BINDINGS, dispatch, footer};
use crate::frontends::tui::model::Context;
use crate::frontends::tui::model::{FieldValue, Overlay, ResultsTab, ReviewRow, Screen, StepForm};

fn current_question(model: &Model) -> Option<String> {
    match &model.screen {
        Screen::Interview(_) => match model.org.as_ref()?.cursor.current()? {
            Step::Question(id) => Some(id.clone()),
            Step::Identity => Some("identite".into()),
        },
        _ => None,
    }
}

fn answers(model: &Model) -> &Answers {
    &model.org.as_ref().expect("an organisation is open").answers
}

#[test]
fn the_very_first_launch_goes_straight_to_creating_an_organisation() {
    let mut model = model();
    update(&mut model, Action::HomeLoaded(Vec::new()));
    assert_eq!(model.context(), Context::NewOrg);
    assert_eq!(press_code(&mut model, KeyCode::Enter), vec![]);
    let Screen::NewOrg(form) = &model.screen else {
        panic!("new organisation form expected");
    };
    assert_eq!(
        form.error.as_deref(),
        Some("Donnez un nom à l'organisation.")
    );
    type_text(&mut model, "Boulangerie Dupain");
    assert_eq!(
        press_code(&mut model, KeyCode::Enter),
        vec![Effect::Create("Boulangerie Dupain".into())]
    );
}

#[test]
fn a_name_already_taken_is_refused_with_a_clear_message() {
    let mut model = model();
    update(&mut model, Action::HomeLoaded(home_entries()));
    press_code(&mut model, KeyCode::Char('n'));
    type_text(&mut model, "Boulangerie DUPAIN");
    assert_eq!(press_code(&mut model, KeyCode::Enter), vec![]);
    let Screen::NewOrg(form) = &model.screen else {
        panic!("new organisation form expected");
    };
    assert!(form.error.as_deref().unwrap().contains("existe déjà"));
    // Esc goes back to the list, since organisations exist.
    assert_eq!(press_code(&mut model, KeyCode::Esc), vec![Effect::LoadHome]);
}

#[test]
fn home_opens_deletes_with_confirmation_and_shows_history() {
    let mut model = model();
    update(&mut model, Action::HomeLoaded(home_entries()));
    press_code(&mut model, KeyCode::Down);
    assert_eq!(
        press_code(&mut model, KeyCode::Enter),
        vec![Effect::Open("cabinet-kine".into())]
    );
    assert_eq!(press_code(&mut model, KeyCode::Char('s')), vec![]);
    assert!(matches!(
        model.overlay,
        Some(Overlay::ConfirmDelete { ref slug, .. }) if slug == "cabinet-kine"
    ));
    // "n" cancels, nothing is deleted.
    assert_eq!(press_code(&mut model, KeyCode::Char('n')), vec![]);
    assert!(model.overlay.is_none());
    press_code(&mut model, KeyCode::Char('s'));
    assert_eq!(
        press_code(&mut model, KeyCode::Char('o')),
        vec![Effect::Delete("cabinet-kine".into())]
    );
    // The note of the deletion survives the reload of the list it triggers.
    let effects = update(
        &mut model,
        Action::Deleted {
            name: "cabinet-kine".into(),
            kept_in: "/donnees/corbeille/cabinet-kine".into(),
        },
    );
    assert_eq!(effects, vec![Effect::LoadHome]);
    update(&mut model, Action::HomeLoaded(home_entries()));
    assert!(
        model
            .status
            .as_ref()
            .is_some_and(|s| s.text.contains("supprimée ; une copie reste dans"))
    );
    press_code(&mut model, KeyCode::Down);
    assert_eq!(
        press_code(&mut model, KeyCode::Char('h')),
        vec![Effect::LoadHistory("cabinet-kine".into())]
    );
}

#[test]
fn each_answer_is_saved_and_the_next_question_follows() {
    let mut model = model();
    open(&mut model, "essai", Answers::new(), None);
    assert_eq!(current_question(&model).as_deref(), Some("forme"));
    // "2" moves to the second option; Enter records it and saves.
    press_code(&mut model, KeyCode::Char('2'));
    assert_eq!(press_code(&mut model, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(
        answers(&model).get("forme"),
        Some(&Answer::Choice("entreprise_individuelle".into()))
    );
    assert_eq!(
        current_question(&model).as_deref(),
        Some("profession_reglementee")
    );
}

#[test]
fn back_keeps_the_answers_and_shows_the_one_given() {
    let mut model = model();
    open(&mut model, "essai", Answers::new(), None);
    press_code(&mut model, KeyCode::Char('3'));
    press_code(&mut model, KeyCode::Enter);
    press_code(&mut model, KeyCode::Char('1'));
    press_code(&mut model, KeyCode::Enter);
    press(
        &mut model,
        KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
    );
    assert_eq!(
        current_question(&model).as_deref(),
        Some("profession_reglementee")
    );
    press_code(&mut model, KeyCode::Left);
    assert_eq!(current_question(&model).as_deref(), Some("forme"));
    let Screen::Interview(interview) = &model.screen else {
        panic!("interview expected");
    };
    assert!(matches!(interview.form, StepForm::Choice { cursor: 2, .. }));
    assert_eq!(answers(&model).len(), 2, "going back loses nothing");
}

#[test]
fn several_answers_are_ticked_with_space_and_conditions_apply_at_once() {
    let mut model = model();
    let mut start = Answers::new();
    for (id, value) in [
        ("forme", "societe"),
        ("profession_reglementee", "non"),
        ("effectif", "1"),
        ("dpo", "non"),
    ] {
        start.set(id, Answer::Choice(value.into()));
    }
    open(&mut model, "essai", start, None);
    assert_eq!(current_question(&model).as_deref(), Some("canaux"));
    let steps = |model: &Model| model.org.as_ref().unwrap().cursor.steps().to_vec();
    let total_before = steps(&model).len();
    // Tick the site vitrine only.
    press_code(&mut model, KeyCode::Char(' '));
    press_code(&mut model, KeyCode::Enter);
    assert_eq!(
        answers(&model).get("canaux"),
        Some(&Answer::Multi(["site_vitrine".to_string()].into()))
    );
    assert!(matches!(model.screen, Screen::Interview(_)));
    assert!(
        steps(&model).len() > total_before,
        "the site questions now apply"
    );
    assert!(steps(&model).contains(&Step::Question("sv_ml_presentes".into())));
}

#[test]
fn reopening_resumes_at_the_first_unanswered_question() {
    let mut model = model();
    let mut start = Answers::new();
    start.set("forme", Answer::Choice("association".into()));
    start.set("profession_reglementee", Answer::Choice("non".into()));
    open(&mut model, "essai", start, None);
    assert_eq!(current_question(&model).as_deref(), Some("effectif"));
    let status = model.status.as_ref().expect("a resume note");
    assert!(status.text.starts_with("Reprise à la question 3 sur"));
}

#[test]
fn a_fully_answered_organisation_opens_on_the_review_page() {
    let mut model = model();
    let answers = fixture(&model, "boulangerie");
    open(&mut model, "boulangerie", answers, None);
    assert_eq!(model.context(), Context::Review);
    assert_eq!(
        press_code(&mut model, KeyCode::Char('v')),
        vec![Effect::RecordRun]
    );
}

#[test]
fn a_question_reopened_from_the_review_returns_to_it() {
    let mut model = model();
    let answers = fixture(&model, "boulangerie");
    open(&mut model, "boulangerie", answers, None);
    // The first item is the first triage question.
    press_code(&mut model, KeyCode::Enter);
    assert_eq!(current_question(&model).as_deref(), Some("forme"));
    press_code(&mut model, KeyCode::Char('4'));
    assert_eq!(press_code(&mut model, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(model.context(), Context::Review);
    let Screen::Review(page) = &model.screen else {
        panic!("review expected");
    };
    assert!(matches!(
        &page.rows[page.cursor],
        ReviewRow::Item { answer: Some(a), .. } if a == "Autre structure"
    ));
    // Esc on a question reopened from the review goes back to it, not home.
    press_code(&mut model, KeyCode::Enter);
    assert_eq!(model.context(), Context::Choice);
    assert_eq!(press_code(&mut model, KeyCode::Esc), vec![]);
    assert_eq!(model.context(), Context::Review);
}

#[test]
fn a_text_answer_is_checked_by_its_validator_before_moving_on() {
    let mut model = model();
    let mut start = fixture(&model, "boulangerie");
    start.remove("siren");
    start.remove("tva");
    open(&mut model, "boulangerie", start, None);
    // Reach the identity form from the review page.
    let Screen::Review(page) = &model.screen else {
        panic!("review expected");
    };
    let row = page
        .rows
        .iter()
        .position(
            |r| matches!(r, ReviewRow::Item { label, .. } if label == "Identité et coordonnées"),
        )
        .expect("identity row");
    if let Screen::Review(page) = &mut model.screen {
        page.cursor = row;
    }
    press_code(&mut model, KeyCode::Enter);
    assert_eq!(model.context(), Context::Identity);
    let focus_on = |model: &mut Model, id: &str| {
        if let Screen::Interview(interview) = &mut model.screen
            && let StepForm::Identity { fields, focus } = &mut interview.form
        {
            *focus = fields.iter().position(|f| f.id == id).expect("field shown");
        }
    };
    let field = |model: &Model, id: &str| -> (String, Option<String>, bool) {
        let Screen::Interview(interview) = &model.screen else {
            panic!("interview expected");
        };
        let StepForm::Identity { fields, .. } = &interview.form else {
            panic!("identity expected");
        };
        let f = fields.iter().find(|f| f.id == id).expect("field shown");
        let FieldValue::Text(input) = &f.value else {
            panic!("text field expected");
        };
        (input.value().to_string(), f.error.clone(), f.computed)
    };
    focus_on(&mut model, "siren");
    type_text(&mut model, "732829321");
    let (_, error, _) = field(&model, "siren");
    assert!(error.is_some(), "a wrong check digit is flagged as typed");
    // Enter does not leave a field in error.
    assert_eq!(press_code(&mut model, KeyCode::Enter), vec![]);
    assert_eq!(field(&model, "siren").0, "732829321");
    press_code(&mut model, KeyCode::Backspace);
    type_text(&mut model, "0");
    assert_eq!(field(&model, "siren").1, None);
    assert_eq!(
        field(&model, "tva"),
        ("FR44732829320".to_string(), None, true),
        "the VAT number follows from the SIREN"
    );
    assert_eq!(press_code(&mut model, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(
        answers(&model).get("tva"),
        Some(&Answer::Text("FR44732829320".into()))
    );
    // Moving the cursor in the VAT field keeps it computed; typing makes it the user's.
    focus_on(&mut model, "tva");
    press_code(&mut model, KeyCode::Left);
    assert!(field(&model, "tva").2);
    type_text(&mut model, "1");
    assert!(!field(&model, "tva").2);
}

#[test]
fn pasting_goes_into_the_field_on_one_line() {
    let mut model = model();
    update(&mut model, Action::HomeLoaded(Vec::new()));
    update(&mut model, Action::Paste("Association\ndes amis".into()));
    let Screen::NewOrg(form) = &model.screen else {
        panic!("new organisation form expected");
    };
    assert_eq!(form.input.value(), "Association des amis");
}

#[test]
fn ctrl_c_leaves_with_code_130_and_says_the_answers_are_kept() {
    let mut model = model();
    open(&mut model, "essai", Answers::new(), None);
    press(
        &mut model,
        KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
    );
    assert_eq!(model.exit, Some(130));
    assert!(model.farewell[0].contains("réponses sont enregistrées"));
}

#[test]
fn results_tabs_documents_and_writing() {
    let mut model = model();
    let answers = fixture(&model, "boulangerie");
    open(&mut model, "boulangerie", answers, None);
    show_results(&mut model, None);
    assert_eq!(model.context(), Context::Results);
    press_code(&mut model, KeyCode::Tab);
    let Screen::Results(page) = &model.screen else {
        panic!("results expected");
    };
    assert_eq!(page.tab, ResultsTab::ToVerify);
    press_code(&mut model, KeyCode::Char('d'));
    let Screen::Documents(page) = &model.screen else {
        panic!("documents expected");
    };
    assert!(page.documents.iter().any(|d| d.stem == "mentions-legales"));
    // Untick HTML, then write to the default folder.
    press_code(&mut model, KeyCode::Char('h'));
    assert_eq!(
        press_code(&mut model, KeyCode::Char('e')),
        vec![Effect::Write {
            folder: "/dossier/documents-boulangerie".into(),
            formats: vec![Format::Markdown, Format::Text],
            replace: false,
        }]
    );
    // Files already there: the user is asked before they are replaced.
    update(
        &mut model,
        Action::AskReplace {
            folder: "/dossier/documents-boulangerie".into(),
            formats: vec![Format::Markdown],
            existing: 8,
        },
    );
    assert_eq!(model.context(), Context::Confirm);
    assert!(render(&model, 80, 24).contains("8 fichiers existent déjà"));
    assert_eq!(press_code(&mut model, KeyCode::Char('n')), vec![]);
    assert_eq!(model.context(), Context::Documents);
    update(
        &mut model,
        Action::AskReplace {
            folder: "/dossier/documents-boulangerie".into(),
            formats: vec![Format::Markdown],
            existing: 8,
        },
    );
    assert_eq!(
        press_code(&mut model, KeyCode::Char('o')),
        vec![Effect::Write {
            folder: "/dossier/documents-boulangerie".into(),
            formats: vec![Format::Markdown],
            replace: true,
        }]
    );
    // Esc returns to the results as they were.
    press_code(&mut model, KeyCode::Esc);
    let Screen::Results(page) = &model.screen else {
        panic!("results expected");
    };
    assert_eq!(page.tab, ResultsTab::ToVerify);
}

#[test]
fn the_output_folder_is_typed_in_place() {
    let mut model = model();
    let answers = fixture(&model, "association");
    open(&mut model, "association", answers, None);
    show_results(&mut model, None);
    press_code(&mut model, KeyCode::Char('d'));
    press_code(&mut model, KeyCode::Char('o'));
    assert_eq!(model.context(), Context::Folder);
    press(
        &mut model,
        KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
    );
    type_text(&mut model, "/tmp/site");
    press_code(&mut model, KeyCode::Enter);
    assert_eq!(model.context(), Context::Documents);
    assert!(matches!(
        press_code(&mut model, KeyCode::Char('e')).as_slice(),
        [Effect::Write { folder, .. }] if folder.as_os_str() == "/tmp/site"
    ));
}

#[test]
fn the_help_overlay_opens_and_closes_and_a_small_terminal_blocks_keys() {
    let mut model = model();
    update(&mut model, Action::HomeLoaded(home_entries()));
    press_code(&mut model, KeyCode::Char('?'));
    assert_eq!(model.context(), Context::Help);
    press_code(&mut model, KeyCode::Esc);
    assert_eq!(model.context(), Context::Home);
    update(
        &mut model,
        Action::Resized {
            width: 40,
            height: 10,
        },
    );
    assert_eq!(model.context(), Context::TooSmall);
    assert_eq!(press_code(&mut model, KeyCode::Char('n')), vec![]);
    assert_eq!(model.context(), Context::TooSmall);
}

#[test]
fn every_key_the_footer_shows_does_what_it_says() {
    use Context::*;
    for context in [
        Home, NewOrg, Choice, Multi, Text, Identity, Review, Results, Documents, Folder, Search,
        History, Help, Confirm, TooSmall,
    ] {
        for binding in footer(context) {
            let reachable = binding.keys.iter().any(|key| {
                let event = KeyEvent::new(key.code, key.modifiers);
                dispatch(context, &event).is_some_and(|action| {
                    std::mem::discriminant(&action) == std::mem::discriminant(&binding.action)
                })
            });
            assert!(
                reachable,
                "{context:?}: « {} {} » is shadowed",
                binding.hint, binding.label
            );
        }
    }
    assert!(!BINDINGS.is_empty());
}

#[test]
fn ratings_are_recorded_as_ratings_and_start_on_je_ne_sais_pas() {
    let mut model = model();
    let mut start = fixture(&model, "boulangerie");
    start.remove("sv_ml_presentes");
    open(&mut model, "boulangerie", start, None);
    assert_eq!(current_question(&model).as_deref(), Some("sv_ml_presentes"));
    // Enter alone never claims compliance: the cursor starts on « Je ne sais pas ».
    let Screen::Interview(interview) = &model.screen else {
        panic!("interview expected");
    };
    let StepForm::Choice {
        options, cursor, ..
    } = &interview.form
    else {
        panic!("choice expected");
    };
    assert_eq!(options[*cursor].1, "Je ne sais pas");
    press_code(&mut model, KeyCode::Char('2'));
    press_code(&mut model, KeyCode::Enter);
    assert_eq!(
        answers(&model).get("sv_ml_presentes"),
        Some(&Answer::Rating(Rating::Non))
    );
}

#[test]
fn questions_changed_since_the_last_run_come_first_then_the_review() {
    let mut model = model();
    let start = fixture(&model, "boulangerie");
    let mut run = run_of(&model, &start, "2026-10-02T09:00:00Z");
    // The catalogue reworded this question since that run.
    run.record
        .questions
        .insert("sv_ml_presentes".into(), "0000000000000000".into());
    // A change to a question that does not apply (the bakery has no online shop) is not news.
    run.record
        .questions
        .insert("ec_politique_boutique".into(), "0000000000000000".into());
    open(&mut model, "boulangerie", start, Some(run));
    assert_eq!(current_question(&model).as_deref(), Some("sv_ml_presentes"));
    assert!(
        model
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("1 question nouvelle")
    );
    assert!(render(&model, 80, 24).contains("★ nouveau"));
    // Enter confirms the answer shown; everything else is answered: the review follows.
    assert_eq!(press_code(&mut model, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(model.context(), Context::Review);
    assert_eq!(answers(&model).date("sv_ml_presentes"), Some(day(TODAY)));
}

#[test]
fn answers_older_than_twelve_months_are_offered_for_review_first() {
    let mut model = model();
    let mut start = fixture(&model, "boulangerie");
    start.confirm("ck_politique", day("2025-11-29"));
    start.confirm("sv_ml_presentes", day("2025-11-30"));
    open(&mut model, "boulangerie", start, None);
    assert_eq!(current_question(&model).as_deref(), Some("ck_politique"));
    let screen = render(&model, 100, 24);
    assert!(
        screen.contains("⌛ à revoir (réponse du 29/11/2025)"),
        "{screen}"
    );
    press_code(&mut model, KeyCode::Enter);
    assert_eq!(
        model.context(),
        Context::Review,
        "one answer was due, not two"
    );
    assert_eq!(answers(&model).date("ck_politique"), Some(day(TODAY)));
}

#[test]
fn the_history_compares_any_two_runs_and_returns_to_the_results() {
    let mut model = model();
    let now = fixture(&model, "boulangerie");
    let mut first = now.clone();
    first.set("sv_ml_presentes", Answer::Rating(Rating::Non));
    first.set("ck_refus_facile", Answer::Rating(Rating::Conforme));
    let mut second = now.clone();
    second.set("ck_refus_facile", Answer::Rating(Rating::Conforme));
    let runs = vec![
        run_of(&model, &first, "2026-09-01T09:00:00Z"),
        run_of(&model, &second, "2026-10-01T09:00:00Z"),
        run_of(&model, &now, "2026-11-01T09:00:00Z"),
    ];
    open(&mut model, "boulangerie", now, None);
    show_results(&mut model, None);
    assert_eq!(
        update(&mut model, history_loaded("boulangerie", &runs)),
        vec![],
        "the latest two runs come read in full"
    );
    let changed = |model: &Model| -> Vec<String> {
        let Screen::History(page) = &model.screen else {
            panic!("history expected");
        };
        let diff = page.diff.as_ref().expect("a comparison");
        diff.answers.iter().map(|a| a.question.clone()).collect()
    };
    // By default: the latest run against the one before.
    assert_eq!(changed(&model), ["ck_refus_facile"]);
    // Mark the first run, come back to the latest: the first is read in full only now.
    press_code(&mut model, KeyCode::Home);
    press_code(&mut model, KeyCode::Char(' '));
    assert_eq!(
        press_code(&mut model, KeyCode::End),
        vec![Effect::LoadRuns {
            slug: "boulangerie".into(),
            files: vec![runs[0].file.clone()]
        }]
    );
    update(&mut model, Action::RunsLoaded(vec![runs[0].clone()]));
    assert_eq!(changed(&model), ["ck_refus_facile", "sv_ml_presentes"]);
    assert!(render(&model, 80, 24).contains("Du 01/09/2026 au 01/11/2026"));
    press_code(&mut model, KeyCode::Esc);
    assert_eq!(model.context(), Context::Results);
}

#[test]
fn an_old_identity_is_offered_first_and_finishing_the_form_confirms_it() {
    let mut model = model();
    let mut start = fixture(&model, "boulangerie");
    start.confirm("ville", day("2025-01-10"));
    open(&mut model, "boulangerie", start, None);
    assert_eq!(model.context(), Context::Identity);
    assert_eq!(press_code(&mut model, KeyCode::F(2)), vec![Effect::Save]);
    assert_eq!(answers(&model).date("ville"), Some(day(TODAY)));
    assert_eq!(answers(&model).date("denomination"), Some(day(TODAY)));
    assert_eq!(model.context(), Context::Review);
}

#[test]
fn a_digit_ticks_an_option_of_a_multiple_choice_as_it_picks_one_of_a_single_choice() {
    let mut model = model();
    let mut start = Answers::new();
    for (id, value) in [
        ("forme", "societe"),
        ("profession_reglementee", "non"),
        ("effectif", "seul"),
        ("dpo", "non"),
    ] {
        start.set(id, Answer::Choice(value.into()));
    }
    open(&mut model, "essai", start, None);
    assert_eq!(current_question(&model).as_deref(), Some("canaux"));
    press_code(&mut model, KeyCode::Char('1'));
    press_code(&mut model, KeyCode::Char('3'));
    press_code(&mut model, KeyCode::Char('3'));
    press_code(&mut model, KeyCode::Char('4'));
    assert_eq!(press_code(&mut model, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(
        answers(&model).get("canaux"),
        Some(&Answer::Multi(
            ["site_vitrine", "emailing_sms"]
                .into_iter()
                .map(String::from)
                .collect()
        )),
        "3 pressed twice is unticked"
    );
}

#[test]
fn an_unanswered_choice_proposes_nothing_and_enter_alone_declares_nothing() {
    let mut model = model();
    let mut start = Answers::new();
    for (id, value) in [
        ("forme", "societe"),
        ("profession_reglementee", "non"),
        ("effectif", "seul"),
    ] {
        start.set(id, Answer::Choice(value.into()));
    }
    open(&mut model, "essai", start, None);
    assert_eq!(current_question(&model).as_deref(), Some("dpo"));
    assert!(!render(&model, 80, 24).contains("(•)"), "no DPO proposed");
    assert_eq!(press_code(&mut model, KeyCode::Enter), vec![]);
    assert_eq!(current_question(&model).as_deref(), Some("dpo"));
    assert!(
        model
            .status
            .as_ref()
            .unwrap()
            .text
            .starts_with("Choisissez une réponse")
    );
    assert_eq!(answers(&model).get("dpo"), None);
    press_code(&mut model, KeyCode::Char('2'));
    assert_eq!(press_code(&mut model, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(
        answers(&model).get("dpo"),
        Some(&Answer::Choice("non".into()))
    );
}

#[test]
fn escape_on_the_first_launch_name_prompt_empties_it_and_does_not_quit() {
    let mut model = model();
    update(&mut model, Action::HomeLoaded(Vec::new()));
    type_text(&mut model, "Salon");
    assert_eq!(press_code(&mut model, KeyCode::Esc), vec![]);
    assert!(model.exit.is_none(), "still running");
    let Screen::NewOrg(form) = &model.screen else {
        panic!("new organisation form expected");
    };
    assert_eq!(form.input.value(), "");
    assert!(model.status.as_ref().unwrap().text.contains("Ctrl+C"));
}

#[test]
fn results_are_not_recorded_before_the_first_pass_is_through() {
    let mut model = model();
    let mut start = Answers::new();
    start.set("forme", Answer::Choice("association".into()));
    open(&mut model, "essai", start, None);
    press_code(&mut model, KeyCode::Char('r'));
    assert_eq!(model.context(), Context::Review);
    assert_eq!(press_code(&mut model, KeyCode::Char('v')), vec![]);
    let status = model.status.as_ref().expect("a warning");
    assert!(status.error);
    assert!(
        status
            .text
            .starts_with("Le premier passage n'est pas fini (1 question sur "),
        "{}",
        status.text
    );
    // A fully answered organisation records its run.
    let mut model = super::model();
    let answers = fixture(&model, "boulangerie");
    open(&mut model, "boulangerie", answers, None);
    assert_eq!(
        press_code(&mut model, KeyCode::Char('v')),
        vec![Effect::RecordRun]
    );
}

#[test]
fn enter_on_an_action_opens_its_question_and_comes_back_to_the_results() {
    let mut model = model();
    let start = fixture(&model, "boulangerie");
    open(&mut model, "boulangerie", start, None);
    show_results(&mut model, None);
    let Screen::Results(page) = &model.screen else {
        panic!("results expected");
    };
    let first = page.report.actions[0].question.clone();
    press_code(&mut model, KeyCode::Enter);
    assert_eq!(current_question(&model).as_deref(), Some(first.as_str()));
    // Esc: back to the results as they were.
    assert_eq!(press_code(&mut model, KeyCode::Esc), vec![]);
    assert_eq!(model.context(), Context::Results);
    // Answered: saved, and the results are scored again.
    press_code(&mut model, KeyCode::Enter);
    press_code(&mut model, KeyCode::Char('1'));
    assert_eq!(
        press_code(&mut model, KeyCode::Enter),
        vec![Effect::Save, Effect::RecordRun]
    );
    assert_eq!(
        answers(&model).get(&first),
        Some(&Answer::Rating(Rating::Conforme))
    );
}

#[test]
fn the_review_is_searched_as_one_types() {
    let mut model = model();
    let start = fixture(&model, "boulangerie");
    open(&mut model, "boulangerie", start, None);
    assert_eq!(model.context(), Context::Review);
    let label = |model: &Model| {
        let Screen::Review(page) = &model.screen else {
            panic!("review expected");
        };
        match &page.rows[page.cursor] {
            ReviewRow::Item { label, .. } => label.clone(),
            ReviewRow::Heading(_) => panic!("a heading is never selected"),
        }
    };
    let before = label(&model);
    press_code(&mut model, KeyCode::Char('/'));
    assert_eq!(model.context(), Context::Search);
    type_text(&mut model, "mentions legales");
    assert!(
        label(&model).contains("Mentions légales"),
        "{}",
        label(&model)
    );
    assert!(render(&model, 80, 24).contains("Chercher : mentions legales"));
    // Échap gives the row back; Entrée keeps the one found.
    press_code(&mut model, KeyCode::Esc);
    assert_eq!(model.context(), Context::Review);
    assert_eq!(label(&model), before);
    press_code(&mut model, KeyCode::Char('/'));
    type_text(&mut model, "hébergeur");
    press_code(&mut model, KeyCode::Enter);
    assert_eq!(model.context(), Context::Review);
    assert!(
        label(&model).to_lowercase().contains("hébergeur"),
        "{}",
        label(&model)
    );
}

#[test]
fn the_history_tells_runs_of_one_day_apart_and_its_comparison_scrolls() {
    let mut model = model();
    let now = fixture(&model, "boulangerie");
    let mut before = now.clone();
    before.set("sv_ml_presentes", Answer::Rating(Rating::Non));
    before.set("sv_pc_presente", Answer::Rating(Rating::Conforme));
    let runs = vec![
        run_of(&model, &before, "2026-11-01T09:05:00Z"),
        run_of(&model, &now, "2026-11-01T16:40:00Z"),
    ];
    open(&mut model, "boulangerie", now, None);
    update(&mut model, history_loaded("boulangerie", &runs));
    let screen = render(&model, 100, 30);
    assert!(screen.contains("01/11/2026 09 h 05"), "{screen}");
    assert!(screen.contains("01/11/2026 16 h 40"), "{screen}");
    press_code(&mut model, KeyCode::PageDown);
    let Screen::History(page) = &model.screen else {
        panic!("history expected");
    };
    assert!(page.scroll > 0, "the comparison scrolls");
}

#[test]
fn a_long_list_of_options_is_searched_as_one_types() {
    let mut model = model();
    let mut start = Answers::new();
    for (id, value) in [
        ("forme", "societe"),
        ("profession_reglementee", "non"),
        ("effectif", "seul"),
        ("dpo", "non"),
    ] {
        start.set(id, Answer::Choice(value.into()));
    }
    start.set("canaux", Answer::Multi(["site_vitrine".to_string()].into()));
    start.set(
        "clientele",
        Answer::Multi(["particuliers".to_string()].into()),
    );
    open(&mut model, "essai", start, None);
    assert_eq!(current_question(&model).as_deref(), Some("services"));
    press_code(&mut model, KeyCode::Char('/'));
    assert_eq!(model.context(), Context::Search);
    type_text(&mut model, "planity");
    assert!(render(&model, 80, 24).contains("Chercher : planity"));
    press_code(&mut model, KeyCode::Enter);
    assert_eq!(model.context(), Context::Multi);
    press_code(&mut model, KeyCode::Char(' '));
    assert_eq!(press_code(&mut model, KeyCode::Enter), vec![Effect::Save]);
    assert_eq!(
        answers(&model).get("services"),
        Some(&Answer::Multi(["planity".to_string()].into()))
    );
}

#[test]
fn the_services_are_filtered_as_one_types_and_ticks_survive_the_filter() {
    let mut model = model();
    let mut start = Answers::new();
    for (id, value) in [
        ("forme", "societe"),
        ("profession_reglementee", "non"),
        ("effectif", "seul"),
        ("dpo", "non"),
    ] {
        start.set(id, Answer::Choice(value.into()));
    }
    start.set("canaux", Answer::Multi(["site_vitrine".to_string()].into()));
    start.set(
        "clientele",
        Answer::Multi(["particuliers".to_string()].into()),
    );
    open(&mut model, "essai", start, None);
    assert_eq!(current_question(&model).as_deref(), Some("services"));
    let full = render(&model, 80, 24);
    assert!(full.contains("choix plus bas"), "{full}");
    // Typing « google » (any case, no accents needed) keeps only the Google services.
    press_code(&mut model, KeyCode::Char('/'));
    type_text(&mut model, "GOOGLE");
    // Tall enough for the eight Google services and their category headings.
    let filtered = render(&model, 80, 40);
    let Screen::Interview(interview) = &model.screen else {
        panic!("the interview");
    };
    let visible = interview.visible_options();
    let StepForm::Choice { options, .. } = &interview.form else {
        panic!("a choice");
    };
    assert!(visible.len() >= 2 && visible.len() < options.len());
    for (i, (_, label)) in options.iter().enumerate() {
        let row = format!("] {label}");
        assert_eq!(
            filtered.contains(&row),
            visible.contains(&i) && label.to_lowercase().contains("google"),
            "{label}:\n{filtered}"
        );
    }
    assert!(filtered.contains(&format!("{} choix sur {}", visible.len(), options.len())));
    assert!(!filtered.contains("choix plus bas"), "{filtered}");
    // Entrée keeps the filter; the arrows stay among the options shown; Espace ticks.
    press_code(&mut model, KeyCode::Enter);
    assert_eq!(model.context(), Context::Multi);
    press_code(&mut model, KeyCode::Down);
    press_code(&mut model, KeyCode::Char(' '));
    let Screen::Interview(interview) = &model.screen else {
        panic!("the interview");
    };
    let StepForm::Choice {
        cursor,
        ticked,
        options,
        ..
    } = &interview.form
    else {
        panic!("a choice");
    };
    assert_eq!(*cursor, visible[1]);
    assert_eq!(ticked.iter().copied().collect::<Vec<_>>(), vec![visible[1]]);
    let ticked_label = options[visible[1]].1.clone();
    assert!(render(&model, 80, 24).contains("Filtre « GOOGLE »"));
    // Nothing matches: said, and the list is empty.
    press_code(&mut model, KeyCode::Char('/'));
    type_text(&mut model, "zzz");
    assert!(render(&model, 80, 24).contains("aucun choix ne contient « GOOGLEzzz »"));
    press_code(&mut model, KeyCode::Esc);
    // Échap clears the filter: every option again, the ticked one still ticked.
    press_code(&mut model, KeyCode::Esc);
    let again = render(&model, 80, 24);
    assert!(
        again.contains("choix plus bas") && !again.contains("Filtre"),
        "{again}"
    );
    assert_eq!(current_question(&model).as_deref(), Some("services"));
    assert_eq!(press_code(&mut model, KeyCode::Enter), vec![Effect::Save]);
    let Some(Answer::Multi(services)) = answers(&model).get("services") else {
        panic!("services answered");
    };
    assert_eq!(services.len(), 1, "{ticked_label}");
}

#[test]
fn the_services_are_found_by_their_category_as_well_as_by_their_name() {
    let mut model = model();
    let mut start = Answers::new();
    for (id, value) in [
        ("forme", "societe"),
        ("profession_reglementee", "non"),
        ("effectif", "seul"),
        ("dpo", "non"),
    ] {
        start.set(id, Answer::Choice(value.into()));
    }
    start.set("canaux", Answer::Multi(["site_vitrine".to_string()].into()));
    start.set(
        "clientele",
        Answer::Multi(["particuliers".to_string()].into()),
    );
    open(&mut model, "essai", start, None);
    assert_eq!(current_question(&model).as_deref(), Some("services"));
    // The till software is named by brand: « caisse » finds them by their heading.
    press_code(&mut model, KeyCode::Char('/'));
    type_text(&mut model, "caisse");
    let screen = render(&model, 80, 40);
    for line in [
        "Caisse et encaissement en boutique",
        "] Tiller (SumUp)",
        "] Zelty",
        "] L'Addition",
        "] Hiboutik",
    ] {
        assert!(screen.contains(line), "{line}:\n{screen}");
    }
    assert!(screen.contains("(4 choix sur "), "{screen}");
    assert!(!screen.contains("] Pennylane"), "{screen}");
    // Accents aside: « sante » finds the health software and messaging.
    press_code(&mut model, KeyCode::Esc);
    press_code(&mut model, KeyCode::Char('/'));
    type_text(&mut model, "sante");
    let screen = render(&model, 80, 40);
    for line in [
        "Logiciels et messageries de santé",
        "] Weda",
        "] Mailiz (MSSanté)",
        "] Siilo",
    ] {
        assert!(screen.contains(line), "{line}:\n{screen}");
    }
}
