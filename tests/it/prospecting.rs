//! Phone prospecting and personal data breaches: the phone section of the prospecting module,
//! the breach questions of the governance module, the breach register (document N), and the
//! craftsman who canvasses private individuals by phone (tests/fixtures/answers/
//! artisan-prospection-telephonique.toml). Law: legal-facts-2 §8 (phone) and §11.1 (breaches).

use vigie::documents::{DocumentState, MarkerKind};
use vigie::engine::interview::{self, Step, deduce};
use vigie::engine::scoring::{Grade, score};
use vigie::model::answers::{Answer, Answers, Rating};
use vigie::model::assets::load_catalog;
use vigie::model::catalog::Catalog;

use crate::documents::{answers, document, documents_of};

const CRAFTSMAN: &str = "artisan-prospection-telephonique";

/// The questions of the phone section that concern consumers.
const PHONE: [&str; 9] = [
    "pr_tel_consentement",
    "pr_tel_preuve",
    "pr_tel_contrat_en_cours",
    "pr_tel_renovation",
    "pr_tel_annonce",
    "pr_tel_confirmation",
    "pr_tel_information_collecte",
    "pr_tel_horaires",
    "pr_tel_frequence",
];

fn catalog() -> Catalog {
    load_catalog(None).unwrap()
}

fn visible(answers: &Answers, id: &str) -> bool {
    catalog().visibility(answers).is_visible(id)
}

#[test]
fn the_phone_section_is_asked_of_the_craftsman_and_of_no_one_who_does_not_call() {
    let craftsman = answers(CRAFTSMAN);
    for id in PHONE {
        assert!(visible(&craftsman, id), "{id} not asked of the craftsman");
    }
    // He sends no e-mail or SMS offers: none of their questions.
    for id in [
        "pr_consentement_particuliers",
        "pr_desinscription",
        "pr_sms_stop",
    ] {
        assert!(!visible(&craftsman, id), "{id} asked of the craftsman");
    }
    // The e-shop e-mails its customers but never phones them; the bakery does neither: the
    // prospecting module is not even shown to the bakery.
    let shop = answers("boutique-en-ligne");
    assert!(visible(&shop, "pr_desinscription"));
    let bakery = answers("boulangerie");
    for id in PHONE {
        assert!(!visible(&shop, id), "{id} asked of the e-shop");
        assert!(!visible(&bakery, id), "{id} asked of the bakery");
    }
    let report = score(&catalog(), &bakery);
    assert!(report.skipped_modules.iter().any(|m| m.id == "prospection"));
}

#[test]
fn the_craftsmans_first_actions_are_the_ones_a_consultant_would_name() {
    let report = score(&catalog(), &answers(CRAFTSMAN));
    assert!(report.unanswered.is_empty(), "{:?}", report.unanswered);
    // Two critical failures (the sector ban and calls without consent): E.
    assert_eq!(report.grade, Some(Grade::E));
    let first = crate::common::first_actions(&report, 3);
    // 1. He calls back, to sell heat pumps, people who left their number on his « être
    //    rappelé » form: energy-saving works are banned from phone canvassing even with the
    //    consumer's consent (C. conso L223-1, loi 2020-901), and the contract is void. Stopping
    //    costs him nothing but the habit: first.
    // 2. He also calls former customers whose contract has ended, without their consent:
    //    forbidden since 11 August 2026 (opt-in, loi 2025-594 art. 13).
    // 3. His site collects requests without any privacy policy (GDPR art. 13).
    assert_eq!(
        first,
        ["pr_tel_renovation", "pr_tel_consentement", "sv_pc_presente"]
    );
    assert!(report.actions[0].title.contains("rénovation énergétique"));
    // What he does right is not in the plan; what does not concern him is left out.
    let planned: Vec<&str> = report.actions.iter().map(|a| a.question.as_str()).collect();
    assert!(!planned.contains(&"pr_tel_annonce"));
    assert!(
        report
            .not_applicable
            .iter()
            .any(|q| q.question == "pr_tel_confirmation")
    );
    // The breach procedure he does not have is in the plan, its details are not repeated.
    assert!(planned.contains(&"gv_violation_procedure"));
    for detail in ["gv_violation_notification", "gv_violation_personnes"] {
        assert!(!planned.contains(&detail), "{detail}");
    }
}

