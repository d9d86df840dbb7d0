//! The generated documents: one context for all, escaping, incompleteness, formats, and what
//! each document must (and must not) say for each fixture organisation.

use vigie::answers::{Answer, Answers, parse_answers};
use vigie::assets::load_catalog;
use vigie::catalog::Catalog;
use vigie::documents::{
    DocumentContext, Format, RenderedDocument, Templates, applicable, build_context, render,
};

use crate::common::{fixtures, read};

pub const ORGANISATIONS: [&str; 5] = [
    "boulangerie",
    "kinesitherapeute",
    "association",
    "boutique-en-ligne",
    "micro-entreprise-instagram",
];

fn catalog() -> Catalog {
    load_catalog(None).unwrap()
}

pub fn answers(name: &str) -> Answers {
    let source = read(&fixtures().join("answers").join(format!("{name}.toml")));
    parse_answers(&source, &catalog()).unwrap().answers
}

fn context_of(answers: &Answers) -> DocumentContext {
    build_context(&catalog(), answers, crate::common::day("2026-11-29"))
}

pub fn documents_of(answers: &Answers) -> Vec<RenderedDocument> {
    let templates = Templates::load(None).unwrap();
    render(&templates, &context_of(answers), &[]).unwrap()
}

pub fn document<'a>(documents: &'a [RenderedDocument], stem: &str) -> &'a RenderedDocument {
    documents
        .iter()
        .find(|d| d.stem == stem)
        .unwrap_or_else(|| panic!("no document {stem}"))
}

#[test]
fn the_built_in_templates_pass_the_check() {
    let templates = Templates::load(None).unwrap();
    let problems = templates.check(&catalog());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_documents_that_apply_follow_the_organisation() {
    let stems = |name: &str| -> Vec<String> {
        applicable(&context_of(&answers(name)))
            .into_iter()
            .map(|d| d.stem)
            .collect()
    };
    assert_eq!(
        stems("boulangerie"),
        [
            "mentions-legales",
            "politique-de-confidentialite",
            "mention-formulaire-contact",
            "bandeau-cookies",
            "politique-cookies",
            "page-reseaux-sociaux",
            "reponse-opposition",
            "registre-des-traitements"
        ]
    );
    assert_eq!(
        stems("kinesitherapeute"),
        [
            "mentions-legales",
            "politique-de-confidentialite",
            "mention-formulaire-contact",
            "mention-formulaire-rendez-vous",
            "reponse-opposition",
            "registre-des-traitements"
        ]
    );
    let shop = stems("boutique-en-ligne");
    for stem in [
        "mention-formulaire-newsletter",
        "mention-formulaire-compte",
        "mention-formulaire-commande",
        "pied-email-prospection",
    ] {
        assert!(shop.contains(&stem.to_string()), "{stem}");
    }
}

/// Every identity text that is not checked by a validator, set to markup.
fn hostile_answers() -> Answers {
    let mut answers = answers("boutique-en-ligne");
    let hostile = "<script>alert(1)</script> & *gras* [lien](https://x.y)";
    for field in [
        "denomination",
        "nom_commercial",
        "forme_juridique",
        "adresse",
        "ville",
        "rcs_ville",
        "directeur_publication",
        "hebergeur_nom",
        "hebergeur_adresse",
        "mediateur_nom",
    ] {
        answers.set(field, Answer::Text(hostile.to_string()));
    }
    answers
}

#[test]
fn every_user_value_is_escaped_in_html() {
    for document in documents_of(&hostile_answers()) {
        for (name, html) in document.files(Format::Html) {
            assert!(!html.contains("<script>"), "{name} lets a script through");
            assert!(
                !html.contains("<strong>gras</strong>"),
                "{name} interprets Markdown in a value"
            );
            assert!(
                !html.contains("href=\"https://x.y\""),
                "{name} turns a value into a link"
            );
        }
    }
    let documents = documents_of(&hostile_answers());
    let legal = document(&documents, "mentions-legales");
    let (_, page) = &legal.files(Format::Html)[0];
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; *gras* [lien](https://x.y)"),
        "the organisation's name is shown as typed"
    );
    let (_, text) = &legal.files(Format::Text)[0];
    assert!(text.contains("<script>alert(1)</script> & *gras* [lien](https://x.y)"));
}

#[test]
fn a_missing_required_value_makes_the_document_incomplete() {
    let documents = documents_of(&answers("boulangerie"));
    let legal = document(&documents, "mentions-legales");
    assert!(!legal.is_complete());
    assert_eq!(
        legal.missing,
        ["adresse de l'hébergeur", "téléphone de l'hébergeur"]
    );
    assert!(
        legal
            .markdown
            .contains("⟦à compléter : adresse de l'hébergeur⟧")
    );
    // The other documents of the bakery do not need the host.
    assert!(document(&documents, "mention-formulaire-contact").is_complete());
}

#[test]
fn complete_documents_carry_no_marker_and_no_empty_field() {
    for name in [
        "kinesitherapeute",
        "association",
        "micro-entreprise-instagram",
    ] {
        for document in documents_of(&answers(name)) {
            if name == "association" && document.stem.contains("cookies") {
                // It does not know what its trackers are for: see the test below.
                continue;
            }
            assert!(
                document.is_complete(),
                "{name}/{}: {:?}",
                document.stem,
                document.missing
            );
            for line in document.markdown.lines() {
                let trimmed = line.trim_end();
                assert!(
                    !(trimmed.ends_with(':') || trimmed.ends_with(": "))
                        || trimmed.starts_with('#')
                        || trimmed.len() > 60,
                    "{name}/{}: empty field line « {line} »",
                    document.stem
                );
                assert!(
                    !line.contains("{{") && !line.contains("{%"),
                    "{name}/{}: raw template",
                    document.stem
                );
            }
        }
    }
}

#[test]
fn every_document_shows_its_date_references_and_a_calm_disclaimer() {
    for name in ORGANISATIONS {
        for document in documents_of(&answers(name)) {
            let text = &document.markdown;
            assert!(
                text.contains("Dernière mise à jour : 29 novembre 2026"),
                "{name}/{}",
                document.stem
            );
            assert!(
                text.contains("Références juridiques vérifiées au"),
                "{name}/{}",
                document.stem
            );
            assert!(
                text.contains("ne constitue pas un avis juridique"),
                "{name}/{}",
                document.stem
            );
        }
    }
}

#[test]
fn no_document_cites_an_outdated_reference() {
    for name in ORGANISATIONS {
        for document in documents_of(&answers(name)) {
            let lower = document.markdown.to_lowercase();
            for outdated in [
                "6-iii",
                "déclaration cnil",
                "consumers/odr",
                "règlement en ligne des litiges",
            ] {
                assert!(
                    !lower.contains(outdated),
                    "{name}/{} cites « {outdated} »",
                    document.stem
                );
            }
        }
    }
}

#[test]
fn the_three_formats_are_written_for_each_document() {
    let documents = documents_of(&answers("association"));
    let legal = document(&documents, "mentions-legales");
    let names: Vec<String> = [Format::Markdown, Format::Html, Format::Text]
        .into_iter()
        .flat_map(|f| legal.files(f))
        .map(|(name, _)| name)
        .collect();
    assert_eq!(
        names,
        [
            "mentions-legales.md",
            "mentions-legales.html",
            "mentions-legales.fragment.html",
            "mentions-legales.txt"
        ]
    );
    let (_, page) = &legal.files(Format::Html)[0];
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("@media print"));
    let (_, fragment) = &legal.files(Format::Html)[1];
    assert!(
        fragment.starts_with("<h1>"),
        "{}",
        &fragment[..40.min(fragment.len())]
    );
    let (_, text) = &legal.files(Format::Text)[0];
    assert!(!text.contains("**") && !text.contains("](") && !text.contains("## "));
}

