//! Every screen drawn on TestBackend: insta snapshots at 80×24 and at a wide size, the
//! monochrome theme, and no panic at any size.

use proptest::prelude::ProptestConfig;
use proptest::test_runner::TestRunner;
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier};
use vigie::model::answers::Answers;

use super::*;
use crate::frontends::tui::model::Screen;
use crate::frontends::tui::update::{MIN_HEIGHT, MIN_WIDTH};

/// Every screen the user can meet, by name.
fn screens() -> Vec<(&'static str, Model)> {
    let mut all = Vec::new();

    let mut m = model();
    update(&mut m, Action::HomeLoaded(Vec::new()));
    all.push(("premier-lancement", m));

    let mut m = model();
    update(&mut m, Action::HomeLoaded(home_entries()));
    all.push(("accueil", m));

    let mut m = model();
    update(&mut m, Action::HomeLoaded(home_entries()));
    press_code(&mut m, KeyCode::Char('s'));
    all.push(("accueil-suppression", m));

    let mut m = model();
    update(&mut m, Action::HomeLoaded(home_entries()));
    press_code(&mut m, KeyCode::Char('?'));
    all.push(("aide", m));

    let mut m = model();
    update(&mut m, Action::HomeLoaded(home_entries()));
    press_code(&mut m, KeyCode::Char('?'));
    press_code(&mut m, KeyCode::Tab);
    all.push(("aide-lexique", m));

    let mut m = model();
    open(&mut m, "essai", Answers::new(), None);
    all.push(("question-choix", m));

    let mut m = model();
    let mut start = fixture(&m, "boulangerie");
    start.remove("services");
    open(&mut m, "boulangerie", start, None);
    press_code(&mut m, KeyCode::Char(' '));
    all.push(("question-plusieurs-choix", m));

    let mut m = model();
    let mut start = fixture(&m, "boulangerie");
    start.remove("services");
    open(&mut m, "boulangerie", start, None);
    press_code(&mut m, KeyCode::Char('/'));
    type_text(&mut m, "google");
    press_code(&mut m, KeyCode::Enter);
    press_code(&mut m, KeyCode::Char(' '));
    all.push(("services-filtre", m));

    let mut m = model();
    let mut start = fixture(&m, "boulangerie");
    start.remove("ck_refus_facile");
    open(&mut m, "boulangerie", start, None);
    all.push(("question-conformite", m));

    let mut m = model();
    let start = fixture(&m, "boulangerie");
    open(&mut m, "boulangerie", start, None);
    let identity = match &m.screen {
        Screen::Review(page) => page.rows.iter().position(|r| {
            matches!(r, crate::frontends::tui::model::ReviewRow::Item { label, .. } if label == "Identité et coordonnées")
        }),
        _ => None,
    };
    if let (Screen::Review(page), Some(row)) = (&mut m.screen, identity) {
        page.cursor = row;
    }
    all.push(("recapitulatif", model_clone_review(&m)));
    let mut searched = model_clone_review(&m);
    press_code(&mut searched, KeyCode::Char('/'));
    type_text(&mut searched, "hebergeur");
    all.push(("recapitulatif-recherche", searched));
    press_code(&mut m, KeyCode::Enter);
    type_text(&mut m, "x");
    all.push(("identite", m));

    let mut m = model();
    let start = fixture(&m, "boulangerie");
    open(&mut m, "boulangerie", start, None);
    show_results(
        &mut m,
        Some(vigie::storage::run::RunSummary {
            format: 1,
            date: "2026-10-02T09:00:00Z".into(),
            score: Some(21),
            grade: Some(vigie::engine::scoring::Grade::E),
        }),
    );
    all.push(("resultats", m));

    let mut m = model();
    let start = fixture(&m, "boulangerie");
    open(&mut m, "boulangerie", start, None);
    show_results(&mut m, None);
    press_code(&mut m, KeyCode::Char('d'));
    all.push(("documents", m));

    let mut m = model();
    let start = fixture(&m, "boulangerie");
    open(&mut m, "boulangerie", start, None);
    show_results(&mut m, None);
    press_code(&mut m, KeyCode::Char('d'));
    update(
        &mut m,
        Action::Written(vec![
            "/dossier/documents-boulangerie/mentions-legales.md".into(),
            "/dossier/documents-boulangerie/mentions-legales.html".into(),
        ]),
    );
    all.push(("documents-ecrits", m));

    let mut m = model();
    let start = fixture(&m, "boulangerie");
    let mut earlier = start.clone();
    earlier.set(
        "sv_ml_presentes",
        vigie::model::answers::Answer::Rating(vigie::model::answers::Rating::Non),
    );
    let runs = vec![
        run_of(&m, &earlier, "2026-10-02T09:00:00Z"),
        run_of(&m, &start, "2026-11-20T09:00:00Z"),
    ];
    update(&mut m, history_loaded("boulangerie", &runs));
    all.push(("historique", m));

    all
}