#[test]
fn a_trade_outside_the_sector_ban_answers_it_as_not_concerned() {
    // A locksmith who canvasses by phone: the ban does not concern him, and the question no
    // longer weighs on his score, his plan or his documents.
    let mut locksmith = answers(CRAFTSMAN);
    locksmith.set("pr_tel_renovation", Answer::Rating(Rating::NonApplicable));
    let catalog = catalog();
    let before = score(&catalog, &answers(CRAFTSMAN));
    let after = score(&catalog, &locksmith);
    assert!(after.score > before.score);
    assert_eq!(after.actions[0].question, "pr_tel_consentement");
    let documents = documents_of(&locksmith);
    let policy = document(&documents, "politique-de-confidentialite");
    assert!(
        !policy
            .markers
            .iter()
            .any(|m| m.question.as_deref() == Some("pr_tel_renovation"))
    );
    assert!(
        policy
            .markers
            .iter()
            .any(|m| m.question.as_deref() == Some("pr_tel_consentement"))
    );
}

#[test]
fn the_phone_questions_say_what_is_in_force_and_what_is_not_verified() {
    let catalog = catalog();
    let help = |id: &str| catalog.question(id).unwrap().help.clone();
    // The opt-in regime is dated; its decree, reported by a single source, is not presented as
    // certain, and none of its reported figures (1 year, 3 years, 5 days) is shipped.
    assert!(help("pr_tel_consentement").contains("11 août 2026"));
    assert!(help("pr_tel_consentement").contains("n'a pas pu en vérifier"));
    assert!(help("pr_tel_renovation").contains("vigie n'a pas pu vérifier"));
    assert!(help("pr_tel_renovation").contains("vérifiez le texte en vigueur"));
    // Bloctel is gone: the opening of the call no longer mentions it (C4).
    assert!(help("pr_tel_annonce").contains("supprimé l'obligation d'y mentionner Bloctel"));
    for id in PHONE {
        let text = help(id);
        for figure in ["5 jours", "1 an", "3 ans", "2026-662"] {
            assert!(!text.contains(figure), "{id} ships « {figure} »");
        }
    }
}

#[test]
fn the_breach_details_are_not_asked_of_an_organisation_without_a_procedure() {
    let catalog = catalog();
    let details = ["gv_violation_notification", "gv_violation_personnes"];
    let mut craftsman = answers(CRAFTSMAN);
    for id in details.iter().chain(&["gv_violation_registre"]) {
        craftsman.remove(id);
    }
    // No procedure: its two details take the same answer, recorded without being asked.
    let mut filled = craftsman.clone();
    deduce::fill(&catalog, &mut filled);
    for id in details {
        assert_eq!(filled.get(id), Some(&Answer::Rating(Rating::Non)), "{id}");
        let step = Step::Question(id.to_string());
        assert!(interview::is_deduced(&catalog, &filled, &step), "{id}");
    }
    // The register is an obligation of its own, asked whatever the procedure.
    assert_eq!(filled.get("gv_violation_registre"), None);
    // With a procedure, the 72 hours and the people at risk are asked.
    craftsman.set("gv_violation_procedure", Answer::Rating(Rating::Conforme));
    let mut filled = craftsman.clone();
    deduce::fill(&catalog, &mut filled);
    for id in details {
        assert_eq!(filled.get(id), None, "{id}");
    }
}

#[test]
fn the_craftsman_gets_his_documents_with_the_states_his_answers_give() {
    let documents = documents_of(&answers(CRAFTSMAN));
    let stems: Vec<&str> = documents.iter().map(|d| d.stem.as_str()).collect();
    assert_eq!(
        stems,
        [
            "mentions-legales",
            "politique-de-confidentialite",
            "mention-formulaire-contact",
            "reponse-opposition",
            "registre-des-traitements",
            "registre-des-violations",
        ],
        "no e-mail footer for calls, no cookie texts for a site without trackers"
    );
    // Calls without consent, and calls the sector ban forbids even with consent: the privacy
    // policy and the register cannot state the basis of his phone prospecting.
    for stem in ["politique-de-confidentialite", "registre-des-traitements"] {
        let doc = document(&documents, stem);
        assert_eq!(doc.state(), DocumentState::ToCorrect, "{stem}");
        for question in ["pr_tel_consentement", "pr_tel_renovation"] {
            assert!(
                doc.markers
                    .iter()
                    .any(|m| m.question.as_deref() == Some(question)
                        && m.kind == MarkerKind::Correct),
                "{stem}: {question}"
            );
        }
        assert!(
            doc.markdown.contains(
                "présenter nos offres par téléphone aux personnes qui ont accepté d'être appelées"
            ),
            "{stem}"
        );
    }
    // No breach procedure, no register, processor contract unknown: to correct.
    let register = document(&documents, "registre-des-violations");
    assert_eq!(register.state(), DocumentState::ToCorrect);
    let questions: Vec<&str> = register
        .markers
        .iter()
        .filter_map(|m| m.question.as_deref())
        .collect();
    assert_eq!(
        questions,
        [
            "gv_violation_registre",
            "gv_violation_procedure",
            "gv_contrats_sous_traitants"
        ]
    );
}

