//! Members and images (issue 11): the associations module and the image-rights module, the
//! judo club with many minor licensees, its plan and its documents, and the image-rights form.

use vigie::documents::{DocumentState, applicable, build_context};
use vigie::engine::scoring::{Grade, score};
use vigie::model::answers::{Answer, Answers, Rating};
use vigie::model::assets::load_catalog;
use vigie::model::catalog::Catalog;

use crate::documents::{answers, document, documents_of};

fn catalog() -> Catalog {
    load_catalog(None).unwrap()
}

/// The modules whose questions apply to these answers.
fn modules(answers: &Answers) -> Vec<String> {
    let catalog = catalog();
    let visibility = catalog.visibility(answers);
    catalog
        .modules
        .iter()
        .filter(|m| visibility.module_applies(m))
        .map(|m| m.id.clone())
        .collect()
}

#[test]
fn the_members_and_images_modules_apply_to_the_judo_club_and_not_to_the_bakery() {
    let club = modules(&answers("club-judo-mineurs"));
    assert!(club.contains(&"associations".to_string()), "{club:?}");
    assert!(club.contains(&"droit_image".to_string()), "{club:?}");
    let bakery = modules(&answers("boulangerie"));
    assert!(!bakery.contains(&"associations".to_string()), "{bakery:?}");
    assert!(!bakery.contains(&"droit_image".to_string()), "{bakery:?}");
    // A company that publishes photos of its clients gets the image rights, not the members.
    let salon = modules(&answers("salon-coiffure"));
    assert!(salon.contains(&"droit_image".to_string()), "{salon:?}");
    assert!(!salon.contains(&"associations".to_string()), "{salon:?}");
    // The consent question lives in one module: the social-networks module no longer asks it.
    assert!(catalog().question("rs_photos_accord").is_none());
}

#[test]
fn the_judo_club_first_fixes_the_childrens_health_data_then_the_photos() {
    let report = score(&catalog(), &answers("club-judo-mineurs"));
    let first = crate::common::first_actions(&report, 3);
    // 1. The club keeps the health questionnaires the children filled in with their parents:
    //    health data of minors collected for nothing, since only the parents' attestation is
    //    needed (C. sport L231-2, D231-1-4-1; GDPR 5.1.c and 9). Raised to critical by the
    //    health data, and the one thing that hurts children if the binder is lost.
    // 2. Competition photos are published with consent collected only for some people
    //    (C. civ. 9), raised to critical because children are photographed.
    // 3. For the children, only one parent signs, through a sentence of the membership form:
    //    both holders of parental authority must agree (C. civ. 372-1, loi n° 2024-120).
    // The certificates kept too long and the missing mention of the federation come after.
    assert_eq!(
        first,
        ["as_questionnaire_mineurs", "di_accord", "di_mineurs"],
        "{:#?}",
        report.actions
    );
    // One critical failure (the questionnaires): D at best, however good the rest.
    assert_eq!(report.grade, Some(Grade::D));
    let titles: Vec<&str> = report.actions.iter().map(|a| a.title.as_str()).collect();
    assert!(titles.contains(&"Séparez l'accord pour les photos du bulletin d'adhésion"));
    assert!(titles.contains(&"Nommez la fédération comme destinataire sur le bulletin d'adhésion"));
}

#[test]
fn a_club_that_says_no_to_consent_is_not_asked_the_details_of_it() {
    let catalog = catalog();
    let mut club = answers("club-judo-mineurs");
    club.set("di_accord", Answer::Rating(Rating::Non));
    let question = catalog.question("di_mineurs").unwrap();
    assert_eq!(
        vigie::engine::interview::deduce::deduction(&catalog, &club, question),
        Some(Answer::Rating(Rating::Non))
    );
    // Withdrawal is asked only of who collects consent.
    assert!(!catalog.visibility(&club).is_visible("di_retrait"));
}

