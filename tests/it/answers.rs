//! The answers file: values, located errors, warnings, and the template round trip.

use vigie::engine::scoring::score;
use vigie::model::answers::Answer;
use vigie::model::answers_file::{parse_answers, template, to_toml};
use vigie::model::source::SourceFile;

use crate::common::{fixture_catalog, rating};

fn parse(text: &str) -> Result<vigie::model::answers_file::ParsedAnswers, Vec<String>> {
    let source = SourceFile::new("reponses.toml", text);
    parse_answers(&source, &fixture_catalog())
        .map_err(|d| d.0.iter().map(ToString::to_string).collect())
}

#[test]
fn reads_identity_and_answers() {
    let parsed = parse(
        r#"format = 1
[identite]
denomination = "Boulangerie Dupain"
siren = "732 829 320"
[reponses]
forme = "societe"
canaux = ["site"]
s_mentions = "conforme"
s_contact_url = ""
"#,
    )
    .unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let answers = &parsed.answers;
    assert_eq!(
        answers.get("denomination"),
        Some(&Answer::Text("Boulangerie Dupain".into()))
    );
    assert_eq!(answers.get("s_mentions"), Some(&rating("conforme")));
    // An empty value means "not answered yet".
    assert_eq!(answers.get("s_contact_url"), None);
}

#[test]
fn a_wrong_value_is_an_error_with_its_line_and_the_allowed_values() {
    let errors = parse("format = 1\n[reponses]\ns_mentions = \"oui\"\n").unwrap_err();
    assert_eq!(
        errors,
        [
            "reponses.toml:3:14 : réponse à « s_mentions » : « oui » n'est pas une réponse possible ; \
          réponses possibles : \"conforme\", \"partiel\", \"non\", \"je_ne_sais_pas\""
        ]
    );
    let errors = parse("format = 1\n[reponses]\ncanaux = \"site\"\n").unwrap_err();
    assert!(
        errors[0].starts_with("reponses.toml:3:10 : réponse à « canaux » : une liste est attendue"),
        "{errors:?}"
    );
    let errors = parse("format = 1\n[identite]\nsiren = \"732829321\"\n").unwrap_err();
    assert!(
        errors[0].contains("la clé de contrôle ne correspond pas"),
        "{errors:?}"
    );
}

#[test]
fn every_wrong_value_is_reported_at_once() {
    let errors = parse(
        "format = 1\n[identite]\nemail = \"pas-une-adresse\"\n[reponses]\nforme = \"sarl\"\ns_https = 3\n",
    )
    .unwrap_err();
    assert_eq!(errors.len(), 3, "{errors:?}");
}

#[test]
fn an_unknown_id_is_a_warning_naming_it() {
    let parsed =
        parse("format = 1\n[reponses]\nquestion_disparue = \"conforme\"\nforme = \"societe\"\n")
            .unwrap();
    let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["reponses.toml:3:1 : question inconnue « question_disparue » : réponse ignorée"]
    );
    assert_eq!(parsed.answers.len(), 1);
}

#[test]
fn an_answer_in_the_wrong_table_is_kept_with_a_warning() {
    let parsed = parse("format = 1\n[reponses]\ndenomination = \"Dupain\"\n").unwrap();
    assert!(parsed.warnings[0].message.contains("[identite]"));
    assert!(parsed.answers.get("denomination").is_some());
}

#[test]
fn unknown_top_level_tables_and_newer_formats_are_refused() {
    let errors = parse("format = 1\n[reponse]\nforme = \"societe\"\n").unwrap_err();
    assert!(
        errors[0].contains("champ inconnu « reponse »"),
        "{errors:?}"
    );
    let errors = parse("format = 2\n").unwrap_err();
    assert!(
        errors[0].contains("créé par une version plus récente de vigie"),
        "{errors:?}"
    );
    let errors = parse("[reponses]\n").unwrap_err();
    assert!(
        errors[0].contains("champ obligatoire manquant : « format »"),
        "{errors:?}"
    );
}

#[test]
fn the_template_is_accepted_as_is_and_once_filled() {
    let catalog = fixture_catalog();
    let skeleton = template(&catalog, &[]).unwrap();
    assert!(skeleton.contains("# Réponses possibles : \"conforme\", \"partiel\", \"non\", \"je_ne_sais_pas\"\ns_mentions = \"\""));
    assert!(skeleton.contains("# Posée si : s_form_types contains \"newsletter\""));
    let parsed = parse(&skeleton).unwrap();
    assert!(parsed.warnings.is_empty());
    let filled = skeleton
        .replace("canaux = []", "canaux = [\"site\"]")
        .replace("s_mentions = \"\"", "s_mentions = \"conforme\"")
        .replace("s_https = \"\"", "s_https = \"non_applicable\"");
    let parsed = parse(&filled).unwrap();
    let report = score(&catalog, &parsed.answers);
    assert_eq!(report.score, Some(100));
}

#[test]
fn the_template_can_be_limited_to_some_modules() {
    let catalog = fixture_catalog();
    let skeleton = template(&catalog, &["boutique".to_string()]).unwrap();
    assert!(skeleton.contains("b_cgv = \"\""));
    assert!(
        skeleton.contains("canaux = []"),
        "the profile is always included"
    );
    assert!(!skeleton.contains("s_mentions"));
    let error = template(&catalog, &["inconnu".to_string()]).unwrap_err();
    assert!(
        error.starts_with("module inconnu « inconnu » ; modules disponibles : identite, profil")
    );
}

#[test]
fn answers_written_back_read_the_same() {
    let parsed = parse(
        "format = 1\n[identite]\ndenomination = \"Dupain & fils\"\n[reponses]\ncanaux = [\"site\", \"boutique\"]\ns_mentions = \"partiel\"\n",
    )
    .unwrap();
    let written = to_toml(&parsed.answers, &fixture_catalog());
    let again = parse(&written).unwrap();
    assert_eq!(again.answers, parsed.answers);
}

