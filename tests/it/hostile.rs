//! The corpus of hostile inputs met by the attack of issue 16: each case with the message and
//! the exit code the user gets. None may cost data, hang, crash, or take the terminal.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::common::{fixtures, vigie};

fn answers_fixture(name: &str) -> PathBuf {
    fixtures().join("answers").join(name)
}

/// The association's answers with `replace` applied to their text.
fn edited_answers(dir: &Path, replace: (&str, &str)) -> PathBuf {
    let text = std::fs::read_to_string(answers_fixture("association.toml")).unwrap();
    assert!(text.contains(replace.0));
    let path = dir.join("reponses.toml");
    std::fs::write(&path, text.replace(replace.0, replace.1)).unwrap();
    path
}

fn import(home: &tempfile::TempDir, slug: &str) {
    vigie(home)
        .arg("import")
        .arg(answers_fixture("association.toml"))
        .args(["--org", slug])
        .assert()
        .success();
}

/// Anything printed that a terminal would obey: ESC, CSI, BEL, CR, bidi overrides.
fn has_controls(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n' && c != '\t') || ('\u{202A}'..='\u{202E}').contains(&c)
    })
}

#[test]
fn a_questionnaire_nested_ten_thousand_times_is_refused_by_every_command() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/questionnaires");
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string("questionnaires/site-vitrine.toml").unwrap();
    let deep = format!(
        "visible_if = '{}sv_ml_presentes != \"non\"{}'",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let hostile = text.replacen("visible_if = 'sv_ml_presentes != \"non\"'", &deep, 1);
    std::fs::write(dir.join("site-vitrine.toml"), hostile).unwrap();
    for args in [&["orgs"][..], &["check"], &["catalog"]] {
        vigie(&home)
            .args(args)
            .assert()
            .code(65)
            .stderr(predicate::str::contains(
                "condition trop imbriquée (plus de 32 niveaux de parenthèses ou de « not ») : simplifiez-la",
            ))
            .stderr(predicate::str::contains("site-vitrine.toml:"));
    }
}

#[test]
fn a_template_that_doubles_a_string_forty_times_ends_with_a_french_error() {
    let home = tempfile::tempdir().unwrap();
    let templates = home.path().join("modeles");
    std::fs::create_dir_all(&templates).unwrap();
    // 130 bytes of template: 2^40 bytes of text if nothing stopped it.
    let bomb = format!(
        "{{% set_global s = \"x\" %}}{}{{{{ s }}}}",
        "{% set_global s = s ~ s %}".repeat(40)
    );
    std::fs::write(templates.join("mentions-legales.md"), bomb).unwrap();
    vigie(&home)
        .arg("check")
        .arg("--templates")
        .arg(&templates)
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "mentions-legales.md : le rendu dépasse la mémoire permise (64 Mo)",
        ));
    let out = home.path().join("site");
    vigie(&home)
        .arg("generate")
        .arg(answers_fixture("association.toml"))
        .arg("--out")
        .arg(&out)
        .arg("--templates")
        .arg(&templates)
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "le rendu dépasse la mémoire permise",
        ));
    assert!(!out.exists(), "nothing written");
}

#[test]
fn a_template_that_loops_for_minutes_is_stopped_at_its_time_limit() {
    let home = tempfile::tempdir().unwrap();
    let templates = home.path().join("modeles");
    std::fs::create_dir_all(&templates).unwrap();
    let slow =
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}";
    std::fs::write(templates.join("mentions-legales.md"), slow).unwrap();
    vigie(&home)
        .arg("generate")
        .arg(answers_fixture("association.toml"))
        .args(["--doc", "mentions-legales", "--out"])
        .arg(home.path().join("site"))
        .arg("--templates")
        .arg(&templates)
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "mentions-legales.md : le rendu dépasse le temps permis (10 s) : le modèle boucle trop longtemps",
        ));
}