/// The review page of the same organisation (a fresh model in the same state).
fn model_clone_review(source: &Model) -> Model {
    let mut m = model();
    let org = source.org.clone().expect("open");
    open(&mut m, &org.slug, org.answers, None);
    m
}

#[test]
fn every_screen_at_80_by_24_and_wide() {
    for (name, model) in screens() {
        insta::assert_snapshot!(format!("{name}-80x24"), render(&model, 80, 24));
        insta::assert_snapshot!(format!("{name}-120x40"), render(&model, 120, 40));
    }
}

#[test]
fn below_the_minimum_size_the_screen_says_so() {
    let mut m = model();
    update(&mut m, Action::HomeLoaded(home_entries()));
    update(
        &mut m,
        Action::Resized {
            width: 50,
            height: 12,
        },
    );
    insta::assert_snapshot!("trop-petit-50x12", render(&m, 50, 12));
}

#[test]
fn the_monochrome_theme_paints_no_colour_and_keeps_the_selection_visible() {
    for (name, mut model) in screens() {
        model.theme = Theme::MONOCHROME;
        let terminal = terminal(&model, 80, 24);
        let buffer = terminal.backend().buffer();
        for cell in &buffer.content {
            assert_eq!(cell.fg, Color::Reset, "{name}: a foreground colour");
            assert_eq!(cell.bg, Color::Reset, "{name}: a background colour");
        }
    }
    let mut m = model();
    m.theme = Theme::MONOCHROME;
    update(&mut m, Action::HomeLoaded(home_entries()));
    let terminal = terminal(&m, 80, 24);
    let buffer = terminal.backend().buffer();
    // The selected organisation is on the first row inside the frame.
    assert!(
        buffer[(3, 2)].modifier.contains(Modifier::REVERSED),
        "the selected row is reversed"
    );
    assert!(!buffer[(3, 3)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn no_screen_panics_at_any_size() {
    let screens = screens();
    let draw = |width: u16, height: u16| {
        for (_, model) in &screens {
            let mut terminal =
                ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height)).unwrap();
            terminal.draw(|frame| view(model, frame)).unwrap();
        }
    };
    draw(0, 0);
    draw(200, 60);
    let mut runner = TestRunner::new(ProptestConfig::with_cases(256));
    runner
        .run(&(0u16..=200, 0u16..=60), |(width, height)| {
            draw(width, height);
            Ok(())
        })
        .unwrap();
}

#[test]
fn items_of_several_rows_keep_the_selected_one_in_view() {
    use crate::frontends::tui::view::window_by_height;
    // Everything fits: start at the top.
    assert_eq!(window_by_height(&[2, 2, 2], 2, 6), 0);
    // The cursor at the end: the last items fill the space.
    assert_eq!(window_by_height(&[2, 2, 2, 2, 2], 4, 6), 2);
    // The cursor in the middle: some items before it stay in view.
    assert_eq!(window_by_height(&[1; 20], 10, 6), 7);
    // An item taller than the space still comes first.
    assert_eq!(window_by_height(&[1, 9, 1], 1, 4), 1);
}

#[test]
fn the_results_show_every_module_bar_at_the_smallest_size() {
    // The salon with an employee and a camera has among the most modules (seven), two of
    // them with long titles: every bar keeps its whole score, the title gives way.
    let mut m = model();
    let answers = fixture(&m, "salon-coiffure-salariee");
    open(&mut m, "salon", answers, None);
    show_results(&mut m, None);
    let Screen::Results(page) = &m.screen else {
        panic!("the results");
    };
    assert_eq!(page.report.modules.len(), 7);
    let screen = render(&m, MIN_WIDTH, MIN_HEIGHT);
    for module in &page.report.modules {
        let score = module.score.map_or("—".into(), |s| format!("{s}/100"));
        let start: String = module.title.chars().take(8).collect();
        assert!(
            screen
                .lines()
                .any(|l| l.contains(&start) && l.contains(&score)),
            "{} ({score}) at {MIN_WIDTH}×{MIN_HEIGHT}:\n{screen}",
            module.title
        );
    }
    insta::assert_snapshot!("resultats-60x18", screen);
}
