//! The real binary in a pseudo-terminal (portable-pty), its screen rebuilt by vt100: what a
//! user sees and gets, end to end.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

use crate::common::{fixtures, vigie};

const ENTER: &[u8] = b"\r";
const F2: &[u8] = b"\x1bOQ";
const CTRL_C: &[u8] = b"\x03";
const CTRL_U: &[u8] = b"\x15";

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal has rows and columns")
}

struct Tui {
    parser: Arc<Mutex<vt100::Parser>>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
}

/// How long to wait for a screen: `VIGIE_TEST_WAIT_MS`, longer under CI.
fn patience() -> Duration {
    let default = if std::env::var_os("CI").is_some() {
        30_000
    } else {
        10_000
    };
    Duration::from_millis(
        std::env::var("VIGIE_TEST_WAIT_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default),
    )
}

impl Tui {
    fn spawn(home: &Path, cwd: &Path, rows: u16, cols: u16) -> Tui {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("a pseudo-terminal");
        let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_vigie"));
        command.cwd(cwd);
        command.env("VIGIE_DATA_DIR", home.join("data"));
        command.env("VIGIE_CONFIG_DIR", home.join("config"));
        command.env("HOME", home);
        command.env(vigie::model::date::CLOCK_VARIABLE, crate::common::NOW);
        command.env("TERM", "xterm-256color");
        command.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(command).expect("vigie starts");
        drop(pair.slave);
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(rows),
            nonzero(cols),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().expect("a reader");
        let feed = Arc::clone(&parser);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                feed.lock().unwrap().process(&buffer[..n]);
            }
        });
        let writer = pair.master.take_writer().expect("a writer");
        Tui {
            parser,
            writer,
            master: pair.master,
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; fails with the screen otherwise.
    fn wait_for(&self, text: &str) -> String {
        let deadline = Instant::now() + patience();
        loop {
            let screen = self.screen();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                Instant::now() < deadline,
                "« {text} » never appeared; the screen shows:\n{screen}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits until the screen changes from `before`.
    fn wait_change(&self, before: &str) -> String {
        let deadline = Instant::now() + patience();
        loop {
            let screen = self.screen();
            if screen != before {
                // Let the frame finish arriving.
                std::thread::sleep(Duration::from_millis(30));
                return self.screen();
            }
            assert!(
                Instant::now() < deadline,
                "the screen never changed from:\n{before}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// The highlighted (reversed) row, as text.
    fn selected_row(&self) -> Option<String> {
        let parser = self.parser.lock().unwrap();
        let screen = parser.screen();
        let (rows, cols) = screen.size();
        let (rows, cols) = (rows.get(), cols.get());
        (0..rows)
            .find(|&row| (0..cols).any(|col| screen.cell(row, col).is_some_and(|c| c.inverse())))
            .map(|row| screen.contents_between(row, 0, row, cols))
    }

    /// Moves down the list until the highlighted row shows `text`.
    fn select(&mut self, text: &str) {
        for _ in 0..200 {
            let row = self.selected_row().unwrap_or_default();
            if row.contains(text) {
                return;
            }
            self.send(b"\x1b[B");
            let deadline = Instant::now() + patience();
            while self.selected_row().unwrap_or_default() == row {
                assert!(Instant::now() < deadline, "the selection did not move");
                std::thread::sleep(Duration::from_millis(10));
            }
        }
        panic!("« {text} » was never selected:\n{}", self.screen());
    }

    fn send(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("vigie reads its input");
        self.writer.flush().unwrap();
    }

    /// Sends a key and waits for the screen to react.
    fn press(&mut self, bytes: &[u8]) -> String {
        let before = self.screen();
        self.send(bytes);
        self.wait_change(&before)
    }

    fn resize(&mut self, rows: u16, cols: u16) {
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        self.parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
    }

    fn exit_code(&mut self) -> u32 {
        let deadline = Instant::now() + patience();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.exit_code();
            }
            assert!(Instant::now() < deadline, "vigie did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A single choice still unanswered: no option chosen, Entrée alone is refused.
fn unchosen(screen: &str) -> bool {
    screen.contains("1 ( )") && !screen.contains("(•)")
}

/// Answers every step with the proposed choice (Enter; the first option of a single
/// choice, which proposes none), the identity form with F2, until the review page.
fn answer_everything(tui: &mut Tui) -> String {
    let mut screen = tui.screen();
    for _ in 0..200 {
        if screen.contains("Vérifiez vos réponses") {
            return screen;
        }
        let key = if screen.contains("terminer l'identité") {
            F2
        } else {
            ENTER
        };
        if unchosen(&screen) {
            tui.send(b"1");
        }
        screen = tui.press(key);
    }
    panic!("the review page never came:\n{screen}");
}

#[test]
fn a_small_organisation_goes_from_nothing_to_its_documents_on_disk() {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("sortie");
    let mut tui = Tui::spawn(home.path(), home.path(), 24, 80);
    tui.wait_for("Bienvenue");
    tui.send(b"Club de lecture");
    tui.wait_for("Club de lecture");
    tui.press(ENTER);
    tui.wait_for("Sous quelle forme exercez-vous ?");
    // An association…
    tui.press(b"3");
    tui.press(ENTER);
    tui.wait_for("Exercez-vous une profession réglementée ?");
    let review = answer_everything(&mut tui);
    assert!(review.contains("Premier passage terminé"), "{review}");
    tui.press(b"v");
    let results = tui.wait_for("Plan d'action");
    assert!(results.contains("Note "), "{results}");
    tui.press(b"d");
    tui.wait_for("Vos documents");
    tui.press(b"o");
    tui.send(CTRL_U);
    tui.send(out.to_str().unwrap().as_bytes());
    tui.press(ENTER);
    tui.press(b"e");
    tui.wait_for("fichiers écrits");
    tui.send(CTRL_C);
    assert_eq!(tui.exit_code(), 130);
    let written: Vec<String> = std::fs::read_dir(&out)
        .expect("the output folder exists")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for expected in [
        "politique-de-confidentialite.md",
        "politique-de-confidentialite.html",
        "politique-de-confidentialite.txt",
    ] {
        assert!(written.iter().any(|w| w == expected), "{written:?}");
    }
    let runs = home
        .path()
        .join("data/organisations/club-de-lecture/evaluations");
    assert_eq!(
        std::fs::read_dir(runs).unwrap().count(),
        1,
        "one run recorded"
    );
}

#[test]
fn ctrl_c_midway_keeps_the_answers_and_reopening_resumes() {
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn(home.path(), home.path(), 24, 80);
    tui.wait_for("Bienvenue");
    tui.send(b"Cabinet Martin");
    tui.wait_for("Cabinet Martin");
    tui.press(ENTER);
    tui.wait_for("Sous quelle forme exercez-vous ?");
    tui.press(b"2");
    tui.press(ENTER);
    tui.wait_for("Exercez-vous une profession réglementée ?");
    tui.press(b"2");
    tui.press(ENTER);
    tui.wait_for("Question 3 sur");
    tui.send(CTRL_C);
    assert_eq!(tui.exit_code(), 130);
    let saved = std::fs::read_to_string(
        home.path()
            .join("data/organisations/cabinet-martin/reponses.toml"),
    )
    .expect("answers saved");
    assert!(
        saved.contains("forme = \"entreprise_individuelle\""),
        "{saved}"
    );
    assert!(
        saved.contains("profession_reglementee = \"sante\""),
        "{saved}"
    );

    let mut tui = Tui::spawn(home.path(), home.path(), 24, 80);
    tui.wait_for("Cabinet Martin");
    tui.press(ENTER);
    let screen = tui.wait_for("Reprise à la question 3 sur");
    assert!(screen.contains("Combien de personnes"), "{screen}");
    tui.send(CTRL_C);
    assert_eq!(tui.exit_code(), 130);
}

#[test]
fn a_terminal_too_small_says_so_until_it_is_enlarged() {
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn(home.path(), home.path(), 10, 40);
    tui.wait_for("Terminal trop petit");
    tui.resize(24, 80);
    tui.wait_for("Bienvenue");
    tui.send(CTRL_C);
    assert_eq!(tui.exit_code(), 130);
}

#[test]
fn a_rerun_shows_the_change_since_the_previous_run() {
    let home = tempfile::tempdir().unwrap();
    let fixture = std::fs::read_to_string(fixtures().join("answers/boulangerie.toml")).unwrap();
    // The baker had no legal notice page last time…
    let before = fixture.replace(
        "sv_ml_presentes = \"conforme\"",
        "sv_ml_presentes = \"non\"",
    );
    assert_ne!(before, fixture, "the fixture answers sv_ml_presentes");
    let file = home.path().join("avant.toml");
    std::fs::write(&file, before).unwrap();
    vigie(&home)
        .args(["import", file.to_str().unwrap(), "--org", "dupain"])
        .assert()
        .success();
    vigie(&home)
        .args(["score", "--org", "dupain", "--save"])
        .assert()
        .success();
    let mut tui = Tui::spawn(home.path(), home.path(), 24, 80);
    tui.wait_for("Boulangerie Dupain");
    tui.press(ENTER);
    tui.wait_for("Vérifiez vos réponses");
    // …and has published one since: reopen that answer from the review page.
    tui.select("Votre site a-t-il une page « Mentions légales » ?");
    tui.press(ENTER);
    tui.wait_for("Votre site a-t-il une page « Mentions légales » ?");
    tui.press(b"1");
    tui.press(ENTER);
    tui.wait_for("Vérifiez vos réponses");
    tui.press(b"v");
    let results = tui.wait_for("depuis le");
    assert!(results.contains("Évaluation enregistrée"), "{results}");
    assert!(results.contains("· +"), "the score went up:\n{results}");
    tui.press(b"h");
    let history = tui.wait_for("Note au fil des évaluations");
    assert!(history.contains("Actions réglées"), "{history}");
    tui.send(CTRL_C);
    assert_eq!(tui.exit_code(), 130);
}

/// Ticks the options of a multiple choice showing `labels`, in list order, then validates.
fn tick(tui: &mut Tui, labels: &[&str]) {
    for label in labels {
        tui.select(label);
        tui.press(b" ");
    }
    tui.press(ENTER);
}

#[test]
fn the_hairdresser_goes_through_her_first_pass_in_at_most_47_screens() {
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn(home.path(), home.path(), 30, 100);
    tui.wait_for("Bienvenue");
    tui.send(b"Emma Coiffure");
    tui.wait_for("Emma Coiffure");
    tui.press(ENTER);
    tui.wait_for("Sous quelle forme exercez-vous ?");
    let mut screens = 1;
    // The triage, as she answers it: an EI, alone, with a site, social pages and a newsletter.
    for keys in [
        &b"2"[..], // entrepreneur individuel
        b"1",      // no regulated profession
        b"1",      // works alone
        b"2",      // no DPO
        b"134",    // site, social networks, e-mails
        b"1",      // private customers
    ] {
        // A digit on the option already chosen changes nothing on screen: send, then Enter.
        tui.send(keys);
        tui.press(ENTER);
        screens += 1;
    }
    tui.wait_for("Quels outils et services en ligne utilisez-vous ?");
    tick(
        &mut tui,
        &[
            "Wix",
            "Google Analytics 4",
            "Brevo",
            "Google Maps",
            "Planity",
            "Page Facebook",
            "Compte professionnel Instagram",
        ],
    );
    screens += 1;
    tui.wait_for("Quels formulaires votre site propose-t-il ?");
    for key in [b"1", b"3", b"6"] {
        tui.press(key);
    }
    tui.press(ENTER);
    screens += 1;
    // Everything else: the answer proposed (« Je ne sais pas » for the yes/no questions),
    // no contest, the identity form closed as it is.
    let mut screen = tui.screen();
    while !screen.contains("Vérifiez vos réponses") {
        assert!(
            !screen.contains("Votre site utilise-t-il des cookies"),
            "the trackers follow from her services:\n{screen}"
        );
        assert!(
            !screen.contains("Sur quels réseaux sociaux"),
            "her social networks follow from her services:\n{screen}"
        );
        assert!(screens <= 47, "more than 47 screens:\n{screen}");
        if screen.contains("jeux-concours") {
            tui.press(b"2");
        } else if unchosen(&screen) {
            tui.send(b"1");
        }
        let key = if screen.contains("terminer l'identité") {
            F2
        } else {
            ENTER
        };
        screen = tui.press(key);
        screens += 1;
    }
    // The last press showed the review, not a question.
    screens -= 1;
    assert!(screens <= 47, "{screens} screens");
    assert!(screen.contains("Premier passage terminé"), "{screen}");
    assert!(screen.contains("(déduit)"), "{screen}");
    eprintln!("coiffeuse, premier passage : {screens} écrans");
    tui.send(CTRL_C);
    assert_eq!(tui.exit_code(), 130);
}
