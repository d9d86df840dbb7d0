//! The command line, run as a user would: help, commands, exit codes and messages.

use assert_cmd::Command;
use predicates::prelude::*;

use crate::common::vigie;

#[test]
fn help_is_in_french_and_lists_every_command() {
    let home = tempfile::tempdir().unwrap();
    vigie(&home)
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Utilisation : vigie"))
        .stdout(predicate::str::contains("Affiche l'aide"))
        .stdout(predicate::str::contains("catalog"))
        .stdout(predicate::str::contains("check"))
        .stdout(predicate::str::contains("answers"))
        .stdout(predicate::str::contains("score"))
        .stdout(predicate::str::contains("Codes de sortie"));
    vigie(&home)
        .args(["score", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--fail-under <N>"))
        .stdout(predicate::str::contains("Le fichier de réponses"));
}

#[test]
fn usage_errors_are_french_and_exit_2() {
    let home = tempfile::tempdir().unwrap();
    vigie(&home)
        .arg("inventee")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("commande inconnue « inventee »"));
    vigie(&home)
        .args(["score", "x.toml", "--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "valeur « pdf » invalide pour --format",
        ));
    // One set of formats for every command; each says which of them it offers.
    vigie(&home)
        .args(["score", "x.toml", "--format", "html"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "format « html » impossible ici ; formats possibles : text, json, md",
        ));
    vigie(&home)
        .args(["score", "x.toml", "--fail-under", "120"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "« 120 » invalide pour --fail-under",
        ));
}

#[test]
fn check_accepts_the_built_in_catalogue() {
    let home = tempfile::tempdir().unwrap();
    vigie(&home)
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Catalogue valide : "));
}

#[test]
fn check_reports_every_problem_of_a_user_folder_and_exits_65() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("mes-questionnaires");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("extra.toml"),
        "format = 1\n[module]\nid = \"extra\"\ntitle = \"Extra\"\nversion = 1\nreviewed = \"2026-11-29\"\n\
         description = \"x\"\napplies_if = 'canaux contains \"fax\"'\n\n[[section]]\nid = \"s\"\ntitle = \"S\"\n\n\
         [[section.question]]\nid = \"e_q\"\nkind = \"conformite\"\nprompt = \"Q ?\"\nhelp = \"A.\"\n\
         level = \"obligation\"\nweight = 7\nseverity = \"moderee\"\neffort = \"faible\"\naction = \"Corrigez.\"\nremediation = \"R.\"\n",
    )
    .unwrap();
    let assert = vigie(&home)
        .args(["check", "--questionnaires"])
        .arg(&dir)
        .assert()
        .code(65);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("extra.toml:8:15 : valeur impossible « fax » pour « canaux »"),
        "{stderr}"
    );
    assert!(
        stderr.contains("extra.toml:15:6 : question notée sans référence"),
        "{stderr}"
    );
    assert!(
        stderr.contains("extra.toml:20:10 : poids 7 hors limites"),
        "{stderr}"
    );
    assert!(
        stderr.contains("3 problèmes dans les questionnaires."),
        "{stderr}"
    );
}

#[test]
fn the_user_config_folder_is_read_too() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("config/questionnaires");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("casse.toml"),
        "format = 1\n[module]\nid = \"casse\"\n",
    )
    .unwrap();
    vigie(&home)
        .arg("check")
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "casse.toml:2:1 : champ obligatoire manquant",
        ));
}