#[test]
fn an_answers_file_of_100_000_unknown_keys_is_read_in_linear_time() {
    let home = tempfile::tempdir().unwrap();
    let mut text = String::from("format = 1\n[reponses]\n");
    for i in 0..100_000 {
        text.push_str(&format!("k{i}=1\n"));
    }
    assert!(text.len() < 1024 * 1024);
    let path = home.path().join("cles.toml");
    std::fs::write(&path, text).unwrap();
    // Each warning is located without rescanning the file (it took 33 s).
    let output = vigie(&home).arg("score").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("cles.toml:100002:1 : question inconnue « k99999 » : réponse ignorée"));
}

#[test]
fn fifos_and_endless_files_are_never_opened() {
    let home = tempfile::tempdir().unwrap();
    let fifo = home.path().join("tube.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    vigie(&home)
        .arg("score")
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "tube.toml : ce n'est pas un fichier ordinaire (tube, périphérique…) ; il n'a pas été lu",
        ));
    // A run file linked to /dev/zero, a FIFO among the runs: reported, skipped, left alone.
    import(&home, "asso");
    let runs = home.path().join("data/organisations/asso/evaluations");
    std::fs::create_dir_all(&runs).unwrap();
    std::os::unix::fs::symlink("/dev/zero", runs.join("2026-01-01T00-00-00Z.toml")).unwrap();
    std::process::Command::new("mkfifo")
        .arg(runs.join("2026-01-02T00-00-00Z.toml"))
        .status()
        .unwrap();
    for args in [
        &["history", "--org", "asso"][..],
        &["orgs"],
        &["diff", "--org", "asso"],
    ] {
        vigie(&home)
            .args(args)
            .timeout(std::time::Duration::from_secs(20))
            .assert()
            .stderr(predicate::str::contains(
                "2026-01-01T00-00-00Z.toml : ignoré (ce n'est pas un fichier ordinaire)",
            ));
    }
    assert!(runs.join("2026-01-01T00-00-00Z.toml").is_symlink());
    // A FIFO in the user's questionnaires or templates.
    let questionnaires = home.path().join("config/questionnaires");
    std::fs::create_dir_all(&questionnaires).unwrap();
    std::process::Command::new("mkfifo")
        .arg(questionnaires.join("tube.toml"))
        .status()
        .unwrap();
    vigie(&home)
        .arg("catalog")
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "ce n'est pas un fichier ordinaire",
        ));
}

#[test]
fn a_run_file_over_the_size_limit_is_skipped_and_reported() {
    let home = tempfile::tempdir().unwrap();
    import(&home, "asso");
    let runs = home.path().join("data/organisations/asso/evaluations");
    std::fs::create_dir_all(&runs).unwrap();
    let huge = format!(
        "format = 2\ndate = \"2026-01-01T00:00:00Z\"\n# {}\n",
        "x".repeat(2 << 20)
    );
    std::fs::write(runs.join("2026-01-01T00-00-00Z.toml"), huge).unwrap();
    vigie(&home)
        .args(["history", "--org", "asso"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "ignoré (fichier trop volumineux : la limite est de 1 Mo)",
        ));
}

