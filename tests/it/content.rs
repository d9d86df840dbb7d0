//! The built-in catalogue as content: it validates, every scored question is sourced and
//! explained, no outdated reference appears, and five realistic organisations get plausible
//! grades with the actions a consultant would name first.

use std::path::Path;

use vigie::engine::scoring::{ScoreReport, score};
use vigie::model::answers_file::parse_answers;
use vigie::model::assets::load_catalog;
use vigie::model::catalog::{Catalog, Role};

use crate::common::{fixtures, read};

fn builtin() -> Catalog {
    load_catalog(None).expect("the built-in catalogue validates")
}

fn fixture_report(name: &str) -> ScoreReport {
    let catalog = builtin();
    let source = read(&fixtures().join("answers").join(format!("{name}.toml")));
    let parsed = parse_answers(&source, &catalog).unwrap();
    assert!(parsed.warnings.is_empty(), "{name}: {:?}", parsed.warnings);
    score(&catalog, &parsed.answers)
}

#[test]
fn the_catalogue_has_enough_sourced_and_explained_questions() {
    let catalog = builtin();
    let scored: Vec<_> = catalog
        .questions()
        .filter(|(_, _, q)| q.scored().is_some())
        .collect();
    assert!(scored.len() >= 110, "{} scored questions", scored.len());
    for (module, _, question) in &scored {
        let id = &question.id;
        let sentences = question.help.matches(['.', '?', '!']).count();
        assert!(
            (2..=8).contains(&sentences),
            "{id}: help should be two to five plain sentences ({sentences} found)"
        );
        let remediation = &question.scored().unwrap().remediation;
        assert!(remediation.len() >= 30, "{id}: remediation too short");
        assert!(!question.references.is_empty(), "{id}: no reference");
        for reference in &question.references {
            let allowed = [
                "https://www.legifrance.gouv.fr/",
                "https://eur-lex.europa.eu/",
                "https://www.cnil.fr/",
                "https://www.edpb.europa.eu/",
            ];
            assert!(
                allowed.iter().any(|a| reference.url.starts_with(a)),
                "{id}: reference {} is not Légifrance, EUR-Lex or cnil.fr",
                reference.url
            );
        }
        assert_eq!(module.role, Role::Evaluation);
    }
    let modules: Vec<&str> = catalog.modules.iter().map(|m| m.id.as_str()).collect();
    for expected in [
        "profil",
        "identite",
        "site_vitrine",
        "cookies",
        "e_commerce",
        "reseaux_sociaux",
        "prospection",
        "gouvernance",
    ] {
        assert!(modules.contains(&expected), "missing module {expected}");
    }
}

#[test]
fn the_service_catalogue_covers_common_providers() {
    let catalog = builtin();
    assert!(
        catalog.services.len() >= 40,
        "{} services",
        catalog.services.len()
    );
    for id in [
        "stripe",
        "colissimo",
        "brevo",
        "meta_pixel",
        "wix",
        "shopify",
        "google_analytics",
        "matomo",
        "youtube",
        "google_maps",
        "doctolib",
        "calendly",
        "mailchimp",
        "paypal",
        "sumup",
        "google_recaptcha",
        "ovhcloud",
        "o2switch",
    ] {
        let service = catalog
            .service(id)
            .unwrap_or_else(|| panic!("missing service {id}"));
        assert!(service.privacy_url.starts_with("https://"), "{id}");
        assert_eq!(service.checked.len(), 10, "{id}: checked date");
    }
    assert!(catalog.service("meta_pixel").unwrap().consent_required);
    assert!(
        catalog
            .service("google_analytics")
            .unwrap()
            .consent_required
    );
}

/// Every built-in text file, questionnaires and templates.
fn builtin_texts() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = Vec::new();
    for folder in ["questionnaires", "templates"] {
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            let path = entry.unwrap().path();
            texts.push((
                path.display().to_string(),
                std::fs::read_to_string(&path).unwrap(),
            ));
        }
    }
    texts
}

#[test]
fn no_text_cites_an_outdated_reference() {
    for (file, text) in builtin_texts() {
        let lower = text.to_lowercase();
        for outdated in [
            "6-iii",
            "6 iii",
            "déclaration cnil",
            "declaration cnil",
            "ec.europa.eu/consumers/odr",
            "webgate.ec.europa.eu/odr",
        ] {
            assert!(!lower.contains(outdated), "{file} cites « {outdated} »");
        }
    }
}

#[test]
fn a_bakery_with_a_showcase_site_sees_no_shop_or_prospecting_question() {
    let report = fixture_report("boulangerie");
    let skipped: Vec<&str> = report
        .skipped_modules
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(
        skipped,
        [
            "associations",
            "sante",
            "e_commerce",
            "clients",
            "vente_messages",
            "droit_image",
            "prospection",
            "salaries",
            "videoprotection"
        ]
    );
    assert!(
        report
            .actions
            .iter()
            .all(|a| !a.question.starts_with("ec_") || a.question == "ec_mediateur"),
        "the consumer mediator concerns every seller, the rest of the shop module does not"
    );
}

#[test]
fn declaring_no_trackers_leaves_only_the_questions_that_check_it() {
    let report = fixture_report("kinesitherapeute");
    let cookies = report.modules.iter().find(|m| m.id == "cookies").unwrap();
    assert_eq!(cookies.questions, 3);
    let sections: Vec<&str> = cookies.sections.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sections, ["verification_sans_traceurs"]);
}

#[test]
fn the_vat_number_is_offered_from_the_siren_when_missing() {
    let seller = fixture_report("micro-entreprise-instagram");
    assert_eq!(seller.vat_suggestion.as_deref(), Some("FR44732829320"));
    let text = vigie::engine::report::to_text(&seller);
    assert!(text.contains("calculé à partir de votre SIREN : FR44732829320"));
    // The bakery already gave its VAT number.
    assert_eq!(fixture_report("boulangerie").vat_suggestion, None);
}