#[test]
fn the_breach_register_holds_the_procedure_and_the_fields_the_law_asks() {
    let documents = documents_of(&answers(CRAFTSMAN));
    let text = &document(&documents, "registre-des-violations").markdown;
    for sentence in [
        // N1, N2
        "# Registre des violations de données",
        "comme le prévoit l'article 33.5 du RGPD",
        "Toute violation doit y être notée, même celles qui ne sont pas notifiées à la CNIL",
        // N3
        "de façon accidentelle ou illicite",
        // N11: who to alert, for a one-man business
        "prévient aussitôt Julien Moreau (EI), et note la date et l'heure de la découverte",
        // N14: the 72 hours run from awareness
        "court à partir du moment où nous avons connaissance de la violation, et non du jour où elle a eu lieu",
        // N10: his processors, named
        "(article 33.2 du RGPD) : OVH SAS, pour OVHcloud.",
        // N6, N5, N8, N9
        "pas de notification, mais la violation est notée dans ce registre avec la raison de ce choix",
        "au plus tard 72 heures après la découverte (article 33.1 du RGPD)",
        "service de notification en ligne de la CNIL",
        "puis compléter la notification (article 33.4 du RGPD)",
        "indique les raisons du retard",
        "risque élevé pour leurs droits et libertés",
        "si les données étaient illisibles pour un tiers (chiffrement)",
        "une communication publique le remplace",
        "Dans le doute, notifier la CNIL",
        // N12
        "cybermalveillance.gouv.fr",
        // N4: the fields of an entry
        "Date et heure de la découverte (début des 72 heures)",
        "Personnes concernées : catégories et nombre approximatif",
        "Données concernées : catégories et nombre approximatif d'enregistrements",
        "Conséquences probables pour les personnes",
        "Mesures prises ou prévues",
        "Sous-traitant en cause, et date à laquelle il nous a prévenus",
        "Notification à la CNIL : date et numéro, ou raison de ne pas notifier",
        "Raisons du retard, si la notification a eu lieu après 72 heures",
        "Personnes prévenues : date et moyen, ou raison de ne pas les prévenir",
    ] {
        assert!(text.contains(sentence), "missing « {sentence} »");
    }
    // N13, N15: never « only serious breaches », never the 96 hours of a mere proposal.
    assert!(!text.contains("96"));
    assert!(!text.contains("seules les violations"));
}

#[test]
fn the_breach_register_states_a_practice_only_when_the_answers_establish_it() {
    // The hairdresser has a procedure, keeps a register and has contracts with her providers:
    // her register states it and is ready.
    let hairdresser = answers("coiffeuse-lyon");
    let documents = documents_of(&hairdresser);
    let register = document(&documents, "registre-des-violations");
    assert_eq!(register.state(), DocumentState::Ready);
    let kept = "Chaque violation de données est notée dans ce registre";
    let known = "La procédure ci-dessous est connue de chaque personne";
    assert!(register.markdown.contains(kept));
    assert!(register.markdown.contains(known));
    // A register she does not keep: the sentence goes, a marker names the question.
    for (id, sentence) in [
        ("gv_violation_registre", kept),
        ("gv_violation_procedure", known),
    ] {
        let mut denied = hairdresser.clone();
        denied.set(id, Answer::Rating(Rating::Non));
        let documents = documents_of(&denied);
        let register = document(&documents, "registre-des-violations");
        assert_eq!(register.state(), DocumentState::ToCorrect, "{id}");
        assert!(
            register
                .markers
                .iter()
                .any(|m| m.question.as_deref() == Some(id) && m.kind == MarkerKind::Correct),
            "{id}"
        );
        let published: String = register
            .markdown
            .split("\n\n")
            .filter(|block| !block.contains('⟦'))
            .collect();
        assert!(
            !published.contains(sentence),
            "{id}: « {sentence} » survives"
        );
    }
}

#[test]
fn every_organisation_documents_its_breaches() {
    // GDPR art. 33.5: every controller, whatever its size or channels.
    for name in [
        "boulangerie",
        "association",
        "kinesitherapeute",
        "micro-entreprise-instagram",
        CRAFTSMAN,
    ] {
        let documents = documents_of(&answers(name));
        assert!(
            documents
                .iter()
                .any(|d| d.stem == "registre-des-violations"),
            "{name}"
        );
    }
}

#[test]
fn snapshot_of_the_craftsmans_breach_register() {
    let documents = documents_of(&answers(CRAFTSMAN));
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_snapshot_path("snapshots/documents");
    settings.bind(|| {
        insta::assert_snapshot!(
            format!("{CRAFTSMAN}__registre-des-violations"),
            document(&documents, "registre-des-violations").markdown
        );
    });
}