#[test]
fn unknown_trackers_leave_the_cookie_texts_incomplete() {
    // The association answered « je ne sais pas » about trackers and declared no tracking
    // service: the banner cannot state purposes and partners it does not know.
    let documents = documents_of(&answers("association"));
    for stem in ["bandeau-cookies", "politique-cookies"] {
        assert!(!document(&documents, stem).is_complete(), "{stem}");
    }
}

/// Every document of every fixture organisation, read through before being accepted.
#[test]
fn snapshots_of_every_document() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/documents");
    settings.bind(|| {
        for name in ORGANISATIONS {
            for document in documents_of(&answers(name)) {
                insta::assert_snapshot!(format!("{name}__{}", document.stem), document.markdown);
            }
        }
        // One document in the other formats.
        let documents = documents_of(&answers("boutique-en-ligne"));
        let newsletter = document(&documents, "mention-formulaire-newsletter");
        for (file, content) in newsletter
            .files(Format::Html)
            .into_iter()
            .chain(newsletter.files(Format::Text))
        {
            insta::assert_snapshot!(format!("boutique-en-ligne__{file}"), content);
        }
    });
}

fn text_of(name: &str, stem: &str) -> String {
    document(&documents_of(&answers(name)), stem)
        .markdown
        .clone()
}

#[test]
fn legal_notice_follows_the_publisher_type() {
    // Société (C1): name, legal form, capital, RCS with its city and SIREN, VAT, director, host.
    let bakery = text_of("boulangerie", "mentions-legales");
    for expected in [
        "Boulangerie Dupain",
        "SARL",
        "Capital social",
        "RCS Lyon 732 829 320",
        "FR44732829320",
        "Directeur de la publication : Marie Dupain",
        "Wix.com Ltd.",
        "04 78 12 34 56",
        "contact@boulangerie-dupain.fr",
        "article 1-1 de la loi n° 2004-575 du 21 juin 2004",
    ] {
        assert!(bakery.contains(expected), "bakery: {expected}");
    }
    assert!(!bakery.contains("médiateur"), "no consumer sales online");
    // EI (C2) and regulated health profession (C4), never a consumer mediator for care.
    let physio = text_of("kinesitherapeute", "mentions-legales");
    for expected in [
        "Julien Martin (EI)",
        "masseur-kinésithérapeute",
        "Conseil départemental de l'Ordre des masseurs-kinésithérapeutes de la Gironde",
        "Code de déontologie des masseurs-kinésithérapeutes",
        "France",
        "OVH SAS",
        "09 72 10 10 07",
    ] {
        assert!(physio.contains(expected), "physio: {expected}");
    }
    for absent in ["médiateur", "Capital social", "RCS"] {
        assert!(!physio.contains(absent), "physio: {absent}");
    }
    // Association (C3).
    let association = text_of("association", "mentions-legales");
    assert!(association.contains("Les Jardins Partagés du Faubourg"));
    assert!(association.contains("W442001234"));
    assert!(!association.contains("Capital social") && !association.contains("RCS"));
    // E-commerce (C5): the consumer mediator, and never the closed ODR platform.
    let shop = text_of("boutique-en-ligne", "mentions-legales");
    assert!(shop.contains("Médiateur de la consommation CM2C"));
    assert!(shop.contains("https://www.cm2c.net"));
}

