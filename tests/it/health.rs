//! Health practices: the santé module (who gets it, what the plan says), the documents of a
//! general practitioner, and the patients' notice for the waiting room (legal-facts-2 §4).

use vigie::documents::{DocumentState, MarkerKind, applicable, build_context};
use vigie::engine::scoring::{Grade, ScoreReport, score};
use vigie::model::answers::Answers;
use vigie::model::assets::load_catalog;

use crate::common::{choice, day, multi, rating};
use crate::documents::{answers, document, documents_of};

const DOCTOR: &str = "medecin-generaliste";

fn report_of(answers: &Answers) -> ScoreReport {
    score(&load_catalog(None).unwrap(), answers)
}

fn notice(answers: &Answers) -> String {
    document(&documents_of(answers), "information-patients")
        .markdown
        .clone()
}

/// The part of `text` from `start` to the next `end` after it.
fn section<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}"));
    let rest = &text[from + start.len()..];
    &text[from..from + start.len() + rest.find(end).unwrap_or(rest.len())]
}

/// The paragraph (block between blank lines) of `text` that contains `needle`.
fn paragraph<'a>(text: &'a str, needle: &str) -> &'a str {
    text.split("\n\n")
        .find(|p| p.contains(needle))
        .unwrap_or_else(|| panic!("no paragraph with {needle:?} in:\n{text}"))
}

#[test]
fn the_health_module_is_asked_of_practices_and_of_no_one_else() {
    for practice in [DOCTOR, "kinesitherapeute"] {
        let report = report_of(&answers(practice));
        assert!(report.modules.iter().any(|m| m.id == "sante"), "{practice}");
        assert!(
            report.unanswered.is_empty(),
            "{practice}: {:?}",
            report.unanswered
        );
    }
    // The sector alone is enough: a practice whose profession the user did not call regulated.
    let mut sector_only = answers(DOCTOR);
    sector_only.set("profession_reglementee", choice("non"));
    sector_only.set("donnees_particulieres", multi(&[]));
    let report = report_of(&sector_only);
    assert!(report.modules.iter().any(|m| m.id == "sante"));
    // And its questions weigh as those of any organisation that holds health data.
    assert!(
        report
            .sensitivities
            .contains(&vigie::model::catalog::Sensitivity::Sante)
    );
    // Its privacy policy still says which art. 9 exception its patient activities rest on.
    let policy = document(&documents_of(&sector_only), "politique-de-confidentialite")
        .markdown
        .clone();
    assert!(policy.contains("## Données de santé"));
    for other in [
        "boulangerie",
        "boutique-en-ligne",
        "association",
        "coiffeuse-lyon",
    ] {
        let report = report_of(&answers(other));
        assert!(
            report.skipped_modules.iter().any(|m| m.id == "sante"),
            "{other}"
        );
        assert!(
            report
                .actions
                .iter()
                .all(|a| !a.question.starts_with("st_")),
            "{other}"
        );
        assert!(
            report
                .unanswered
                .iter()
                .all(|q| !q.question.starts_with("st_")),
            "{other}"
        );
        assert!(
            !applicable(&build_context(
                &load_catalog(None).unwrap(),
                &answers(other),
                day("2026-11-29")
            ))
            .iter()
            .any(|d| d.stem == "information-patients")
        );
    }
}

#[test]
fn hosting_is_asked_once_in_the_health_module() {
    // The practice answers st_hebergement_hds; the governance question is for the others that
    // hold health data (a medico-social association, for instance).
    let mut doctor = answers(DOCTOR);
    doctor.remove("st_hebergement_hds");
    let unanswered: Vec<String> = report_of(&doctor)
        .unanswered
        .into_iter()
        .map(|q| q.question)
        .collect();
    assert_eq!(unanswered, ["st_hebergement_hds"]);
    let mut carer = answers("association");
    carer.set("donnees_particulieres", multi(&["sante"]));
    carer.remove("gv_hebergement_hds");
    let report = report_of(&carer);
    assert!(
        report
            .unanswered
            .iter()
            .any(|q| q.question == "gv_hebergement_hds")
    );
    assert!(report.modules.iter().all(|m| m.id != "sante"));
}

#[test]
fn the_impact_assessment_is_asked_of_group_practices_only() {
    // Recital 91: one practitioner's patients are not « large scale »; a group practice or a
    // health centre must assess it (art. 35.3.b).
    let alone = report_of(&answers(DOCTOR));
    assert!(alone.unanswered.is_empty());
    let mut group = answers(DOCTOR);
    group.set("st_exercice", choice("groupe"));
    let unanswered: Vec<String> = report_of(&group)
        .unanswered
        .into_iter()
        .map(|q| q.question)
        .collect();
    assert_eq!(unanswered, ["st_aipd"]);
}

