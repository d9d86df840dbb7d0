//! The generated documents: one context for all, escaping, incompleteness, formats, and what
//! each document must (and must not) say for each fixture organisation.

use vigie::documents::{
    DocumentContext, DocumentState, Format, MarkerKind, RenderedDocument, Templates, applicable,
    build_context, render,
};
use vigie::model::answers::{Answer, Answers, Rating};
use vigie::model::answers_file::parse_answers;
use vigie::model::assets::load_catalog;
use vigie::model::catalog::Catalog;

use crate::common::{fixtures, read};

pub const ORGANISATIONS: [&str; 6] = [
    "boulangerie",
    "coiffeuse-lyon",
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
            "registre-des-traitements",
            "registre-des-violations"
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
            "registre-des-traitements",
            "information-patients",
            "registre-des-violations"
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
    assert_eq!(legal.state(), DocumentState::ToComplete);
    assert_eq!(
        legal.missing(),
        ["adresse de l'hébergeur", "téléphone de l'hébergeur"]
    );
    assert_eq!(
        legal.markers[0].question.as_deref(),
        Some("hebergeur_adresse")
    );
    assert!(
        legal
            .markdown
            .contains("⟦à compléter : adresse de l'hébergeur — question hebergeur_adresse⟧")
    );
}

#[test]
fn every_marker_names_a_question_of_the_catalogue_and_no_field_is_empty() {
    let catalog = catalog();
    for name in ORGANISATIONS {
        for document in documents_of(&answers(name)) {
            for marker in &document.markers {
                let question = marker.question.as_deref().unwrap_or_else(|| {
                    panic!(
                        "{name}/{}: marker without question: {marker:?}",
                        document.stem
                    )
                });
                assert!(
                    catalog.question(question).is_some(),
                    "{name}/{}: unknown question {question}",
                    document.stem
                );
                if marker.kind == MarkerKind::Correct {
                    assert!(
                        marker.action.as_deref().is_some_and(|a| !a.is_empty()),
                        "{name}/{}: {marker:?}",
                        document.stem
                    );
                }
            }
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
fn every_document_shows_its_date_and_references_and_nothing_for_the_owner() {
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
            // The disclaimer and the owner's notes go to A-LIRE, never into published text.
            for file in [Format::Markdown, Format::Html, Format::Text]
                .into_iter()
                .flat_map(|f| document.files(f))
            {
                assert!(
                    !file.1.contains("avis juridique") && !file.1.contains("Pour vous ("),
                    "{name}/{}",
                    file.0
                );
            }
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
    // A bakery sells to consumers: it names its consumer mediator even without an online
    // shop (C. conso L612-1).
    assert!(
        bakery.contains("Médiateur de la consommation CM2C"),
        "every seller to consumers"
    );
    let instagram = text_of("micro-entreprise-instagram", "mentions-legales");
    assert!(
        instagram.contains("⟦à compléter : médiateur de la consommation — question mediateur_nom⟧"),
        "every seller to consumers"
    );
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
    // An association (outside Alsace-Moselle): its regime, its RNA number, its president as
    // publication director (LCEN art. 1-1).
    let association = text_of("association", "mentions-legales");
    for expected in [
        "association régie par la loi du 1er juillet 1901",
        "Numéro RNA : W442001234",
        "qui préside l'association",
    ] {
        assert!(association.contains(expected), "association: {expected}");
    }
    assert!(
        !association.contains("médiateur"),
        "an association's members are not customers"
    );
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
        "Droit à la portabilité** (article 20) : pour les traitements « Dossier des patients et soins » et « Prise de rendez-vous »"
    ));
    assert!(
        !physio.contains("retirer votre consentement à tout moment"),
        "no consent-based processing"
    );
    // Health data (D12), no DPO paragraph without a DPO, complaint to the CNIL (D8), one month (D7).
    for expected in [
        "9.2.h",
        "L1110-4",
        "3 place de Fontenoy",
        "un mois",
        "article 85",
    ] {
        assert!(physio.contains(expected), "physio: {expected}");
    }
    assert!(!physio.contains("délégué à la protection des données"));
    // HDS hosting is not asserted when the physiotherapist does not know (D12).
    assert!(!physio.contains("L1111-8"));
    assert!(physio.contains("⟦à corriger avant publication : les outils en ligne qui contiennent"));
    assert!(physio.contains("question st_hebergement_hds — action : "));
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
fn the_newsletter_notice_gives_an_unticked_checkbox_to_the_owner() {
    let documents = documents_of(&answers("boutique-en-ligne"));
    let newsletter = document(&documents, "mention-formulaire-newsletter");
    // The box's label for a form builder, then the HTML as an option: for the owner only.
    assert!(newsletter.notes.contains(
        "« J'accepte de recevoir votre lettre d'information par e-mail. Je pourrai me désinscrire"
    ));
    assert!(newsletter.notes.contains("<input type=\"checkbox\""));
    assert!(
        !newsletter.notes.contains("checked"),
        "the box must not be pre-ticked"
    );
    assert!(!newsletter.markdown.contains("<input"));
    let notice = text_of("boutique-en-ligne", "mention-formulaire-newsletter");
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
    let report = vigie::engine::scoring::score(&catalog, &lawyer);
    let missing: Vec<&str> = report
        .identity_missing
        .iter()
        .map(|m| m.field.as_str())
        .collect();
    assert!(missing.contains(&"mediateur_nom"), "{missing:?}");
    let legal = document(&documents_of(&lawyer), "mentions-legales").clone();
    assert!(
        legal
            .missing()
            .contains(&"médiateur de la consommation".to_string()),
        "{:?}",
        legal.missing()
    );
    // A health professional never gets one (C. conso L611-4).
    let physio = answers("kinesitherapeute");
    assert!(!text_of("kinesitherapeute", "mentions-legales").contains("médiateur"));
    assert!(
        vigie::engine::scoring::score(&catalog, &physio)
            .identity_missing
            .is_empty()
    );
}

/// What a sentence of a document claims, and the answer that must establish it: with that
/// answer at « non », the phrase is nowhere in the published documents.
const CLAIMS: [(&str, &str); 13] = [
    (
        "ck_consentement_prealable",
        "ne sont déposés qu'avec votre accord",
    ),
    (
        "ck_consentement_prealable",
        "ne sont déposés ou lus qu'après votre accord",
    ),
    ("ck_retrait", "grâce au lien « Gérer mes cookies »"),
    ("ck_duree_choix", "pendant 6 mois"),
    ("ck_refus_facile", "Refuser est aussi simple qu'accepter"),
    ("ck_silence_refus", "Tant que vous n'avez pas fait de choix"),
    (
        "ck_cases_precochees",
        "Tous les choix sont désactivés au départ",
    ),
    ("gv_sauvegardes", "sauvegardes régulières"),
    ("gv_violation_personnes", "nous vous en informerions"),
    (
        "sv_newsletter_desinscription",
        "Chaque lettre contient un lien de désinscription",
    ),
    (
        "gv_delai_reponse",
        "Nous vous répondons dans les meilleurs délais",
    ),
    (
        "gv_verification_identite",
        "Nous ne vous demanderons un justificatif d'identité",
    ),
    ("sv_pc_acces", "accessible depuis chaque page du site"),
];

/// The published text of the documents, markers left out.
fn published(documents: &[RenderedDocument]) -> String {
    let mut out = String::new();
    for document in documents {
        let mut rest = document.markdown.as_str();
        while let Some(start) = rest.find('⟦') {
            out.push_str(&rest[..start]);
            rest = rest[start..].split_once('⟧').map_or("", |(_, after)| after);
        }
        out.push_str(rest);
    }
    out
}

#[test]
fn no_claim_survives_an_answer_that_denies_it() {
    let base = answers("coiffeuse-lyon");
    let before = documents_of(&base);
    for document in &before {
        assert_eq!(document.state(), DocumentState::Ready, "{}", document.stem);
    }
    for (id, phrase) in CLAIMS {
        assert!(
            published(&before).contains(phrase),
            "{id}: « {phrase} » expected at first"
        );
    }
    // Every « conforme » answer, one at a time, turned to « non ».
    let conforme: Vec<String> = base
        .iter()
        .filter(|(_, a)| matches!(a, Answer::Rating(Rating::Conforme)))
        .map(|(id, _)| id.clone())
        .collect();
    assert!(conforme.len() > 60, "{}", conforme.len());
    for id in &conforme {
        let mut flipped = base.clone();
        flipped.set(id.as_str(), Answer::Rating(Rating::Non));
        let after = documents_of(&flipped);
        for (id_claim, phrase) in CLAIMS {
            if id_claim == id {
                assert!(
                    !published(&after).contains(phrase),
                    "{id}: « {phrase} » survives"
                );
            }
        }
        for (old, new) in before.iter().zip(&after) {
            if old.markdown == new.markdown {
                continue;
            }
            // The text changed: the claim is marked with the question that denies it, or it
            // is gone (the text only lost words).
            let marked = new.markers.iter().any(|m| {
                m.question.as_deref() == Some(id.as_str()) && m.kind == MarkerKind::Correct
            });
            assert!(
                marked || new.markdown.len() < old.markdown.len(),
                "{id} changes {} without marking it",
                new.stem
            );
            if marked {
                assert_eq!(new.state(), DocumentState::ToCorrect, "{id}/{}", new.stem);
            }
        }
    }
}

#[test]
fn answering_the_question_a_marker_names_removes_it() {
    // Each kind of marker, in the fixtures that carry it, goes away once its question is
    // answered as the hairdresser answered it (or, for identity values, given a value).
    let reference = answers("coiffeuse-lyon");
    let catalog = catalog();
    for name in ORGANISATIONS {
        let original = answers(name);
        for document in documents_of(&original) {
            for marker in &document.markers {
                let id = marker.question.clone().unwrap();
                let mut fixed = original.clone();
                let answer = reference.get(&id).cloned().unwrap_or_else(|| {
                    match catalog.question(&id).map(|q| &q.kind) {
                        Some(vigie::model::catalog::QuestionKind::Conformite(_)) => {
                            Answer::Rating(Rating::Conforme)
                        }
                        Some(vigie::model::catalog::QuestionKind::Choice { options, .. }) => {
                            Answer::Choice(options[0].value.clone())
                        }
                        Some(vigie::model::catalog::QuestionKind::Multi { options }) => {
                            Answer::Multi([options[0].value.clone()].into())
                        }
                        _ => Answer::Text("https://exemple.fr/valeur".into()),
                    }
                });
                if id == "services" || id == "formulaires" || id == "donnees_particulieres" {
                    // Answered by declaring what the organisation uses: checked below.
                    continue;
                }
                fixed.set(id.as_str(), answer);
                let again = documents_of(&fixed);
                let same = again.iter().find(|d| d.stem == document.stem).unwrap();
                assert!(
                    !same.markers.iter().any(|m| m == marker),
                    "{name}/{}: {marker:?} stays once {id} is answered",
                    document.stem
                );
            }
        }
    }
    // Trackers nobody declared: naming the services removes the markers.
    let mut association = answers("association");
    assert!(documents_of(&association).iter().any(|d| {
        d.markers
            .iter()
            .any(|m| m.question.as_deref() == Some("services"))
    }));
    association.set(
        "services",
        Answer::Multi(["matomo_cloud".to_string()].into()),
    );
    association.set("traceurs", Answer::Choice("non".into()));
    assert!(!documents_of(&association).iter().any(|d| {
        d.markers
            .iter()
            .any(|m| m.question.as_deref() == Some("services"))
    }));
}

#[test]
fn publishable_files_hold_only_the_published_text_and_a_readme_holds_the_rest() {
    let home = tempfile::tempdir().unwrap();
    let documents = documents_of(&answers("boulangerie"));
    let formats = [Format::Markdown, Format::Html, Format::Text];
    let paths = vigie::documents::write_files(&documents, &formats, home.path()).unwrap();
    for path in &paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let content = std::fs::read_to_string(path).unwrap();
        if name.starts_with("A-LIRE") {
            continue;
        }
        assert!(!content.contains("Pour vous ("), "{name}");
        assert!(!content.contains("avis juridique"), "{name}");
        assert!(content.contains("Dernière mise à jour"), "{name}");
        if name.ends_with(".txt") {
            let escaped = content.char_indices().any(|(i, c)| {
                c == '\\' && content[i + 1..].starts_with(|n: char| n.is_ascii_punctuation())
            });
            assert!(!escaped, "{name}: Markdown escape left");
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(path).unwrap().permissions().mode();
            assert_ne!(
                mode & 0o044,
                0,
                "{name}: a published file follows the umask"
            );
        }
    }
    let readme = std::fs::read_to_string(home.path().join("A-LIRE.md")).unwrap();
    for expected in [
        "## État des documents",
        "| Mentions légales | ⚠ à compléter |",
        "| Politique de cookies | ✗ à corriger |",
        "à compléter : téléphone de l'hébergeur — répondez à la question «\u{a0}hebergeur_telephone\u{a0}»",
        "ne constituent pas un avis juridique",
        "Placez ce texte sous le formulaire",
        "**Wix**",
        "**WordPress**",
        "**Shopify**",
        "**Squarespace**",
    ] {
        assert!(readme.contains(expected), "A-LIRE: {expected}");
    }
    assert!(home.path().join("A-LIRE.html").is_file());
}

#[test]
fn every_document_of_an_organisation_describes_a_recipient_the_same_way() {
    // The transfer line of each provider, wherever it appears, is the same sentence.
    for name in ORGANISATIONS {
        let context = context_of(&answers(name));
        let mut lines: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
            Default::default();
        for document in documents_of(&answers(name)) {
            for line in document.markdown.lines() {
                if let Some((who, rest)) =
                    line.trim_start_matches("  - ").split_once(" — garantie : ")
                {
                    lines
                        .entry(who.to_string())
                        .or_default()
                        .insert(rest.trim_end_matches([';', '.', ' ']).to_string());
                }
            }
        }
        for (who, variants) in &lines {
            assert_eq!(variants.len(), 1, "{name}: {who} described as {variants:?}");
        }
        let _ = context;
    }
}

#[test]
fn every_tracker_has_one_purpose_in_the_banner_and_the_policies() {
    let mut answers = answers("coiffeuse-lyon");
    answers.set(
        "ck_types",
        Answer::Multi(["mesure_audience".to_string(), "partage".to_string()].into()),
    );
    answers.set("ck_boutons_partage", Answer::Rating(Rating::Conforme));
    let context = context_of(&answers);
    let documents = documents_of(&answers);
    let mut purposes: Vec<String> = context
        .trackers
        .providers
        .iter()
        .map(|s| s.purpose.clone())
        .collect();
    purposes.push(context.trackers.share_buttons.clone().unwrap());
    for purpose in &purposes {
        for stem in ["bandeau-cookies", "politique-de-confidentialite"] {
            assert!(
                document(&documents, stem)
                    .markdown
                    .contains(purpose.as_str()),
                "{stem}: « {purpose} »"
            );
        }
    }
    // Declared share buttons never vanish from the cookie texts.
    assert!(
        document(&documents, "politique-cookies")
            .markdown
            .contains("Les boutons de partage")
    );
    assert!(
        document(&documents, "bandeau-cookies")
            .markdown
            .contains("### Réseaux sociaux (désactivé par défaut)")
    );
    for document in &documents {
        assert_eq!(document.state(), DocumentState::Ready, "{}", document.stem);
    }
    // Recipients: one company, one role, named the same way everywhere.
    let policy = &document(&documents, "politique-de-confidentialite").markdown;
    assert!(policy.contains(
        "Meta Platforms Ireland Limited, pour Page Facebook, Compte professionnel Instagram — responsable conjoint du traitement"
    ));
    assert!(!policy.contains("Page Facebook (responsable"));
}

#[test]
fn the_legal_notice_names_the_authority_and_never_the_1901_law_in_alsace_moselle() {
    let mut notary = answers("kinesitherapeute");
    notary.set("profession_reglementee", Answer::Choice("droit".into()));
    notary.set(
        "autorisation_autorite",
        Answer::Text(
            "Garde des Sceaux, ministre de la Justice, 13 place Vendôme, 75001 Paris".into(),
        ),
    );
    let legal = documents_of(&notary);
    let text = &document(&legal, "mentions-legales").markdown;
    assert!(text.contains(
        "Autorité ayant délivré l'autorisation d'exercer : Garde des Sceaux, ministre de la Justice"
    ));
    // A lawyer or notary serving consumers names a mediator (not a health professional).
    assert!(text.contains("question mediateur_nom"), "{text}");
    let mut strasbourg = answers("association");
    strasbourg.set("code_postal", Answer::Text("67000".into()));
    let documents = documents_of(&strasbourg);
    let text = &document(&documents, "mentions-legales").markdown;
    assert!(
        !text.contains("loi du 1er juillet 1901"),
        "local law in Alsace-Moselle"
    );
}