#[test]
fn privacy_policy_lists_only_the_rights_each_basis_opens() {
    let physio = text_of("kinesitherapeute", "politique-de-confidentialite");
    // Contact form on legitimate interest: objection, not portability.
    assert!(
        physio.contains(
            "pour le traitement « Demandes de contact », fondé sur notre intérêt légitime"
        )
    );
    assert!(physio.contains(
        "Droit à la portabilité** (article 20) : pour le traitement « Prise de rendez-vous »"
    ));
    assert!(
        !physio.contains("retirer votre consentement à tout moment"),
        "no consent-based processing"
    );
    // Health data (D12), no DPO paragraph without a DPO, complaint to the CNIL (D8), one month (D7).
    for expected in [
        "9.2.h",
        "L1110-4",
        "L1111-8",
        "3 place de Fontenoy",
        "un mois",
        "article 85",
    ] {
        assert!(physio.contains(expected), "physio: {expected}");
    }
    assert!(!physio.contains("délégué à la protection des données"));
    // Newsletter and prospecting on consent: withdrawal and objection to marketing (D6).
    let shop = text_of("boutique-en-ligne", "politique-de-confidentialite");
    for expected in [
        "6.1.a",
        "retirer votre consentement",
        "Stripe",
        "Colissimo",
        "Brevo",
        "10 ans",
    ] {
        assert!(shop.contains(expected), "shop: {expected}");
    }
}

#[test]
fn the_newsletter_notice_carries_an_unticked_checkbox() {
    let notice = text_of("boutique-en-ligne", "mention-formulaire-newsletter");
    assert!(notice.contains("<input type=\"checkbox\""));
    assert!(
        !notice.contains("checked"),
        "the box must not be pre-ticked"
    );
    assert!(notice.contains("désinscription"));
    assert!(notice.contains("Brevo"));
    let contact = text_of("kinesitherapeute", "mention-formulaire-contact");
    assert!(!contact.contains("<input"));
    assert!(contact.contains("ne pas indiquer d'informations sur votre santé"));
}

#[test]
fn cookie_texts_offer_refusal_as_easily_as_acceptance() {
    let banner = text_of("boutique-en-ligne", "bandeau-cookies");
    for expected in [
        "Tout accepter",
        "Tout refuser",
        "Personnaliser",
        "Gérer mes cookies",
        "Meta",
    ] {
        assert!(banner.contains(expected), "banner: {expected}");
    }
    assert!(
        !banner
            .to_lowercase()
            .contains("en poursuivant votre navigation, vous acceptez")
    );
    let policy = text_of("boutique-en-ligne", "politique-cookies");
    assert!(policy.contains("_fbp"), "the Meta pixel cookie is listed");
    assert!(policy.contains("6 mois"));
}

#[test]
fn a_lawyer_serving_consumers_must_name_a_consumer_mediator() {
    let mut lawyer = answers("kinesitherapeute");
    lawyer.set("profession_reglementee", Answer::Choice("droit".into()));
    let catalog = catalog();
    let report = vigie::scoring::score(&catalog, &lawyer);
    let missing: Vec<&str> = report
        .identity_missing
        .iter()
        .map(|m| m.field.as_str())
        .collect();
    assert!(missing.contains(&"mediateur_nom"), "{missing:?}");
    let legal = document(&documents_of(&lawyer), "mentions-legales").clone();
    assert!(
        legal
            .missing
            .contains(&"médiateur de la consommation".to_string()),
        "{:?}",
        legal.missing
    );
    // A health professional never gets one (C. conso L611-4).
    let physio = answers("kinesitherapeute");
    assert!(!text_of("kinesitherapeute", "mentions-legales").contains("médiateur"));
    assert!(
        vigie::scoring::score(&catalog, &physio)
            .identity_missing
            .is_empty()
    );
}
