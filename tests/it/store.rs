//! The store: answers and runs of organisations on disk, and the commands over them.

use predicates::prelude::*;
use vigie::engine::interview::new_since;
use vigie::engine::scoring::score;
use vigie::model::answers::Answer;
use vigie::model::assets::load_catalog;
use vigie::storage::run::{RunRecord, question_fingerprint};
use vigie::storage::store::Store;

use crate::common::vigie;
use crate::documents::answers;

#[test]
fn answers_and_runs_round_trip() {
    let home = tempfile::tempdir().unwrap();
    let store = Store::new(home.path());
    let catalog = load_catalog(None).unwrap();
    let original = answers("boulangerie");
    store
        .save_answers("boulangerie", &original, &catalog)
        .unwrap();
    let loaded = store.load_answers("boulangerie", &catalog).unwrap();
    assert_eq!(loaded.answers, original);
    assert!(loaded.warnings.is_empty());

    let report = score(&catalog, &original);
    let record = RunRecord::new(
        &catalog,
        &original,
        report.clone(),
        Vec::new(),
        "2026-11-29T10:00:00Z".into(),
    );
    store.save_run("boulangerie", &record).unwrap();
    let second = RunRecord::new(
        &catalog,
        &original,
        report,
        Vec::new(),
        "2026-11-29T10:00:00Z".into(),
    );
    store.save_run("boulangerie", &second).unwrap();
    let (runs, problems) = store.runs("boulangerie").unwrap();
    assert!(problems.is_empty());
    assert_eq!(runs.len(), 2, "a run of the same second gets its own file");
    assert_eq!(runs[0].record, record);
    assert_eq!(runs[0].file, "2026-11-29T10-00-00Z.toml");
    assert_eq!(runs[1].file, "2026-11-29T10-00-00Z-2.toml");
    // Listings read only the head of each file, and the last ones first.
    let (summaries, problems) = store.summaries("boulangerie", 1).unwrap();
    assert!(problems.is_empty());
    assert_eq!(summaries.len(), 1);
    assert_eq!(summaries[0].0, "2026-11-29T10-00-00Z-2.toml");
    assert_eq!(summaries[0].1, runs[1].summary());
    assert_eq!(summaries[0].1.score, record.score);
}

#[cfg(unix)]
#[test]
fn files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let store = Store::new(home.path());
    let catalog = load_catalog(None).unwrap();
    let path = store
        .save_answers("asso", &answers("association"), &catalog)
        .unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o600);
    assert_eq!(mode(path.parent().unwrap()), 0o700);
}

#[test]
fn a_file_from_a_newer_vigie_is_never_overwritten() {
    let home = tempfile::tempdir().unwrap();
    let store = Store::new(home.path());
    let catalog = load_catalog(None).unwrap();
    let path = store
        .save_answers("asso", &answers("association"), &catalog)
        .unwrap();
    std::fs::write(&path, "format = 2\n[reponses]\nnouveau = true\n").unwrap();
    let error = store
        .save_answers("asso", &answers("association"), &catalog)
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("créé par une version plus récente de vigie"),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "format = 2\n[reponses]\nnouveau = true\n"
    );
}

#[test]
fn a_corrupt_run_is_set_aside_and_the_others_still_load() {
    let home = tempfile::tempdir().unwrap();
    let store = Store::new(home.path());
    let catalog = load_catalog(None).unwrap();
    let original = answers("association");
    store.save_answers("asso", &original, &catalog).unwrap();
    let record = RunRecord::new(
        &catalog,
        &original,
        score(&catalog, &original),
        Vec::new(),
        "2026-11-01T09:00:00Z".into(),
    );
    store.save_run("asso", &record).unwrap();
    let runs_dir = store.organisation_dir("asso").join("evaluations");
    std::fs::write(
        runs_dir.join("2026-11-02T09-00-00Z.toml"),
        "format = 1\nscore = [\n",
    )
    .unwrap();
    std::fs::write(runs_dir.join("2026-11-03T09-00-00Z.toml"), "format = 9\n").unwrap();
    let (runs, problems) = store.runs("asso").unwrap();
    assert_eq!(runs.len(), 1);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("fichier illisible") && p.contains("mis de côté"))
    );
    assert!(problems.iter().any(|p| p.contains("version plus récente")));
    let names: Vec<String> = std::fs::read_dir(&runs_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n.starts_with("2026-11-02T09-00-00Z.toml.corrompu-")),
        "{names:?}"
    );
    assert!(
        names.contains(&"2026-11-03T09-00-00Z.toml".to_string()),
        "the newer file is left intact"
    );
}

