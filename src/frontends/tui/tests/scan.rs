//! « Analyser mon site » from the home screen: the address, the proposals, and nothing
//! changed until the user confirms.

use ratatui::crossterm::event::KeyCode;

use super::*;
use crate::frontends::tui::model::Context;
use crate::frontends::tui::model::{ScanDone, Screen};

fn proposals() -> ScanDone {
    ScanDone {
        date: day("2026-12-01"),
        summary: vec![
            "✗ Traceurs chargés avant tout consentement : Google Analytics 4 — interdit sans accord préalable du visiteur.".into(),
            "✗ Aucun outil de gestion du consentement (bandeau cookies) reconnu.".into(),
        ],
        proposals: vec![[
            "Votre site utilise-t-il des cookies ou traceurs … ?".into(),
            "Oui".into(),
            "Non".into(),
            "traceurs reconnus : Google Analytics 4 (script https://www.googletagmanager.com/gtag/js?id=G-1)".into(),
        ]],
    }
}

/// The home list with the scan screen of its first organisation open.
fn scan_screen() -> Model {
    let mut model = model();
    update(&mut model, Action::HomeLoaded(home_entries()));
    assert_eq!(press_code(&mut model, KeyCode::Char('a')), vec![]);
    model
}

#[test]
fn the_address_is_checked_before_anything_is_scanned() {
    let mut model = scan_screen();
    assert_eq!(model.context(), Context::ScanAddress);
    type_text(&mut model, "ftp://exemple.fr");
    assert_eq!(press_code(&mut model, KeyCode::Enter), vec![]);
    let Screen::Scan(page) = &model.screen else {
        panic!("scan screen expected");
    };
    assert!(page.error.as_deref().unwrap().contains("pas « ftp: »"));
    for _ in 0.."ftp://".len() {
        press_code(&mut model, KeyCode::Home);
        press_code(&mut model, KeyCode::Delete);
    }
    assert_eq!(
        press_code(&mut model, KeyCode::Enter),
        vec![Effect::Scan {
            slug: "boulangerie-dupain".into(),
            url: "https://exemple.fr/".into(),
        }]
    );
}

#[test]
fn proposals_are_confirmed_with_enter_or_kept_with_escape() {
    let mut model = scan_screen();
    update(&mut model, Action::Scanned(Box::new(Ok(proposals()))));
    assert_eq!(model.context(), Context::ScanProposals);
    let screen = render(&model, 80, 24);
    assert!(
        screen.contains("Réponses proposées, observées le 01/12/2026 (1)"),
        "{screen}"
    );
    assert_eq!(
        press_code(&mut model, KeyCode::Enter),
        vec![Effect::ApplyObservations("boulangerie-dupain".into())]
    );
    assert_eq!(
        update(&mut model, Action::ObservationsApplied(1)),
        vec![Effect::LoadHome]
    );
    assert_eq!(
        model.status.as_ref().unwrap().text,
        "1 réponse confirmée d'après l'analyse du site."
    );

    let mut model = scan_screen();
    update(&mut model, Action::Scanned(Box::new(Ok(proposals()))));
    assert_eq!(press_code(&mut model, KeyCode::Esc), vec![Effect::LoadHome]);
    assert!(
        model
            .status
            .as_ref()
            .unwrap()
            .text
            .contains("rien n'est changé")
    );
}

#[test]
fn a_failed_scan_is_said_on_the_address_screen() {
    let mut model = scan_screen();
    update(
        &mut model,
        Action::Scanned(Box::new(Err(
            "https://exemple.fr/ : impossible de joindre exemple.fr".into(),
        ))),
    );
    assert_eq!(model.context(), Context::ScanAddress);
    assert!(render(&model, 80, 24).contains("✗ https://exemple.fr/ : impossible de joindre"));
}

#[test]
fn the_scan_screens_at_80_by_24() {
    let model = scan_screen();
    insta::assert_snapshot!("analyse-adresse-80x24", render(&model, 80, 24));
    let mut model = scan_screen();
    update(&mut model, Action::Scanned(Box::new(Ok(proposals()))));
    insta::assert_snapshot!("analyse-propositions-80x24", render(&model, 80, 24));
}

#[test]
fn from_the_triage_the_organisation_is_read_again_on_leaving() {
    let mut model = model();
    open(
        &mut model,
        "essai",
        vigie::model::answers::Answers::new(),
        None,
    );
    assert!(
        matches!(model.context(), Context::Choice | Context::Multi),
        "an interview question is shown"
    );
    assert_eq!(press_code(&mut model, KeyCode::Char('a')), vec![]);
    assert_eq!(model.context(), Context::ScanAddress);
    let Screen::Scan(page) = &model.screen else {
        panic!("scan screen expected");
    };
    assert_eq!(page.name, "essai");
    update(&mut model, Action::Scanned(Box::new(Ok(proposals()))));
    assert_eq!(
        press_code(&mut model, KeyCode::Esc),
        vec![Effect::Open("essai".into())]
    );
}