#[test]
fn the_judo_club_gets_the_image_form_and_its_members_in_the_register_and_the_policy() {
    let club = answers("club-judo-mineurs");
    let stems: Vec<String> = applicable(&build_context(
        &catalog(),
        &club,
        crate::common::day(crate::common::TODAY),
    ))
    .into_iter()
    .map(|d| d.stem)
    .collect();
    assert!(
        stems.contains(&"autorisation-droit-image".to_string()),
        "{stems:?}"
    );
    let documents = documents_of(&club);
    // The form is the remedy for the missing consent: ready to hand out.
    let form = document(&documents, "autorisation-droit-image");
    assert_eq!(form.state(), DocumentState::Ready, "{:?}", form.markers);
    // The register and the policy state the practices the answers deny only with a marker.
    for stem in ["registre-des-traitements", "politique-de-confidentialite"] {
        let text = &document(&documents, stem).markdown;
        assert_eq!(document(&documents, stem).state(), DocumentState::ToCorrect);
        assert!(
            text.contains("Gestion des adhérents et des licences"),
            "{stem}"
        );
        assert!(
            text.contains("Certificats médicaux et attestations de santé"),
            "{stem}"
        );
        assert!(text.contains("Photos et vidéos de personnes"), "{stem}");
        assert!(
            text.contains("la fédération à laquelle l'association est affiliée"),
            "{stem}"
        );
        assert!(text.contains("question as_questionnaire_mineurs"), "{stem}");
        assert!(text.contains("question di_mineurs"), "{stem}");
        // A certificate is health data, never presented under a made-up retention period.
        assert!(text.contains("un certificat médical est une donnée de santé (article 9 du RGPD)"));
        assert!(!text.contains("ans après"), "{stem}");
    }
    // The bakery has neither members nor photos of people.
    let bakery = documents_of(&answers("boulangerie"));
    assert!(bakery.iter().all(|d| d.stem != "autorisation-droit-image"));
    let policy = &document(&bakery, "politique-de-confidentialite").markdown;
    assert!(!policy.contains("adhérents"));
    assert!(!policy.contains("Photos et vidéos de personnes"));
}

#[test]
fn the_image_form_has_an_adult_and_a_minor_version_and_says_how_to_withdraw() {
    let documents = documents_of(&answers("club-judo-mineurs"));
    let form = &document(&documents, "autorisation-droit-image").markdown;
    let (adult, minor) = form
        .split_once("## Version pour un enfant mineur")
        .expect("a minor version");
    assert!(adult.contains("## Version pour une personne majeure"));
    assert_eq!(adult.matches("Signature :").count(), 1);
    // Each holder of parental authority signs, and the child gives an opinion (C. civ. 372-1).
    let minor = minor.split("## Vos droits").next().unwrap();
    assert_eq!(minor.matches("Signature :").count(), 2, "{minor}");
    assert!(minor.contains("Premier titulaire de l'autorité parentale — Signature :"));
    assert!(minor.contains("Second titulaire de l'autorité parentale — Signature :"));
    assert!(minor.contains("L'avis de l'enfant"));
    // Each medium is named and chosen separately, in both versions.
    for medium in [
        "☐ notre site internet (https://www.judo-gresivaudan.fr)",
        "☐ notre compte Facebook",
        "☐ notre compte Instagram",
    ] {
        assert_eq!(form.matches(medium).count(), 2, "{medium}");
    }
    assert!(form.contains("Jusqu'à quand"));
    assert!(form.contains("à titre gratuit"));
    assert!(form.contains("vous pouvez le refuser sans aucune conséquence"));
    assert!(form.contains(
        "vous pouvez le retirer à tout moment, aussi simplement que vous l'avez donné, en écrivant à contact@judo-gresivaudan.fr"
    ));
    assert!(form.contains("réclamation à la CNIL"));
    assert!(form.contains("Data Privacy Framework"));
    // Never tacit, never bundled, never unlimited (GDPR 4(11), 7).
    for forbidden in [
        "sauf opposition",
        "vaut accord",
        "irrévocable",
        "sans limite",
    ] {
        assert!(!form.contains(forbidden), "{forbidden}");
    }
}

#[test]
fn a_denied_withdrawal_practice_leaves_a_marker_in_the_form() {
    let mut salon = answers("coiffeuse-lyon");
    let documents = documents_of(&salon);
    let form = document(&documents, "autorisation-droit-image");
    assert_eq!(form.state(), DocumentState::Ready, "{:?}", form.markers);
    assert!(form.markdown.contains(
        "Nous retirons alors les photos et vidéos de notre site et de nos réseaux sans tarder"
    ));
    salon.set("di_retrait", Answer::Rating(Rating::Non));
    let documents = documents_of(&salon);
    let form = document(&documents, "autorisation-droit-image");
    assert_eq!(form.state(), DocumentState::ToCorrect);
    assert!(!form.markdown.contains("Nous retirons alors les photos"));
    assert!(
        form.markdown
            .contains("⟦à corriger avant publication : une photo est retirée du site et des réseaux dès que la personne retire son accord — question di_retrait")
    );
}

#[test]
fn snapshot_of_the_judo_clubs_image_rights_form() {
    let documents = documents_of(&answers("club-judo-mineurs"));
    insta::assert_snapshot!(
        "club-judo-mineurs__autorisation-droit-image",
        document(&documents, "autorisation-droit-image").markdown
    );
}
