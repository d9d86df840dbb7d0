//! Catalogue parsing and validation: the built-in catalogue validates, and each file of the
//! invalid corpus yields the located French message a catalogue author needs.

use vigie::model::catalog::{Catalog, QuestionKind};

use crate::common::{fixture_catalog, fixture_sources, fixtures};

/// (file, [expected start of each message, with its place])
const INVALID: &[(&str, &[&str])] = &[
    (
        "sanction-inconnue.toml",
        &[
            "sanction-inconnue.toml:11:14 : la sanction nomme une question inconnue « question_absente »",
        ],
    ),
    (
        "syntaxe.toml",
        &["syntaxe.toml:16:20 : syntaxe TOML invalide"],
    ),
    (
        "champ-inconnu.toml",
        &["champ-inconnu.toml:26:1 : champ inconnu « weigth » ; champs possibles : id, kind"],
    ),
    (
        "doublons.toml",
        &[
            "doublons.toml:41:6 : identifiant de question « deux » déjà utilisé dans doublons.toml:28:6",
            "profil.toml:46:6 : identifiant de question « services » déjà utilisé dans doublons.toml:15:6",
        ],
    ),
    (
        "question-inconnue.toml",
        &["question-inconnue.toml:26:15 : la condition nomme une question inconnue « inconnue »"],
    ),
    (
        "valeur-impossible.toml",
        &[
            "valeur-impossible.toml:26:15 : valeur impossible « sarl » pour « forme » ; valeurs possibles : \"societe\", \"association\"",
        ],
    ),
    (
        "cycle.toml",
        &["cycle.toml:40:15 : cycle de conditions : a → b → a"],
    ),
    (
        "document-inconnu.toml",
        &[
            "document-inconnu.toml:26:12 : document « cgv » inconnu ; documents possibles : mentions-legales",
        ],
    ),
    (
        "sans-reference.toml",
        &["sans-reference.toml:15:6 : question notée sans référence"],
    ),
    (
        "poids.toml",
        &["poids.toml:20:10 : poids 9 hors limites : de 1 à 5"],
    ),
    (
        "applies-if-hors-profil.toml",
        &[
            "applies-if-hors-profil.toml:9:15 : « applies_if » ne peut porter que sur les questions du profil, pas sur « a »",
        ],
    ),
    (
        "contains-sur-choix-unique.toml",
        &[
            "contains-sur-choix-unique.toml:26:15 : « contains » ne s'applique qu'aux questions à choix multiple",
        ],
    ),
    (
        "syntaxe-condition.toml",
        &["syntaxe-condition.toml:26:21 : condition invalide : « = » seul n'existe pas"],
    ),
    (
        "format-futur.toml",
        &[
            "format-futur.toml:1:10 : ce fichier demande une version plus récente de vigie (format 2)",
        ],
    ),
    (
        "champs-manquants.toml",
        &[
            "champs-manquants.toml:15:6 : question notée sans « level »",
            "champs-manquants.toml:15:6 : question notée sans « weight »",
            "champs-manquants.toml:15:6 : question notée sans « severity »",
            "champs-manquants.toml:15:6 : question notée sans « effort »",
            "champs-manquants.toml:15:6 : question notée sans « action »",
            "champs-manquants.toml:15:6 : question notée sans « remediation »",
        ],
    ),
    (
        "reference-mal-reliee.toml",
        &[
            "reference-mal-reliee.toml:26:72 : la référence « CNIL, délibération n° 2022-100 du 21 juillet 2022 » pointe vers eur-lex.europa.eu, qui ne publie pas ce texte",
            "reference-mal-reliee.toml:27:41 : la référence « Code civil, art. 9 » pointe vers www.cnil.fr",
            "reference-mal-reliee.toml:23:10 : titre d'action trop long",
            "reference-mal-reliee.toml:15:6 : question de gravité « critique » sans « verify »",
        ],
    ),
    (
        "plusieurs-problemes.toml",
        &[
            "plusieurs-problemes.toml:20:10 : poids 0 hors limites",
            "plusieurs-problemes.toml:26:12 : document « cgv » inconnu",
            "plusieurs-problemes.toml:39:39 : adresse « http://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679 » invalide : elle doit commencer par https://",
        ],
    ),
];

#[test]
fn every_invalid_file_reports_its_problems_with_their_place() {
    for (file, expected) in INVALID {
        let path = fixtures().join("catalogue/invalid").join(file);
        let sources = fixture_sources(&[&path]);
        let errors = match Catalog::from_sources(&sources) {
            Ok(_) => panic!("{file} should be invalid"),
            Err(errors) => errors.0,
        };
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        for text in *expected {
            assert!(
                shown.iter().any(|d| d.starts_with(text)),
                "{file}: expected « {text} », got:\n{}",
                shown.join("\n")
            );
        }
        assert_eq!(
            errors.len(),
            expected.len(),
            "{file}: unexpected extra problems: {errors:#?}"
        );
    }
}

#[test]
fn every_file_of_the_corpus_is_listed() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures().join("catalogue/invalid"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = INVALID.iter().map(|(f, _)| f.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
}

#[test]
fn fixture_catalogue_is_ordered_and_resolves_services() {
    let catalog = fixture_catalog();
    let ids: Vec<&str> = catalog.modules.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["identite", "profil", "site", "boutique"]);
    let services = catalog.question("services").unwrap();
    let QuestionKind::Multi { options } = &services.kind else {
        panic!("services is a multiple choice");
    };
    let values: Vec<&str> = options.iter().map(|o| o.value.as_str()).collect();
    assert_eq!(values, ["hebergeur_ue", "regie_us"]);
}

#[test]
fn a_user_file_replaces_a_built_in_module_of_the_same_name() {
    let dir = tempfile::tempdir().unwrap();
    let builtin = vigie::model::assets::load_catalog(None).unwrap();
    let original = builtin.module("profil").unwrap();
    let replaced = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires/profil.toml"),
    )
    .unwrap()
    .replace("title = \"Votre organisation\"", "title = \"Mon profil\"");
    std::fs::write(dir.path().join("profil.toml"), replaced).unwrap();
    let catalog = vigie::model::assets::load_catalog(Some(dir.path())).unwrap();
    assert_eq!(catalog.module("profil").unwrap().title, "Mon profil");
    assert_ne!(original.title, "Mon profil");
    assert_eq!(catalog.modules.len(), builtin.modules.len());
}