#[test]
fn the_doctors_plan_puts_the_breach_procedure_first_and_names_the_practice_actions() {
    // Consultant's reading: hosting is right (Doctolib and the records software are HDS,
    // « conforme »), so the plan opens on what the two doctors of 2020 were also fined for,
    // the breach procedure (art. 33, raised to critical by health data): one critical failure,
    // D. The waiting-room notice, the patient-file retention, the 8-day access and secure
    // messaging are all in the plan, each with its own action; the dentist fined for ignoring
    // a patient's access request is among the sanctions shown.
    let report = report_of(&answers(DOCTOR));
    assert_eq!(report.grade, Some(Grade::D));
    assert_eq!(report.actions[0].question, "gv_violation_procedure");
    assert!(
        report
            .actions
            .iter()
            .all(|a| a.question != "st_hebergement_hds")
    );
    let plan: Vec<&str> = report.actions.iter().map(|a| a.title.as_str()).collect();
    for title in [
        "Affichez la notice d'information des patients en salle d'attente",
        "Fixez la conservation des dossiers à 20 ans après la dernière consultation",
        "Communiquez le dossier au patient sous 8 jours (2 mois au-delà de 5 ans)",
        "Envoyez les documents de santé par messagerie sécurisée (MSSanté)",
    ] {
        assert!(plan.contains(&title), "{title} not in {plan:#?}");
    }
    assert!(report.sanctions.iter().any(|s| s.id == "dentiste_2017"));
    assert!(report.sanctions.iter().all(|s| s.id != "google_2021"));
}

#[test]
fn the_doctor_gets_the_patients_notice_beside_the_usual_documents() {
    let documents = documents_of(&answers(DOCTOR));
    let states: Vec<(&str, DocumentState)> = documents
        .iter()
        .map(|d| (d.stem.as_str(), d.state()))
        .collect();
    assert_eq!(
        states,
        [
            ("mentions-legales", DocumentState::Ready),
            ("politique-de-confidentialite", DocumentState::ToCorrect),
            ("reponse-opposition", DocumentState::Ready),
            ("registre-des-traitements", DocumentState::ToCorrect),
            ("information-patients", DocumentState::ToCorrect),
            ("registre-des-violations", DocumentState::ToCorrect),
        ]
    );
    // The notice is to correct only for the practices the doctor answered « non » or
    // « partiel », each marker naming its question.
    let questions: Vec<&str> = document(&documents, "information-patients")
        .markers
        .iter()
        .map(|m| {
            assert_eq!(m.kind, MarkerKind::Correct);
            m.question.as_deref().unwrap()
        })
        .collect();
    assert_eq!(
        questions,
        [
            "st_dossier_conservation",
            "st_messagerie_securisee",
            "st_acces_dossier"
        ]
    );
}

#[test]
fn the_register_and_the_privacy_policy_list_the_patients_processing() {
    let documents = documents_of(&answers(DOCTOR));
    let register = &document(&documents, "registre-des-traitements").markdown;
    for expected in [
        "### 1. Dossier des patients et soins",
        "### 2. Prise de rendez-vous",
        "### 3. Messagerie sécurisée de santé",
        "Doctolib SAS, pour Doctolib — sous-traitant",
        "article 9.2.h et 9.3 du RGPD",
        "20 ans à compter de la dernière consultation",
        "alimenter le dossier médical partagé (Mon espace santé) du patient",
    ] {
        assert!(register.contains(expected), "register: {expected}");
    }
    // The register speaks of the patient, never to them.
    let file_entry = section(register, "### 1. Dossier des patients", "### 2.");
    for second_person in [
        "votre dossier",
        "vous prennent",
        "vos soins",
        "votre complémentaire",
    ] {
        assert!(!file_entry.contains(second_person), "{file_entry}");
    }
    let policy = &document(&documents, "politique-de-confidentialite").markdown;
    // Every patient activity rests on the same art. 9 exception: said once, for all of them.
    let health = section(policy, "## Données de santé", "\n## ");
    assert_eq!(health.matches("9.2.h").count(), 1, "{health}");
    assert!(health.contains(
        "« Dossier des patients et soins », « Prise de rendez-vous » et « Messagerie sécurisée de santé »"
    ));
    assert!(health.contains("certifié « hébergeur de données de santé » (HDS)"));
    // The policy's one-month answer to rights requests is not the medical file's deadline.
    assert!(health.contains(
        "au plus tard 8 jours après votre demande, 2 mois lorsque les informations datent de plus de 5 ans (article L1111-7"
    ));
}

