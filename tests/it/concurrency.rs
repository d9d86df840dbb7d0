//! Several vigie processes on one data folder at once (real processes, as when an agency
//! runs scripts and several terminals): no run, import or answer is lost.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{NOW, fixtures, vigie};

/// The vigie binary as a plain process, with the folders of [`vigie`].
fn process(home: &tempfile::TempDir) -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("vigie"));
    command
        .env("VIGIE_DATA_DIR", home.path().join("data"))
        .env("VIGIE_CONFIG_DIR", home.path().join("config"))
        .env("HOME", home.path())
        .env(vigie::model::date::CLOCK_VARIABLE, NOW)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Starts `count` processes of `args` at once, then waits for all of them.
fn all_at_once(home: &tempfile::TempDir, args: &[&str], count: usize) -> Vec<Output> {
    let children: Vec<Child> = (0..count)
        .map(|_| process(home).args(args).spawn().unwrap())
        .collect();
    children
        .into_iter()
        .map(|child| child.wait_with_output().unwrap())
        .collect()
}

fn runs_dir(home: &tempfile::TempDir, slug: &str) -> std::path::PathBuf {
    home.path()
        .join("data/organisations")
        .join(slug)
        .join("evaluations")
}

fn import(home: &tempfile::TempDir, fixture: &str, slug: &str) {
    vigie(home)
        .args(["import"])
        .arg(fixtures().join("answers").join(fixture))
        .args(["--org", slug])
        .assert()
        .success();
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn parallel_saves_of_the_same_answers_record_one_run_and_say_so() {
    let home = tempfile::tempdir().unwrap();
    import(&home, "association.toml", "asso");
    const N: usize = 12;
    // The clock is fixed: every run has the same date, so every process wants the same name;
    // and the answers are the same: one run records them, the others are told so.
    let outputs = all_at_once(&home, &["score", "--org", "asso", "--save"], N);
    for output in &outputs {
        assert!(output.status.success(), "{}", stderr(output));
    }
    let recorded = outputs
        .iter()
        .filter(|o| stderr(o).contains("Évaluation enregistrée"))
        .count();
    let unchanged = outputs
        .iter()
        .filter(|o| stderr(o).contains("Réponses inchangées depuis l'évaluation du"))
        .count();
    assert_eq!((recorded, unchanged), (1, N - 1));
    let files: Vec<String> = std::fs::read_dir(runs_dir(&home, "asso"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
}

#[test]
fn parallel_saves_of_changed_answers_each_keep_their_run() {
    let home = tempfile::tempdir().unwrap();
    const N: usize = 8;
    // Each round changes an answer, then three processes record the run at once, under the
    // same second: exactly one new run per round, whichever process writes it.
    import(&home, "association.toml", "asso");
    let answers_file = home.path().join("data/organisations/asso/reponses.toml");
    let original = std::fs::read_to_string(&answers_file).unwrap();
    let mut files_before = 0;
    for round in 0..N {
        // A different answer each round, so that each run is new.
        let text = original.replace(
            "sv_ml_coordonnees = \"conforme\"",
            &format!("sv_ml_coordonnees = \"{}\"", ["non", "conforme"][round % 2]),
        );
        std::fs::write(&answers_file, text).unwrap();
        let outputs = all_at_once(&home, &["score", "--org", "asso", "--save"], 3);
        for output in &outputs {
            assert!(output.status.success(), "{}", stderr(output));
        }
        let files = std::fs::read_dir(runs_dir(&home, "asso")).unwrap().count();
        assert_eq!(
            files,
            files_before + 1,
            "round {round}: one new run, none lost"
        );
        files_before = files;
    }
    vigie(&home)
        .args(["history", "--org", "asso", "--format", "json"])
        .assert()
        .success()
        .stdout(predicates::str::contains("\"file\"").count(N));
}

#[test]
fn of_parallel_imports_of_one_name_exactly_one_succeeds() {
    let home = tempfile::tempdir().unwrap();
    let file = fixtures().join("answers/association.toml");
    const N: usize = 8;
    let file = file.to_str().unwrap();
    let outputs = all_at_once(&home, &["import", file, "--org", "asso"], N);
    let succeeded = outputs.iter().filter(|o| o.status.success()).count();
    assert_eq!(succeeded, 1);
    for output in outputs.iter().filter(|o| !o.status.success()) {
        assert_eq!(output.status.code(), Some(1));
        assert!(
            stderr(output).contains(
                "l'organisation « asso » existe déjà ; ses réponses n'ont pas été modifiées"
            ),
            "{}",
            stderr(output)
        );
    }
}

/// A `--plain` session kept open: its output, read as it comes.
struct Session {
    child: Child,
    output: Arc<Mutex<Vec<u8>>>,
}

impl Session {
    fn start(home: &tempfile::TempDir, first_lines: &str) -> Session {
        let mut child = process(home)
            .arg("--plain")
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        let output = Arc::new(Mutex::new(Vec::new()));
        let mut stdout = child.stdout.take().unwrap();
        let sink = Arc::clone(&output);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(n) = stdout.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().extend_from_slice(&buffer[..n]);
            }
        });
        let mut session = Session { child, output };
        session.send(first_lines);
        session
    }

    fn send(&mut self, lines: &str) {
        let stdin = self.child.stdin.as_mut().unwrap();
        stdin.write_all(lines.as_bytes()).unwrap();
        stdin.flush().unwrap();
    }

    /// Waits until the session has printed `text`.
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        loop {
            let shown = String::from_utf8_lossy(&self.output.lock().unwrap()).into_owned();
            if shown.contains(text) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(30),
                "« {text} » never came:\n{shown}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn a_second_session_on_an_open_organisation_is_told_so_and_nothing_is_reverted() {
    let home = tempfile::tempdir().unwrap();
    // No organisation yet: the line mode asks for the name of the first one.
    let mut first = Session::start(&home, "Atelier Un\n");
    first.wait_for("Sous quelle forme exercez-vous ?");

    // The other terminal: same organisation, refused with a French message.
    let second = process(&home)
        .arg("--plain")
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    second.stdin.as_ref().unwrap().write_all(b"1\n").unwrap();
    let second = second.wait_with_output().unwrap();
    assert_eq!(second.status.code(), Some(1));
    assert!(
        stderr(&second)
            .contains("l'organisation « atelier-un » est ouverte dans une autre session de vigie"),
        "{}",
        stderr(&second)
    );
    // A command that writes the answers is refused too, and says nothing was changed.
    vigie(&home)
        .args(["review", "--org", "atelier-un", "--confirm"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("rien n'a été modifié"));
    vigie(&home)
        .args(["delete", "--org", "atelier-un", "--yes"])
        .assert()
        .code(1)
        .stderr(predicates::str::contains("ouverte dans une autre session"));

    // The first session goes on: its answer is saved and stays.
    first.send("1\nq\n");
    let status = first.child.wait().unwrap();
    assert!(status.success());
    let answers = std::fs::read_to_string(
        home.path()
            .join("data/organisations/atelier-un/reponses.toml"),
    )
    .unwrap();
    assert!(answers.contains("forme = "), "{answers}");

    // Once it is closed, the organisation opens again.
    vigie(&home)
        .args(["review", "--org", "atelier-un", "--confirm"])
        .assert()
        .success();
}

#[test]
fn a_newer_run_file_is_never_moved_by_any_command() {
    let home = tempfile::tempdir().unwrap();
    import(&home, "association.toml", "asso");
    vigie(&home)
        .args(["score", "--org", "asso", "--save"])
        .assert()
        .success();
    let newer = runs_dir(&home, "asso").join("2027-01-01T00-00-00Z.toml");
    // A later format, in a syntax this version cannot even parse.
    let text = "format = 3\ndate = \"2027-01-01T00:00:00Z\"\n[réponses\nnouveau = ?\n";
    std::fs::write(&newer, text).unwrap();
    for args in [
        &["history", "--org", "asso"][..],
        &["diff", "--org", "asso"],
        &["report", "--org", "asso", "--format", "md", "--out", "-"],
        &["orgs"],
        &["score", "--org", "asso"],
    ] {
        let output = vigie(&home).args(args).output().unwrap();
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(
            said.contains("créé par une version plus récente de vigie ; ignoré et laissé intact"),
            "{args:?}: {said}"
        );
        assert_eq!(std::fs::read_to_string(&newer).unwrap(), text, "{args:?}");
    }
}

#[test]
fn temporaries_left_by_a_killed_process_are_removed_at_the_next_start() {
    let home = tempfile::tempdir().unwrap();
    import(&home, "association.toml", "asso");
    let dir = home.path().join("data/organisations/asso");
    let leftover = dir.join(".vigie-tmp-AbC123");
    std::fs::write(&leftover, "réponses privées à moitié écrites").unwrap();
    let an_hour_ago = std::time::SystemTime::now() - Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&leftover)
        .unwrap()
        .set_modified(an_hour_ago)
        .unwrap();
    vigie(&home)
        .args(["score", "--org", "asso"])
        .assert()
        .success();
    assert!(!leftover.exists());
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        names.iter().all(|n| !n.starts_with(".vigie-tmp")),
        "{names:?}"
    );
    assert!(Path::new(&dir.join("reponses.toml")).is_file());
}
