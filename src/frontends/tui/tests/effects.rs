//! The effects run by the event loop against a store in a temporary folder.

use vigie::documents::Format;
use vigie::storage::organisation::Organisations;
use vigie::storage::store::Store;

use super::*;
use crate::frontends::tui::perform;

fn store() -> (tempfile::TempDir, Store, Organisations) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::new(dir.path());
    let organisations = Organisations::new(dir.path());
    (dir, store, organisations)
}

#[test]
fn creating_an_organisation_never_overwrites_one_that_exists() {
    let (_dir, store, organisations) = store();
    let mut model = model();
    let answers = fixture(&model, "boulangerie");
    store
        .save_answers("dupain", &answers, &model.catalog)
        .unwrap();
    let action = perform(&organisations, &model, Effect::Create("dupain".into()));
    assert!(matches!(action, Some(Action::Failed(ref m)) if m.contains("existe déjà")));
    assert_eq!(
        store
            .load_answers("dupain", &model.catalog)
            .unwrap()
            .answers,
        answers,
        "the answers are untouched"
    );
    // A new name creates it and opens it, with nothing but its name.
    let Some(Action::Opened(opened)) =
        perform(&organisations, &model, Effect::Create("neuve".into()))
    else {
        panic!("the new organisation opens");
    };
    assert_eq!(opened.answers.len(), 1);
    assert_eq!(opened.answers.organisation_name().as_deref(), Some("neuve"));
    update(&mut model, Action::Opened(opened));
    assert!(store.exists("neuve"));
}

#[test]
fn a_run_is_recorded_once_for_the_same_answers() {
    let (_dir, store, organisations) = store();
    let mut model = model();
    let answers = fixture(&model, "association");
    store
        .save_answers("amis", &answers, &model.catalog)
        .unwrap();
    open(&mut model, "amis", answers, None);
    let Some(Action::RunReady(first)) = perform(&organisations, &model, Effect::RecordRun) else {
        panic!("a run");
    };
    assert!(first.new);
    assert_eq!(first.previous, None);
    update(&mut model, Action::RunReady(first));
    let Some(Action::RunReady(again)) = perform(&organisations, &model, Effect::RecordRun) else {
        panic!("a run");
    };
    assert!(!again.new, "same answers: nothing new recorded");
    assert_eq!(store.runs("amis").unwrap().0.len(), 1);
}

#[test]
fn writing_asks_before_replacing_files_then_replaces_them() {
    let (dir, _, organisations) = store();
    let mut model = model();
    let answers = fixture(&model, "association");
    open(&mut model, "amis", answers, None);
    show_results(&mut model, None);
    press_code(&mut model, ratatui::crossterm::event::KeyCode::Char('d'));
    let folder = dir.path().join("sortie");
    let write = |replace| Effect::Write {
        folder: folder.clone(),
        formats: vec![Format::Markdown],
        replace,
    };
    let Some(Action::Written(paths)) = perform(&organisations, &model, write(false)) else {
        panic!("an empty folder is written at once");
    };
    assert!(paths.iter().all(|p| p.starts_with(&folder) && p.is_file()));
    assert!(matches!(
        perform(&organisations, &model, write(false)),
        Some(Action::AskReplace { existing, .. }) if existing == paths.len()
    ));
    assert!(matches!(
        perform(&organisations, &model, write(true)),
        Some(Action::Written(again)) if again == paths
    ));
}

#[test]
fn deleting_keeps_a_copy_in_the_bin() {
    let (dir, store, organisations) = store();
    let model = model();
    let answers = fixture(&model, "association");
    store
        .save_answers("amis", &answers, &model.catalog)
        .unwrap();
    let Some(Action::Deleted { kept_in, .. }) =
        perform(&organisations, &model, Effect::Delete("amis".into()))
    else {
        panic!("deleted");
    };
    assert!(!store.exists("amis"));
    assert!(kept_in.starts_with(dir.path().join("corbeille")));
    assert!(kept_in.join("reponses.toml").is_file());
}