#[test]
fn import_score_save_history_orgs_and_export() {
    let home = tempfile::tempdir().unwrap();
    let fixture = crate::common::fixtures().join("answers/boulangerie.toml");
    vigie(&home)
        .arg("orgs")
        .assert()
        .success()
        .stdout(predicate::str::contains("Aucune organisation enregistrée"));
    vigie(&home)
        .arg("import")
        .arg(&fixture)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Organisation « boulangerie-dupain » enregistrée",
        ));
    vigie(&home)
        .arg("import")
        .arg(&fixture)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "existe déjà ; ses réponses n'ont pas été modifiées",
        ));
    vigie(&home)
        .args(["score", "--org", "boulangerie-dupain", "--save"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Note globale : 28/100"))
        .stderr(predicate::str::contains("Évaluation enregistrée : "));
    // The owner publishes a privacy policy, then reruns.
    let store = Store::new(&home.path().join("data"));
    let catalog = load_catalog(None).unwrap();
    let mut improved = answers("boulangerie");
    improved.set(
        "sv_pc_presente",
        Answer::Rating(vigie::model::answers::Rating::Conforme),
    );
    store
        .save_answers("boulangerie-dupain", &improved, &catalog)
        .unwrap();
    vigie(&home)
        .args([
            "score",
            "--org",
            "boulangerie-dupain",
            "--save",
            "--format",
            "json",
        ])
        .assert()
        .success();
    let output = vigie(&home)
        .args(["history", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let runs = json["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0]["score"], 28);
    assert!(runs[1]["change"].as_i64().unwrap() > 0, "{json}");
    vigie(&home).arg("orgs").assert().success().stdout(
        predicate::str::is_match(r"boulangerie-dupain\s+31/100  E  1er décembre 2026  \+3")
            .unwrap(),
    );
    let output = vigie(&home)
        .args(["export", "--org", "boulangerie-dupain"])
        .output()
        .unwrap();
    let exported = String::from_utf8(output.stdout).unwrap();
    assert!(exported.starts_with("format = 1\n"));
    assert!(exported.contains("sv_pc_presente = \"conforme\""));
    vigie(&home)
        .args(["export", "--org", "inconnue"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "aucune organisation « inconnue » ; organisations : boulangerie-dupain",
        ));
    vigie(&home).args(["score", "--save"]).assert().code(2);
}

#[test]
fn diff_shows_what_improved_between_two_runs() {
    let home = tempfile::tempdir().unwrap();
    let fixture = crate::common::fixtures().join("answers/boulangerie.toml");
    vigie(&home).arg("import").arg(&fixture).assert().success();
    vigie(&home)
        .args(["diff"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("moins de deux évaluations"));
    vigie(&home)
        .args(["score", "--org", "boulangerie-dupain", "--save"])
        .assert()
        .success();
    let store = Store::new(&home.path().join("data"));
    let catalog = load_catalog(None).unwrap();
    let mut improved = answers("boulangerie");
    improved.set(
        "sv_pc_presente",
        Answer::Rating(vigie::model::answers::Rating::Conforme),
    );
    improved.set(
        "hebergeur_adresse",
        Answer::Text("1 rue du Port, 13002 Marseille".into()),
    );
    store
        .save_answers("boulangerie-dupain", &improved, &catalog)
        .unwrap();
    vigie(&home)
        .args(["score", "--org", "boulangerie-dupain", "--save"])
        .assert()
        .success();
    vigie(&home)
        .arg("diff")
        .assert()
        .success()
        .stdout(predicate::str::contains("Note globale : 28 → 31 (+3)"))
        .stdout(predicate::str::contains("Actions réglées (1)"))
        .stdout(predicate::str::contains("sv_pc_presente : non → conforme"))
        .stdout(predicate::str::contains(
            "question hebergeur_adresse⟧,-] {+1 rue du Port, 13002 Marseille,+}",
        ));
    let output = vigie(&home)
        .args(["diff", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["overall"]["before"], 28);
    assert_eq!(json["overall"]["after"], 31);
    assert_eq!(json["documents"][0]["stem"], "mentions-legales");
}

#[test]
fn report_writes_a_self_contained_file_with_the_history_chart() {
    let home = tempfile::tempdir().unwrap();
    let fixture = crate::common::fixtures().join("answers/kinesitherapeute.toml");
    vigie(&home)
        .arg("import")
        .arg(&fixture)
        .args(["--org", "julien-martin"])
        .assert()
        .success();
    let out = home.path().join("rapport.html");
    vigie(&home)
        .args(["report", "--format", "html", "--out"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "n'a pas encore d'évaluation enregistrée",
        ));
    vigie(&home)
        .args(["score", "--org", "julien-martin", "--save"])
        .assert()
        .success()
        .stderr(predicate::str::contains("Évaluation enregistrée"));
    // The same answers again: nothing new is recorded, as in the interface.
    vigie(&home)
        .args(["score", "--org", "julien-martin", "--save"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Réponses inchangées depuis l'évaluation du 1er décembre 2026 : aucune nouvelle évaluation enregistrée.",
        ));
    let runs = home
        .path()
        .join("data/organisations/julien-martin/evaluations");
    assert_eq!(std::fs::read_dir(&runs).unwrap().count(), 1);
    // A changed answer makes a second run.
    let catalog = load_catalog(None).unwrap();
    let store = Store::new(&home.path().join("data"));
    let mut answers = store
        .load_answers("julien-martin", &catalog)
        .unwrap()
        .answers;
    answers.set(
        "sv_pc_presente",
        Answer::Rating(vigie::model::answers::Rating::Non),
    );
    store
        .save_answers("julien-martin", &answers, &catalog)
        .unwrap();
    vigie(&home)
        .args(["score", "--org", "julien-martin", "--save"])
        .assert()
        .success();
    assert_eq!(std::fs::read_dir(&runs).unwrap().count(), 2);
    vigie(&home)
        .args(["report", "--format", "html", "--out"])
        .arg(&out)
        .assert()
        .success();
    let html = std::fs::read_to_string(&out).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("<svg") && html.contains("<polyline"),
        "the history chart"
    );
    assert!(html.contains("Plan d'action") && html.contains("Historique des évaluations"));
    assert!(
        html.contains("ni un avis juridique ni un certificat"),
        "what was not checked"
    );
    assert!(!html.contains("<script"), "self-contained, no script");
    let md = home.path().join("rapport.md");
    vigie(&home)
        .args(["report", "--format", "md", "--out"])
        .arg(&md)
        .assert()
        .success();
    let text = std::fs::read_to_string(&md).unwrap();
    assert!(text.contains("| Date | Note | Lettre | Évolution |"));
    let json = home.path().join("rapport.json");
    vigie(&home)
        .args(["report", "--format", "json", "--out"])
        .arg(&json)
        .assert()
        .success();
    let value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert_eq!(value["history"].as_array().unwrap().len(), 2);
    assert!(value["report"]["score"].is_u64());
}

#[test]
fn a_run_of_format_1_with_its_full_report_still_reads() {
    let home = tempfile::tempdir().unwrap();
    let store = Store::new(home.path());
    let catalog = load_catalog(None).unwrap();
    let original = answers("association");
    store.save_answers("asso", &original, &catalog).unwrap();
    let runs_dir = store.organisation_dir("asso").join("evaluations");
    std::fs::create_dir_all(&runs_dir).unwrap();
    // Written by vigie before run files became small (98 KB, with the full report).
    let old = crate::common::fixtures().join("runs/format-1.toml");
    std::fs::copy(&old, runs_dir.join("2026-06-01T08-00-00Z.toml")).unwrap();
    let (runs, problems) = store.runs("asso").unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let run = &runs[0].record;
    assert_eq!((run.format, run.score), (1, Some(35)));
    assert_eq!(run.modules.get("site_vitrine"), Some(&65));
    let recorded = run
        .recorded_report
        .clone()
        .expect("format 1 keeps its report");
    assert_eq!(run.report(&catalog), recorded);
    assert_eq!(
        run.answers
            .get("dates")
            .map(|d| d.as_table().unwrap().len() > 10),
        Some(true)
    );
    // A run of today's format of the same answers: small, and the same report read back.
    let record = RunRecord::new(
        &catalog,
        &original,
        score(&catalog, &original),
        Vec::new(),
        "2026-11-01T09:00:00Z".into(),
    );
    let path = store.save_run("asso", &record).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size < 20 * 1024, "{size} octets");
    let (runs, _) = store.runs("asso").unwrap();
    assert_eq!(runs[1].record, record);
    assert_eq!(runs[1].record.report(&catalog), score(&catalog, &original));
    let (summaries, _) = store.summaries("asso", 2).unwrap();
    assert_eq!(summaries[0].1.score, Some(35));
    assert_eq!(summaries[1].1.score, record.score);
}

#[test]
fn runs_keep_question_fingerprints_and_answer_dates_after_the_head() {
    let home = tempfile::tempdir().unwrap();
    let store = Store::new(home.path());
    let catalog = load_catalog(None).unwrap();
    let mut original = answers("boulangerie");
    original.confirm_undated(crate::common::day("2026-11-29"));
    original.confirm("sv_pc_presente", crate::common::day("2025-06-12"));
    store
        .save_answers("boulangerie", &original, &catalog)
        .unwrap();
    let loaded = store.load_answers("boulangerie", &catalog).unwrap();
    assert_eq!(loaded.answers, original, "dates round-trip");
    assert_eq!(
        loaded.answers.date("sv_pc_presente"),
        Some(crate::common::day("2025-06-12"))
    );

    let record = RunRecord::new(
        &catalog,
        &original,
        score(&catalog, &original),
        Vec::new(),
        "2026-11-29T10:00:00Z".into(),
    );
    let question = catalog.question("sv_pc_presente").unwrap();
    assert_eq!(
        record.questions.get("sv_pc_presente"),
        Some(&question_fingerprint(question))
    );
    let path = store.save_run("boulangerie", &record).unwrap();
    let (runs, problems) = store.runs("boulangerie").unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(runs[0].record, record);
    assert!(new_since(&catalog, &runs[0].record).is_empty());

    let text = std::fs::read_to_string(path).unwrap();
    let head_end = text.find("\n[").unwrap();
    let questions = text.find("\n[questions]\n").unwrap();
    assert!(head_end <= questions, "the table comes after the head");
    assert!(
        text[..head_end].contains("\ngrade = "),
        "{}",
        &text[..head_end]
    );
    assert!(text.contains("\n[dates]\n2025-06-12 = [\"sv_pc_presente\"]\n"));
    let (summaries, _) = store.summaries("boulangerie", 1).unwrap();
    assert_eq!(summaries[0].1, runs[0].summary());
}

#[test]
fn a_run_written_before_fingerprints_still_loads_and_falls_back_on_versions() {
    let home = tempfile::tempdir().unwrap();
    let store = Store::new(home.path());
    let catalog = load_catalog(None).unwrap();
    let mut original = answers("boulangerie");
    original.remove("sv_ml_texte");
    store
        .save_answers("boulangerie", &original, &catalog)
        .unwrap();
    let record = RunRecord::new(
        &catalog,
        &original,
        score(&catalog, &original),
        Vec::new(),
        "2026-11-01T09:00:00Z".into(),
    );
    let path = store.save_run("boulangerie", &record).unwrap();
    let mut table: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    table.remove("questions");
    for version in table["catalog"].as_array_mut().unwrap() {
        if version["id"].as_str() == Some("site_vitrine") {
            version["version"] = toml::Value::Integer(0);
        }
    }
    std::fs::write(&path, toml::to_string(&table).unwrap()).unwrap();
    let (runs, problems) = store.runs("boulangerie").unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let old = &runs[0].record;
    assert!(old.questions.is_empty());
    let new = new_since(&catalog, old);
    assert!(
        new.contains("sv_ml_texte"),
        "unanswered in a module whose version changed: {new:?}"
    );
    assert!(!new.contains("sv_pc_presente"), "answered in the run");
    assert!(
        new.iter().all(|id| id.starts_with("sv_")),
        "only the module whose version changed: {new:?}"
    );
}

/// A copy of the built-in `site-vitrine.toml` with the prompt of `sv_pc_presente` reworded,
/// in a folder for `--questionnaires`.
fn reworded_site_questionnaire(home: &tempfile::TempDir) -> std::path::PathBuf {
    let dir = home.path().join("mes-questionnaires");
    std::fs::create_dir_all(&dir).unwrap();
    let builtin = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires/site-vitrine.toml"),
    )
    .unwrap();
    let at = builtin.find("id = \"sv_pc_presente\"").unwrap();
    let prompt = at + builtin[at..].find("prompt = \"").unwrap() + "prompt = \"".len();
    let reworded = format!("{}Reformulée : {}", &builtin[..prompt], &builtin[prompt..]);
    std::fs::write(dir.join("site-vitrine.toml"), reworded).unwrap();
    dir
}

#[test]
fn score_names_the_questions_changed_since_the_last_run() {
    let home = tempfile::tempdir().unwrap();
    let fixture = crate::common::fixtures().join("answers/boulangerie.toml");
    vigie(&home).arg("import").arg(&fixture).assert().success();
    vigie(&home)
        .args(["score", "--org", "boulangerie-dupain", "--save"])
        .assert()
        .success()
        .stderr(predicate::str::contains("nouvelle").not());
    vigie(&home)
        .args(["score", "--org", "boulangerie-dupain"])
        .assert()
        .success()
        .stderr(predicate::str::contains("nouvelle").not());
    let dir = reworded_site_questionnaire(&home);
    vigie(&home)
        .args(["score", "--org", "boulangerie-dupain", "--questionnaires"])
        .arg(&dir)
        .assert()
        .success()
        .stderr(
            predicate::str::is_match(
                r"1 question nouvelle ou modifiée depuis l'évaluation du \d+(er)? \w+ 20\d\d : sv_pc_presente\.\n",
            )
            .unwrap(),
        )
        .stdout(predicate::str::contains("Note globale : 28/100"));
    let output = vigie(&home)
        .args(["review", "--format", "json", "--questionnaires"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["organisation"], "boulangerie-dupain");
    assert_eq!(json["new"][0]["id"], "sv_pc_presente");
    assert!(
        json["new"][0]["prompt"]
            .as_str()
            .unwrap()
            .starts_with("Reformulée : ")
    );
    assert_eq!(json["new"].as_array().unwrap().len(), 1);
    assert_eq!(json["stale"].as_array().unwrap().len(), 0);
}

#[test]
fn answers_twelve_months_old_are_offered_for_review() {
    let home = tempfile::tempdir().unwrap();
    let fixture = crate::common::fixtures().join("answers/boulangerie.toml");
    vigie(&home).arg("import").arg(&fixture).assert().success();
    vigie(&home)
        .args(["review", "--org", "boulangerie-dupain"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "« boulangerie-dupain » n'a pas encore d'évaluation enregistrée.\nRien à revoir.\n",
        ));
    let store = Store::new(&home.path().join("data"));
    let catalog = load_catalog(None).unwrap();
    let mut answers = store
        .load_answers("boulangerie-dupain", &catalog)
        .unwrap()
        .answers;
    answers.confirm("sv_ml_presentes", crate::common::day("2020-01-01"));
    store
        .save_answers("boulangerie-dupain", &answers, &catalog)
        .unwrap();
    vigie(&home)
        .args(["score", "--org", "boulangerie-dupain"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "1 réponse date de plus de douze mois : sv_ml_presentes (à revoir).\n",
        ));
    vigie(&home)
        .arg("review")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Réponses de plus de douze mois, à revoir (1)\n  - sv_ml_presentes (du 1er janvier 2020) : Votre site a-t-il une page « Mentions légales » ?\n",
        ));
    // Many: the note names the first ten and says where to see them all.
    let ids: Vec<String> = answers.iter().map(|(id, _)| id.clone()).collect();
    for id in &ids {
        answers.confirm(id, crate::common::day("2020-01-01"));
    }
    store
        .save_answers("boulangerie-dupain", &answers, &catalog)
        .unwrap();
    let due = vigie::engine::interview::stale(
        &catalog,
        &answers,
        crate::common::day(crate::common::TODAY),
    )
    .len();
    assert!(due > 10 && due < ids.len(), "hidden questions are not due");
    vigie(&home)
        .args(["score", "--org", "boulangerie-dupain"])
        .assert()
        .success()
        .stderr(
            predicate::str::is_match(format!(
                r"^{due} réponses datent de plus de douze mois : (\w+, ){{9}}\w+… et {} autres \(à revoir\)\. Liste complète : vigie review --org boulangerie-dupain\n$",
                due - 10
            ))
            .unwrap(),
        );
    // Once checked, they are confirmed in one go, and nothing is due any more.
    vigie(&home)
        .args(["review", "--org", "boulangerie-dupain", "--confirm"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{due} réponses confirmées"
        )));
    let confirmed = store
        .load_answers("boulangerie-dupain", &catalog)
        .unwrap()
        .answers;
    assert!(
        vigie::engine::interview::stale(
            &catalog,
            &confirmed,
            crate::common::day(crate::common::TODAY)
        )
        .is_empty()
    );
    assert_eq!(confirmed.len(), answers.len(), "no answer lost");
}

#[test]
fn import_dates_the_answers_that_have_no_date() {
    let home = tempfile::tempdir().unwrap();
    let catalog = load_catalog(None).unwrap();
    let fixture = crate::common::fixtures().join("answers/boulangerie.toml");
    let mut text = std::fs::read_to_string(&fixture).unwrap();
    text.push_str("\n[dates]\nsv_ml_presentes = \"2025-06-12\"\n");
    let file = home.path().join("reponses.toml");
    std::fs::write(&file, text).unwrap();
    let count = answers("boulangerie").len();
    let output = vigie(&home).arg("import").arg(&file).output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.contains(&format!(
            "{} réponses sans date dans le fichier ont été datées du 1er décembre 2026 (jour de l'import).",
            count - 1,
        )),
        "{stdout}"
    );
    let stored = Store::new(&home.path().join("data"))
        .load_answers("boulangerie-dupain", &catalog)
        .unwrap()
        .answers;
    assert_eq!(
        stored.date("sv_ml_presentes"),
        Some(crate::common::day("2025-06-12")),
        "kept"
    );
    assert_eq!(
        stored.date("sv_pc_presente"),
        Some(crate::common::day(crate::common::TODAY))
    );
    let output = vigie(&home)
        .args(["export", "--org", "boulangerie-dupain"])
        .output()
        .unwrap();
    let exported = String::from_utf8(output.stdout).unwrap();
    assert!(exported.contains("\n[dates]\n"), "{exported}");
}

#[test]
fn deleting_an_organisation_needs_confirmation_and_keeps_a_copy() {
    let home = tempfile::tempdir().unwrap();
    let fixture = crate::common::fixtures().join("answers/association.toml");
    vigie(&home)
        .arg("import")
        .arg(&fixture)
        .args(["--org", "amis"])
        .assert()
        .success();
    vigie(&home)
        .args(["delete", "--org", "amis"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ajoutez --yes"));
    vigie(&home)
        .args(["delete", "--org", "inconnue", "--yes"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("aucune organisation « inconnue »"));
    vigie(&home)
        .args(["delete", "--org", "amis", "--yes"])
        .assert()
        .success()
        .stdout(predicate::str::contains("supprimée ; une copie reste dans"));
    vigie(&home)
        .arg("orgs")
        .assert()
        .success()
        .stdout(predicate::str::contains("Aucune organisation enregistrée"));
    let bin = home.path().join("data/corbeille");
    let kept: Vec<_> = std::fs::read_dir(&bin)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 1);
    assert!(
        kept[0].join("reponses.toml").is_file(),
        "the answers are kept"
    );
}
