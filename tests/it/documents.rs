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
    build_context(&catalog(), answers, "2026-11-29")
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