#[test]
fn a_failed_save_is_shown_until_a_save_succeeds_and_quitting_says_so() {
    let (dir, store, organisations) = store();
    let mut model = model();
    let answers = fixture(&model, "association");
    store
        .save_answers("amis", &answers, &model.catalog)
        .unwrap();
    open(&mut model, "amis", answers, None);
    // The folder can no longer be written (a file took its place: root ignores permissions).
    let folder = dir.path().join("organisations/amis");
    let kept = dir.path().join("amis-de-cote");
    std::fs::rename(&folder, &kept).unwrap();
    std::fs::write(&folder, "").unwrap();
    let saved = perform(&organisations, &model, Effect::Save);
    assert!(matches!(saved, Some(Action::Saved(Some(_)))), "{saved:?}");
    update(&mut model, saved.unwrap());
    let status = model.status.clone().unwrap();
    assert!(status.error);
    assert!(
        status.text.starts_with("Réponse non enregistrée : "),
        "{}",
        status.text
    );
    // A key press clears the message, not the state: it stays on screen.
    model.status = None;
    let screen = render(&model, 100, 30);
    assert!(screen.contains("Réponses non enregistrées"), "{screen}");
    // Quitting now does not claim the answers are saved.
    update(&mut model, Action::Interrupt);
    assert_eq!(model.exit, Some(1));
    assert!(
        model.farewell[0]
            .starts_with("Attention : vos dernières réponses ne sont pas enregistrées"),
        "{:?}",
        model.farewell
    );
    (model.exit, model.farewell) = (None, Vec::new());
    // Once the folder is back, the next save succeeds and the state clears.
    std::fs::remove_file(&folder).unwrap();
    std::fs::rename(&kept, &folder).unwrap();
    let saved = perform(&organisations, &model, Effect::Save).unwrap();
    assert_eq!(saved, Action::Saved(None));
    update(&mut model, saved);
    assert_eq!(model.unsaved, None);
    update(&mut model, Action::Interrupt);
    assert_eq!(model.exit, Some(130));
}

#[test]
fn the_results_write_the_html_report_beside_the_documents_and_say_where() {
    let (dir, store, organisations) = store();
    let mut model = model();
    model.base_folder = dir.path().join("sortie");
    let answers = fixture(&model, "association");
    let name = answers.organisation_name().unwrap();
    store
        .save_answers("amis", &answers, &model.catalog)
        .unwrap();
    open(&mut model, "amis", answers, None);
    // Before any run is recorded, nothing is written and the message says why.
    let early = dir.path().join("tot.html");
    let refused = perform(
        &organisations,
        &model,
        Effect::Report {
            slug: "amis".into(),
            file: early.clone(),
        },
    );
    assert!(
        matches!(refused, Some(Action::Failed(ref m)) if m.contains("aucune évaluation enregistrée")),
        "{refused:?}"
    );
    assert!(!early.exists());

    let ready = perform(&organisations, &model, Effect::RecordRun).unwrap();
    update(&mut model, ready);
    let effects = press_code(&mut model, KeyCode::Char('p'));
    let [Effect::Report { slug, file }] = effects.as_slice() else {
        panic!("p writes the report: {effects:?}");
    };
    assert_eq!(slug, "amis");
    assert_eq!(
        file.parent(),
        Some(model.base_folder.join("documents-amis").as_path()),
        "beside the documents"
    );
    let file_name = file.file_name().unwrap().to_string_lossy().to_string();
    assert!(file_name.starts_with("bilan-rgpd-") && file_name.ends_with(".html"));

    let written = perform(&organisations, &model, effects[0].clone()).unwrap();
    assert_eq!(written, Action::ReportWritten(file.clone()));
    let html = std::fs::read_to_string(file).unwrap();
    assert!(html.contains(&format!("Bilan RGPD de « {name} »")));
    assert!(html.contains("<svg") && html.contains("Historique des évaluations"));
    assert!(
        !html.contains("<script") && !html.contains("<link"),
        "self-contained"
    );

    update(&mut model, written);
    let status = model.status.as_ref().unwrap();
    assert!(!status.error);
    assert!(
        status.text.contains(&file.display().to_string()),
        "{}",
        status.text
    );
}