#[test]
fn the_patients_notice_says_what_the_law_requires() {
    let documents = documents_of(&answers(DOCTOR));
    let notice = document(&documents, "information-patients");
    let text = &notice.markdown;
    for expected in [
        // L1: who, with a way to reach them.
        "**Claire Dubois (EI)**, médecin généraliste, 12 rue de la Paix, 44000 Nantes",
        "cabinet@docteur-dubois.fr",
        // L12: secrecy.
        "article L1110-4 du code de la santé publique",
        "226-13 du code pénal",
        // L4: art. 9.2.h.
        "article 9.2.h et 9.3 du RGPD",
        // L7: 20 years, minors, death.
        "20 ans à compter de la dernière consultation",
        "28e anniversaire",
        "10 ans à compter du décès",
        // L17: the booking tool named with its role.
        "Doctolib SAS, pour Doctolib, qui agit pour notre compte, comme sous-traitant",
        // L6: HDS, established by the answer.
        "hébergés par un hébergeur certifié « hébergeur de données de santé » (HDS)",
        // L14: the DMP, since the doctor feeds it.
        "Vous pouvez vous opposer à ce qu'il soit alimenté",
        // L13, L11.
        "nécessaires à votre prise en charge",
        "3 place de Fontenoy",
    ] {
        assert!(text.contains(expected), "notice: {expected}");
    }
    // L8: the CSP deadlines for the medical file, never the GDPR's month (L18).
    let access = paragraph(text, "Vous pouvez accéder à l'ensemble des informations");
    for expected in [
        "au plus tard 8 jours après votre demande",
        "délai de réflexion de 48 heures",
        "2 mois lorsque les informations datent de plus de 5 ans",
        "L1111-7",
        "directement ou par l'intermédiaire d'un médecin que vous désignez",
    ] {
        assert!(access.contains(expected), "access: {expected}");
    }
    assert!(!access.contains("un mois"));
    // The owner's notes go to A-LIRE, not onto the wall.
    assert!(!text.contains("## Pour vous"));
    assert!(notice.notes.contains("salle d'attente"));
}

#[test]
fn a_practice_the_answers_do_not_establish_is_marked_not_stated() {
    let mut doctor = answers(DOCTOR);
    doctor.set("st_hebergement_hds", rating("non"));
    doctor.set("st_acces_dossier", rating("conforme"));
    doctor.set("st_messagerie_securisee", rating("conforme"));
    let text = notice(&doctor);
    // T13: HDS hosting denied.
    assert!(
        !text.contains("Les outils en ligne qui contiennent vos données de santé sont hébergés")
    );
    let hds = paragraph(&text, "question st_hebergement_hds");
    assert!(hds.contains("⟦à corriger avant publication : "), "{hds}");
    assert!(hds.contains("action : Demandez à chaque éditeur"), "{hds}");
    // T19 and L8: established, so stated.
    assert!(text.contains(
        "par une messagerie sécurisée de santé (MSSanté), jamais par une messagerie ordinaire"
    ));
    assert!(text.contains("Nous respectons ces délais et vérifions votre identité"));
    assert!(!text.contains("question st_messagerie_securisee"));
    // Unknown is not established either.
    doctor.set("st_messagerie_securisee", rating("je_ne_sais_pas"));
    let text = notice(&doctor);
    assert!(!text.contains("Nous vous adressons"));
    assert!(paragraph(&text, "question st_messagerie_securisee").contains("⟦à corriger"));
    // Not answered yet: to complete, naming the question.
    doctor.remove("st_acces_dossier");
    let text = notice(&doctor);
    assert!(!text.contains("Nous respectons ces délais"));
    assert!(text.contains("⟦à compléter : le dossier est communiqué au patient dans les 8 jours"));
}

#[test]
fn the_notice_follows_the_tools_the_practice_uses() {
    // Online booking ticked but no booking service declared: the tool is to be named.
    let mut doctor = answers(DOCTOR);
    doctor.set("services", multi(&["ovhcloud"]));
    let text = notice(&doctor);
    assert!(
        text.contains("⟦à compléter : outil de prise de rendez-vous en ligne — question services⟧")
    );
    assert!(!text.contains("Doctolib"));
    // Paper and a records program on the practice's own computers, appointments by phone: no
    // online tool, so no HDS sentence and no marker; no booking or messaging activity; no DMP.
    doctor.set("st_outils", multi(&["logiciel_local"]));
    doctor.set("st_hebergement_hds", rating("non_applicable"));
    let text = notice(&doctor);
    assert!(!text.contains("HDS"));
    assert!(!text.contains("### Prise de rendez-vous"));
    assert!(!text.contains("### Messagerie sécurisée de santé"));
    assert!(!text.contains("Mon espace santé"));
    assert!(text.contains("organiser les rendez-vous, au cabinet ou par téléphone"));
    assert!(!text.contains("question services"));
}

#[test]
fn snapshot_of_the_doctors_patients_notice() {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/health");
    settings.bind(|| {
        insta::assert_snapshot!(
            "medecin-generaliste__information-patients",
            notice(&answers(DOCTOR))
        );
    });
}