#[test]
fn catalog_lists_every_module_and_question() {
    let home = tempfile::tempdir().unwrap();
    let output = vigie(&home)
        .args(["catalog", "--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let modules = json["modules"].as_array().unwrap();
    assert!(modules.iter().any(|m| m["id"] == "profil"));
    let forme = modules
        .iter()
        .flat_map(|m| m["sections"].as_array().unwrap())
        .flat_map(|s| s["questions"].as_array().unwrap())
        .find(|q| q["id"] == "forme")
        .unwrap();
    assert_eq!(forme["kind"], "choice");
    assert!(forme["options"].as_array().unwrap().len() >= 3);
    assert!(forme["help"].as_str().unwrap().len() > 20);
    vigie(&home)
        .arg("catalog")
        .assert()
        .success()
        .stdout(predicate::str::contains("profil — Votre organisation"));
}

#[test]
fn answers_template_prints_a_skeleton_that_score_accepts() {
    let home = tempfile::tempdir().unwrap();
    let output = vigie(&home).args(["answers", "template"]).output().unwrap();
    assert!(output.status.success());
    let skeleton = home.path().join("reponses.toml");
    std::fs::write(&skeleton, &output.stdout).unwrap();
    vigie(&home)
        .arg("score")
        .arg(&skeleton)
        .assert()
        .success()
        .stdout(predicate::str::contains("Note globale"));
    vigie(&home)
        .args(["answers", "template", "--modules", "inconnu"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("module inconnu « inconnu »"));
}

/// Writes `content` to a file in the temporary home and scores it.
fn score_file(home: &tempfile::TempDir, name: &str, content: &[u8]) -> assert_cmd::assert::Assert {
    let path = home.path().join(name);
    std::fs::write(&path, content).unwrap();
    vigie(home).arg("score").arg(&path).assert()
}

#[test]
fn bad_answers_files_get_a_located_french_message_and_exit_65() {
    let home = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 5] = [
        (
            "malforme.toml",
            b"format = 1\n[reponses\n",
            "malforme.toml:2:",
        ),
        (
            "valeur.toml",
            b"format = 1\n[reponses]\nforme = \"sarl\"\n",
            "valeur.toml:3:9 : réponse à « forme » : « sarl » n'est pas une réponse possible",
        ),
        (
            "champ.toml",
            b"format = 1\nnom = \"x\"\n",
            "champ.toml:2:1 : champ inconnu « nom »",
        ),
        ("vide.toml", b"", "vide.toml:1:1 : le fichier est vide"),
        (
            "binaire.toml",
            b"format = 1\n\x00\x01\x02\xff",
            "binaire.toml:2:1 : ce n'est pas un fichier texte",
        ),
    ];
    for (name, content, expected) in cases {
        score_file(&home, name, content)
            .code(65)
            .stderr(predicate::str::contains(expected));
    }
    let big = vec![b'#'; 10 * 1024 * 1024];
    score_file(&home, "gros.toml", &big)
        .code(65)
        .stderr(predicate::str::contains(
            "gros.toml:1:1 : fichier trop volumineux (10,0 Mo)",
        ));
}

#[test]
fn unreadable_answers_files_exit_1() {
    let home = tempfile::tempdir().unwrap();
    vigie(&home)
        .args(["score", "absent.toml"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "absent.toml : fichier introuvable",
        ));
    vigie(&home)
        .arg("score")
        .arg(home.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("c'est un dossier, pas un fichier"));
}

fn fixture(name: &str) -> std::path::PathBuf {
    crate::common::fixtures()
        .join("answers")
        .join(format!("{name}.toml"))
}

/// `vigie generate <fixture> --out <out>`, ready for more arguments.
fn generate(home: &tempfile::TempDir, name: &str, out: &std::path::Path) -> Command {
    let mut command = vigie(home);
    command
        .arg("generate")
        .arg(fixture(name))
        .arg("--out")
        .arg(out);
    command
}

#[test]
fn score_prints_text_markdown_and_json() {
    let home = tempfile::tempdir().unwrap();
    vigie(&home)
        .arg("score")
        .arg(fixture("boutique-en-ligne"))
        .assert()
        .success()
        .stdout(predicate::str::contains("Note globale : "))
        .stdout(predicate::str::contains("Plan d'action"))
        .stdout(predicate::str::contains("Pourquoi pas 100 ?"))
        .stdout(
            predicate::str::contains("ce n'est ni un avis juridique ni un certificat").or(
                predicate::str::contains("Ce n'est ni un avis juridique ni un certificat"),
            ),
        );
    vigie(&home)
        .arg("score")
        .arg(fixture("boutique-en-ligne"))
        .args(["--format", "markdown"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("# Bilan RGPD"));
    let output = vigie(&home)
        .arg("score")
        .arg(fixture("boutique-en-ligne"))
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(json["score"].as_u64().unwrap() <= 100);
    assert!(["A", "B", "C", "D", "E"].contains(&json["grade"].as_str().unwrap()));
    let module = &json["modules"][0];
    for key in ["id", "title", "score"] {
        assert!(!module[key].is_null(), "modules[].{key}");
    }
    let action = &json["actions"][0];
    for key in ["question", "level", "title", "remediation", "references"] {
        assert!(!action[key].is_null(), "actions[].{key}");
    }
    assert!(action.get("document").is_some());
    assert!(
        action["references"][0]["url"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    assert!(json["to_verify"].is_array());
    assert!(json["unanswered"].is_array());
}

#[test]
fn fail_under_exits_3_below_the_threshold() {
    let home = tempfile::tempdir().unwrap();
    vigie(&home)
        .arg("score")
        .arg(fixture("boutique-en-ligne"))
        .args(["--fail-under", "90"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "est inférieure au seuil demandé (90)",
        ));
    vigie(&home)
        .arg("score")
        .arg(fixture("boutique-en-ligne"))
        .args(["--fail-under", "10"])
        .assert()
        .success();
}

#[test]
fn unknown_ids_are_warnings_on_stderr() {
    let home = tempfile::tempdir().unwrap();
    let path = home.path().join("r.toml");
    std::fs::write(
        &path,
        "format = 1\n[reponses]\nancienne_question = \"non\"\n",
    )
    .unwrap();
    vigie(&home)
        .arg("score")
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains("attention : "))
        .stderr(predicate::str::contains(
            "r.toml:3:1 : question inconnue « ancienne_question » : réponse ignorée",
        ));
}

#[test]
fn generate_writes_every_format_and_lists_what_is_incomplete() {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("legal");
    generate(&home, "boulangerie", &out)
        .assert()
        .success()
        .stdout(predicate::str::contains("Écrit : "))
        .stdout(predicate::str::contains("⚠ mentions-legales : à compléter"))
        .stdout(predicate::str::contains(
            "à compléter : adresse de l'hébergeur — répondez à la question «\u{a0}hebergeur_adresse\u{a0}»",
        ))
        .stdout(predicate::str::contains("✗ politique-cookies : à corriger"));
    for name in [
        "mentions-legales.md",
        "mentions-legales.html",
        "mentions-legales.fragment.html",
        "mentions-legales.txt",
        "mention-formulaire-contact.md",
        "registre-des-traitements.txt",
    ] {
        assert!(out.join(name).is_file(), "{name} not written");
    }
    assert!(
        !out.join("pied-email-prospection.md").exists(),
        "no prospecting for the bakery"
    );
}

#[test]
fn generate_can_limit_documents_and_formats() {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("legal");
    generate(&home, "kinesitherapeute", &out)
        .args(["--format", "html", "--doc", "mentions-legales"])
        .assert()
        .success()
        .stdout(
            predicate::str::contains("1 documents rédigés, 1 prêt à publier").and(
                predicate::str::contains("✓ mentions-legales : prêt à publier"),
            ),
        );
    let mut written: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "A-LIRE.html",
            "A-LIRE.md",
            "mentions-legales.fragment.html",
            "mentions-legales.html"
        ]
    );
    generate(&home, "kinesitherapeute", &out)
        .args(["--doc", "politique-cookies"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "le document « politique-cookies » ne s'applique pas à cette organisation",
        ));
    generate(&home, "kinesitherapeute", &out)
        .args(["--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "valeur « pdf » invalide pour --format",
        ));
}

#[test]
fn generate_strict_refuses_incomplete_documents_and_writes_nothing() {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("legal");
    generate(&home, "boulangerie", &out)
        .arg("--strict")
        .assert()
        .code(65)
        .stderr(
            predicate::str::contains("⚠ mentions-legales : à compléter")
                .and(predicate::str::contains(
                    "à compléter : téléphone de l'hébergeur — répondez à la question «\u{a0}hebergeur_telephone\u{a0}»",
                ))
                .and(predicate::str::contains("✗ politique-cookies : à corriger"))
                .and(predicate::str::contains("Complétez l'identité").not()),
        );
    assert!(!out.exists());
}

#[test]
fn check_validates_user_templates() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("modeles");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(
        dir.join("mentions-legales.md"),
        "# Mentions\n{% if org.name %}\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("politique-cookies.md"),
        "# Cookies\n{{ trackers.used \n",
    )
    .unwrap();
    vigie(&home)
        .arg("check")
        .arg("--templates")
        .arg(&dir)
        .assert()
        .code(65)
        .stderr(predicate::str::contains(
            "mentions-legales.md : erreur de modèle",
        ))
        .stderr(predicate::str::contains(
            "politique-cookies.md : erreur de modèle",
        ));
    std::fs::remove_file(dir.join("politique-cookies.md")).unwrap();
    std::fs::write(
        dir.join("mentions-legales.md"),
        "# Mentions\n{{ societe.nom }} {{ org.inexistant }}\n",
    )
    .unwrap();
    vigie(&home)
        .arg("check")
        .arg("--templates")
        .arg(&dir)
        .assert()
        .code(65)
        .stderr(predicate::str::contains("variable inconnue « societe »"))
        .stderr(predicate::str::contains("inexistant"));
    std::fs::write(
        dir.join("mentions-legales.md"),
        "# Nos mentions\n\nÉditeur : {{ org.name }}\n{% include \"_pied.md\" %}\n",
    )
    .unwrap();
    vigie(&home)
        .arg("check")
        .arg("--templates")
        .arg(&dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("Modèles personnels lus dans"));
    let out = home.path().join("legal");
    vigie(&home)
        .arg("generate")
        .arg(fixture("association"))
        .arg("--templates")
        .arg(&dir)
        .arg("--out")
        .arg(&out)
        .args(["--format", "md", "--doc", "mentions-legales"])
        .assert()
        .success();
    let text = std::fs::read_to_string(out.join("mentions-legales.md")).unwrap();
    assert!(
        text.starts_with("# Nos mentions\n\nÉditeur : Les Jardins Partagés du Faubourg"),
        "{text}"
    );
}

#[test]
fn generate_into_a_file_instead_of_a_folder_exits_1() {
    let home = tempfile::tempdir().unwrap();
    let out = home.path().join("pas-un-dossier");
    std::fs::write(&out, "x").unwrap();
    generate(&home, "association", &out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("impossible de créer le dossier"));
}

#[test]
fn markdown_is_md_and_markdown_for_every_command() {
    let home = tempfile::tempdir().unwrap();
    let file = crate::common::fixtures().join("answers/boulangerie.toml");
    let output = |format: &str| {
        vigie(&home)
            .arg("score")
            .arg(&file)
            .args(["--format", format])
            .output()
            .unwrap()
    };
    let (md, markdown) = (output("md"), output("markdown"));
    assert!(md.status.success());
    assert_eq!(md.stdout, markdown.stdout);
    assert!(String::from_utf8_lossy(&md.stdout).starts_with("# Bilan RGPD"));
}

#[test]
fn check_warns_when_a_user_questionnaire_drops_a_question_vigie_reads() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("mes-questionnaires");
    std::fs::create_dir(&dir).unwrap();
    let identity = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("questionnaires/identite.toml"),
    )
    .unwrap();
    // The same identity module, without the mediator's web address.
    let start = identity
        .find("[[section.question]]\nid = \"mediateur_url\"")
        .unwrap();
    let end = start
        + 1
        + identity[start + 1..]
            .find("[[section")
            .unwrap_or(identity.len() - start - 1);
    let dropped = format!("{}{}", &identity[..start], &identity[end..]);
    std::fs::write(dir.join("identite.toml"), dropped).unwrap();
    vigie(&home)
        .args(["check", "--questionnaires"])
        .arg(&dir)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "attention : la question « mediateur_url », que vigie lit pour rédiger les documents ou noter, manque",
        ));
}