#[test]
fn control_characters_never_reach_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    // OSC 52 (clipboard), a screen clear, a carriage return, a bidi override.
    let hostile = "Jardins\\u001b]52;c;ZXZpbA==\\u0007\\u001b[2J\\r\\u202E";
    let file = edited_answers(home.path(), ("Les Jardins Partagés du Faubourg", hostile));
    // Unknown ids and bad values quoted in warnings and errors.
    let text = std::fs::read_to_string(&file).unwrap() + "\"inconnue\\u001b[31m\" = \"oui\"\n";
    std::fs::write(&file, text).unwrap();
    let output = vigie(&home)
        .arg("import")
        .arg(&file)
        .args(["--org", "jardins"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("question inconnue « inconnue␛[31m »"),
        "{stderr}"
    );
    assert!(!has_controls(&stderr), "{stderr:?}");
    // The value was stripped at validation: the documents and every listing are clean.
    let slug = "jardins";
    let answers = std::fs::read_to_string(
        home.path()
            .join("data/organisations")
            .join(slug)
            .join("reponses.toml"),
    )
    .unwrap();
    assert!(
        answers.contains("denomination = \"Jardins]52;c;ZXZpbA==[2J\""),
        "{answers}"
    );
    for args in [
        &["score", "--org", slug][..],
        &["orgs"],
        &["export", "--org", slug],
    ] {
        let output = vigie(&home).args(args).output().unwrap();
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert!(!has_controls(&all), "{args:?}: {all:?}");
    }
    // A slug given on the command line is quoted visibly in the error.
    vigie(&home)
        .args(["history", "--org", "x\u{1b}[2J"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "« x␛[2J » n'est pas un nom d'organisation valide",
        ));
    // A run file edited by someone else: the diff shows its values visibly.
    vigie(&home)
        .args(["score", "--org", slug, "--save"])
        .assert()
        .success();
    let runs = home
        .path()
        .join("data/organisations")
        .join(slug)
        .join("evaluations");
    let first = std::fs::read_dir(&runs)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let edited = std::fs::read_to_string(&first).unwrap().replace(
        "ville = \"Nantes\"",
        "ville = \"Nantes\\u001b]52;c;ZXZpbA==\\u0007\"",
    );
    std::fs::write(runs.join("2026-12-01T09-00-00Z.toml"), edited).unwrap();
    // A run whose date would clear the screen is not one of ours: set aside, date not printed.
    std::fs::write(
        runs.join("2026-12-02T09-00-00Z.toml"),
        "format = 2\ndate = \"\\u001b[2J\\u001b]52;c;eA==\\u0007\"\nscore = 1\n",
    )
    .unwrap();
    let output = vigie(&home)
        .args(["history", "--org", slug])
        .output()
        .unwrap();
    let all = String::from_utf8_lossy(&output.stderr).into_owned()
        + &String::from_utf8_lossy(&output.stdout);
    assert!(all.contains("2026-12-02T09-00-00Z.toml : fichier illisible (date d'évaluation invalide) ; mis de côté"), "{all}");
    assert!(!has_controls(&all), "{all:?}");
    let output = vigie(&home).args(["diff", "--org", slug]).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    assert!(stdout.contains("Nantes␛]52;c;ZXZpbA==␇"), "{stdout}");
    assert!(!has_controls(&stdout), "{stdout:?}");
}

#[test]
fn a_newline_in_a_one_line_field_is_refused_and_injects_nothing() {
    let home = tempfile::tempdir().unwrap();
    let file = edited_answers(
        home.path(),
        (
            "adresse = \"8 impasse des Tilleuls\"",
            "adresse = \"8 impasse\\n# Titre injecté\\n- liste\\n---\"",
        ),
    );
    vigie(&home)
        .arg("generate")
        .arg(&file)
        .arg("--out")
        .arg(home.path().join("site"))
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "reponses.toml:7:11 : réponse à « adresse » : une seule ligne est attendue",
        ));
    assert!(!home.path().join("site").exists());
}

#[test]
fn e_mail_and_web_addresses_with_controls_are_refused_in_the_interview() {
    // The answers file strips them; typed in the line mode, they are refused with a reason.
    let home = tempfile::tempdir().unwrap();
    let file = edited_answers(
        home.path(),
        (
            "email = \"bonjour@jardins-faubourg.org\"",
            "email = \"bonjour@jardins-faubourg.org\\u0000\"",
        ),
    );
    let output = vigie(&home).arg("score").arg(&file).output().unwrap();
    assert!(output.status.success());
    assert!(!has_controls(&String::from_utf8_lossy(&output.stdout)));
}