#[test]
fn dates_are_read_and_written_after_the_answers() {
    let parsed = parse(
        "format = 1\n[identite]\ndenomination = \"Dupain\"\n[reponses]\nforme = \"societe\"\ns_mentions = \"conforme\"\n[dates]\nforme = \"2025-11-29\"\ns_mentions = 2026-02-01\n",
    )
    .unwrap();
    assert!(parsed.warnings.is_empty(), "{:?}", parsed.warnings);
    let answers = &parsed.answers;
    assert_eq!(
        answers.date("forme"),
        Some(crate::common::day("2025-11-29"))
    );
    assert_eq!(
        answers.date("s_mentions"),
        Some(crate::common::day("2026-02-01")),
        "a TOML date is accepted too"
    );
    assert_eq!(answers.date("denomination"), None, "undated");
    let written = to_toml(answers, &fixture_catalog());
    assert!(
        written.ends_with(
            "[reponses]\nforme = \"societe\"\ns_mentions = \"conforme\"\n\n[dates]\nforme = \"2025-11-29\"\ns_mentions = \"2026-02-01\"\n"
        ),
        "{written}"
    );
    assert_eq!(&parse(&written).unwrap().answers, answers);
}

#[test]
fn answers_without_dates_are_written_without_a_dates_table() {
    let parsed = parse("format = 1\n[reponses]\nforme = \"societe\"\n").unwrap();
    assert_eq!(
        to_toml(&parsed.answers, &fixture_catalog()),
        "format = 1\n\n[identite]\n\n[reponses]\nforme = \"societe\"\n"
    );
}

#[test]
fn a_malformed_date_is_a_located_error() {
    let errors = parse(
        "format = 1\n[reponses]\nforme = \"societe\"\ncanaux = [\"site\"]\n[dates]\nforme = \"2025-02-29\"\ncanaux = 20251129\n",
    )
    .unwrap_err();
    assert_eq!(
        errors,
        [
            "reponses.toml:7:10 : date de « canaux » : 20251129 n'est pas une date valide au format AAAA-MM-JJ (par exemple \"2026-11-29\")",
            "reponses.toml:6:9 : date de « forme » : \"2025-02-29\" n'est pas une date valide au format AAAA-MM-JJ (par exemple \"2026-11-29\")",
        ]
    );
}

#[test]
fn the_date_of_an_unknown_or_unanswered_question_is_a_warning() {
    let parsed = parse(
        "format = 1\n[reponses]\nforme = \"societe\"\n[dates]\nforme = \"2025-11-29\"\nquestion_disparue = \"2025-11-29\"\ns_https = \"2025-11-29\"\n",
    )
    .unwrap();
    let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "reponses.toml:6:1 : date d'une question inconnue « question_disparue » : ignorée",
            "reponses.toml:7:1 : date de « s_https », qui n'a pas de réponse : ignorée",
        ]
    );
    assert_eq!(
        parsed.answers.date("forme"),
        Some(crate::common::day("2025-11-29"))
    );
    assert_eq!(parsed.answers.date("s_https"), None);
}

#[test]
fn an_answer_saved_under_a_replaced_question_is_read_under_the_new_one() {
    // Answers saved before the consent to publish photos moved into the image-rights module.
    let catalog = vigie::model::assets::load_catalog(None).unwrap();
    let old = "format = 1\n[reponses]\nrs_photos_accord = \"non\"\n[dates]\nrs_photos_accord = \"2026-10-02\"\n";
    let parsed = parse_answers(&SourceFile::new("reponses.toml", old), &catalog).unwrap();
    assert_eq!(parsed.answers.get("di_accord"), Some(&rating("non")));
    assert_eq!(
        parsed.answers.date("di_accord"),
        Some(crate::common::day("2026-10-02"))
    );
    let warnings: Vec<String> = parsed.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        ["reponses.toml:3:1 : « rs_photos_accord » est devenue « di_accord » : réponse reprise"]
    );
    // A file that already answers the new question keeps that answer.
    let both = "format = 1\n[reponses]\ndi_accord = \"conforme\"\nrs_photos_accord = \"non\"\n";
    let parsed = parse_answers(&SourceFile::new("reponses.toml", both), &catalog).unwrap();
    assert_eq!(parsed.answers.get("di_accord"), Some(&rating("conforme")));
    assert!(
        parsed.warnings[0]
            .message
            .contains("qui a déjà sa réponse : réponse ignorée")
    );
}

#[test]
fn a_replaced_id_that_is_still_a_question_or_replaced_twice_is_an_error() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("questionnaires");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("essai.toml"),
        "format = 1\n\n[module]\nid = \"essai\"\ntitle = \"Essai\"\nversion = 1\n\
         reviewed = \"2026-12-01\"\ndescription = \"Essai.\"\n\n[[section]]\nid = \"s\"\n\
         title = \"S\"\n\n[[section.question]]\nid = \"essai_q\"\nkind = \"choice\"\n\
         replaces = [\"forme\", \"rs_photos_accord\"]\nprompt = \"Q ?\"\nhelp = \"Aide.\"\n\
         options = [{ value = \"a\", label = \"A\" }]\n",
    )
    .unwrap();
    crate::common::vigie(&home)
        .args(["check", "--questionnaires"])
        .arg(&dir)
        .assert()
        .code(65)
        .stderr(predicates::str::contains(
            "essai.toml:15:6 : « replaces » nomme « forme », qui est une question du catalogue",
        ))
        .stderr(predicates::str::contains(
            "essai.toml:15:6 : « rs_photos_accord » est déjà remplacée par « di_accord »",
        ));
}