#[test]
fn report_out_writes_to_pipes_devices_and_links_without_replacing_them() {
    let home = tempfile::tempdir().unwrap();
    import(&home, "asso");
    vigie(&home)
        .args(["score", "--org", "asso", "--save"])
        .assert()
        .success();
    // `-` is the standard output, for a pipe.
    vigie(&home)
        .args(["report", "--org", "asso", "--format", "md", "--out", "-"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "# Bilan RGPD au 1er décembre 2026",
        ));
    // /dev/stdout reaches the pipe the output goes to (it could not).
    vigie(&home)
        .args([
            "report",
            "--org",
            "asso",
            "--format",
            "md",
            "--out",
            "/dev/stdout",
        ])
        .assert()
        .success()
        .stdout(predicate::str::starts_with(
            "# Bilan RGPD au 1er décembre 2026",
        ));
    // A device stays a device.
    vigie(&home)
        .args([
            "report",
            "--org",
            "asso",
            "--format",
            "md",
            "--out",
            "/dev/null",
        ])
        .assert()
        .success();
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
    // A link is followed: the file it points to is written, the link stays.
    let real = home.path().join("bilan.html");
    std::fs::write(&real, "ancien").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o644)).unwrap();
    let link = home.path().join("lien.html");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    vigie(&home)
        .args(["report", "--org", "asso", "--format", "html", "--out"])
        .arg(&link)
        .assert()
        .success()
        .stderr(predicate::str::contains("Rapport écrit"));
    assert!(link.is_symlink());
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
    // An existing file keeps its mode (it became 0600 without a word).
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o644);
}

#[test]
fn generate_writes_the_whole_set_or_nothing_and_names_the_file_that_failed() {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("site");
    std::fs::create_dir_all(out.join("politique-de-confidentialite.html")).unwrap();
    std::fs::write(out.join("mentions-legales.md"), "ancien").unwrap();
    vigie(&home)
        .arg("generate")
        .arg(answers_fixture("association.toml"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "politique-de-confidentialite.html : écriture impossible ; aucun document n'a été écrit ni remplacé (c'est un dossier)",
        ));
    assert_eq!(
        std::fs::read_to_string(out.join("mentions-legales.md")).unwrap(),
        "ancien"
    );
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    // Once the way is clear, every file is written; folders follow the umask, never 0777.
    std::fs::remove_dir(out.join("politique-de-confidentialite.html")).unwrap();
    let fresh = home.path().join("neuf/site");
    for target in [&out, &fresh] {
        vigie(&home)
            .arg("generate")
            .arg(answers_fixture("association.toml"))
            .arg("--out")
            .arg(target)
            .assert()
            .success();
    }
    assert!(out.join("politique-de-confidentialite.html").is_file());
    let mode = std::fs::metadata(&fresh).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode & 0o002, 0, "{mode:o}");
}

#[test]
fn small_ones() {
    let home = tempfile::tempdir().unwrap();
    // The key defined twice is named.
    let file = home.path().join("double.toml");
    std::fs::write(
        &file,
        "format = 1\n[reponses]\nforme = \"association\"\nforme = \"societe\"\n",
    )
    .unwrap();
    vigie(&home)
        .arg("score")
        .arg(&file)
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "double.toml:4:1 : la clé « forme » est définie deux fois",
        ));
    // score FILE --save has no organisation to record to: it says so instead of nothing.
    vigie(&home)
        .arg("score")
        .arg(answers_fixture("association.toml"))
        .arg("--save")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "importez le fichier (vigie import FICHIER)",
        ));
    // A templates folder that does not exist is a runtime error, not an invalid template.
    vigie(&home)
        .args(["check", "--templates", "/nonexistent"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "/nonexistent : dossier de modèles illisible (introuvable)",
        ));
    // review --confirm with nothing to confirm answers in the format asked and leaves the
    // file alone.
    import(&home, "asso");
    let answers = home.path().join("data/organisations/asso/reponses.toml");
    let before = std::fs::metadata(&answers).unwrap().modified().unwrap();
    vigie(&home)
        .args(["review", "--org", "asso", "--confirm", "--format", "json"])
        .assert()
        .success()
        .stdout(predicate::str::contains("\"confirmed\": []"));
    assert_eq!(
        std::fs::metadata(&answers).unwrap().modified().unwrap(),
        before
    );
}
