//! Calibration: reference organisations scored as a data-protection consultant would, with the
//! grade band and the first three actions a consultant would give, and the reasoning next to
//! each. The engine must agree. The organisations are the answer files of
//! tests/fixtures/answers; the reasoning cites legal-facts.md / legal-facts-2.md.

use vigie::engine::scoring::{Grade, ScoreReport, score};
use vigie::model::catalog::{Catalog, OrgSize};

use vigie::model::answers_file::parse_answers;
use vigie::model::assets::load_catalog;

use crate::common::{fixtures, read};

struct Reference {
    /// The answer file in tests/fixtures/answers.
    file: &'static str,
    /// The grades a consultant would accept.
    band: &'static [Grade],
    /// The first three actions a consultant would give, in order.
    first: [&'static str; 3],
}

const REFERENCES: &[Reference] = &[
    // E-shop: the Meta pixel fires before consent, the banner has no « Tout refuser », consumers
    // receive offers with no way to refuse them at the order, and the customer file is uploaded
    // to Meta without telling them. Four failures the CNIL sanctions on their own (Doctissimo
    // 2023, Google 2021 for the refusal button, L34-5 CPCE for e-mails): E, whatever the legal
    // notice looks like. First: the refusal button (one setting, and the « Tout refuser » of the
    // 2021 decisions), then blocking what runs before consent, the pixel first of all.
    Reference {
        file: "boutique-en-ligne",
        band: &[Grade::E],
        first: ["ck_refus_facile", "ck_consentement_prealable", "ck_pixels"],
    },
    // Bakery: its showcase site embeds Google Maps and has no cookie banner at all, so trackers
    // are set before any choice (art. 82 I&L): a critical failure. The one action that removes
    // the exposure is a banner that blocks the map (and any tracker) until the visitor chooses,
    // or no map (a link instead): « Activez un bandeau… » says both, in place of the twelve
    // settings of a banner it does not have. Then the missing privacy policy (art. 13), and the
    // requests received by message on its pages, which are requests to exercise rights like
    // any other (art. 12). Many « je ne sais pas » keep the score itself low: E.
    Reference {
        file: "boulangerie",
        band: &[Grade::D, Grade::E],
        first: ["ck_bandeau", "sv_pc_presente", "rs_reponse_demandes"],
    },
    // Physiotherapist: health data (art. 9 GDPR) raise every security question a step. Not
    // knowing whether the online booking tool is HDS-certified (CSP L1111-8, asked in the
    // health module), no breach procedure and no encryption are what the two doctors were
    // fined for in 2020 (SAN-2020-014 and -015): several critical failures, E. First check the
    // tool's HDS certificate, then write the breach procedure and encrypt. The patients'
    // notice missing from the waiting room (art. 13) comes after these exposures.
    Reference {
        file: "kinesitherapeute",
        band: &[Grade::E],
        first: [
            "st_hebergement_hds",
            "gv_violation_procedure",
            "gv_chiffrement",
        ],
    },
    // General practitioner alone, Doctolib (HDS-certified) and an HDS online records tool:
    // hosting is right. But no breach procedure (art. 33: 72 hours; the 2020 doctors had not
    // notified theirs), raised to critical by the health data: one critical failure, D. Next
    // the register, which the art. 30.5 exemption never spares for health data, then the
    // retention periods, only partly set (the patient files are kept without limit).
    Reference {
        file: "medecin-generaliste",
        band: &[Grade::D],
        first: [
            "gv_violation_procedure",
            "gv_registre",
            "gv_durees_definies",
        ],
    },
    // Association with minors: it publishes photos of identifiable people, children among
    // them, without consent (C. civ. art. 9 and 372-1; image-rights module): a harm happening
    // now, and a quick fix (ask, or take the photos down). It does not know whether its site
    // even shows a cookie banner (« je ne sais pas » on a critical question, whose settings
    // follow from it): check with the browser next, since trackers set before any choice are
    // what the CNIL fines most (art. 82 I&L). Then the breach procedure (art. 33). Its
    // membership form says nothing of the data (art. 13, associations module): a real gap, but
    // one that harms no one today, so it comes after. Several critical failures: E.
    Reference {
        file: "association",
        band: &[Grade::E],
        first: ["di_accord", "ck_bandeau", "gv_violation_procedure"],
    },
    // Jeweller selling on Instagram, alone: erasure requests received by message are not
    // handled (rights, art. 12 and 17), she publishes photos of clients wearing her jewellery
    // without always asking them (« partiel », C. civ. art. 9), and she takes orders by
    // Instagram message without telling buyers of their 14-day withdrawal right (C. conso
    // L221-5 and L221-18): a consumer-law failure whose cost is concrete (the period runs 12
    // months more, L221-20), named before the information page missing from her account
    // (art. 13 and 26). No critical failure, but a low score: D or E.
    Reference {
        file: "micro-entreprise-instagram",
        band: &[Grade::D, Grade::E],
        first: ["rs_reponse_demandes", "di_accord", "vm_retractation"],
    },
    // Hair salon (3 people): careful site without trackers, but it publishes photos of clients
    // without their consent (Code civil art. 9). One unmet obligation: C, however high the
    // score. Then the register is only partly kept, and, a good practice, a duration written
    // in each image authorisation (GDPR 5.1.e).
    Reference {
        file: "salon-coiffure",
        band: &[Grade::C],
        first: ["di_accord", "gv_registre", "di_duree"],
    },
    // Children's football club: photos of children published without both parents' consent
    // (C. civ. 372-1) — raised to critical by the minors' data — and a YouTube video embedded
    // without blocking. Its members' file is well kept (associations module: licences sent to
    // the federation with members informed, only the parents' health attestation kept, D231-1-4-1),
    // so nothing there comes first. The parents' consent for a child (di_mineurs) is a detail
    // of the consent the club does not collect at all: one failure, named once in the plan
    // and not a second critical one. One critical failure caps at D even with a good score.
    Reference {
        file: "club-sportif-enfants",
        band: &[Grade::D],
        first: [
            "di_accord",
            "ck_consentement_prealable",
            "ck_contenus_integres",
        ],
    },
];

fn builtin() -> Catalog {
    load_catalog(None).expect("the built-in catalogue validates")
}

fn report(catalog: &Catalog, file: &str) -> ScoreReport {
    let source = read(&fixtures().join("answers").join(format!("{file}.toml")));
    let parsed = parse_answers(&source, catalog).unwrap();
    assert!(parsed.warnings.is_empty(), "{file}: {:?}", parsed.warnings);
    score(catalog, &parsed.answers)
}

#[test]
fn the_engine_agrees_with_the_consultant_on_every_reference_organisation() {
    let catalog = builtin();
    for reference in REFERENCES {
        let report = report(&catalog, reference.file);
        let grade = report.grade.unwrap();
        assert!(
            reference.band.contains(&grade),
            "{}: graded {grade:?} ({:?}), expected {:?}",
            reference.file,
            report.score,
            reference.band
        );
        let first = crate::common::first_actions(&report, 3);
        let expected: Vec<&str> = reference
            .first
            .iter()
            .copied()
            .filter(|q| !q.is_empty())
            .collect();
        assert_eq!(first, expected, "{}: first actions", reference.file);
    }
}

#[test]
fn the_e_shop_is_graded_below_the_careful_salon() {
    // The lawyer's complaint: the most exposed organisation had the best grade.
    let catalog = builtin();
    let shop = report(&catalog, "boutique-en-ligne");
    let salon = report(&catalog, "salon-coiffure");
    assert!(shop.grade > salon.grade);
    let cap = shop.grade_cap.expect("the cap is explained");
    assert!(
        cap.reason.contains("obligations critiques"),
        "{}",
        cap.reason
    );
}

#[test]
fn action_titles_are_short_imperatives_and_checks_lead_unknown_critical_answers() {
    let catalog = builtin();
    let association = report(&catalog, "association");
    let check = &association.actions[1];
    assert!(check.verify);
    assert!(check.title.starts_with("Vérifiez"), "{}", check.title);
    assert!(check.title.contains("navigateur"), "{}", check.title);
    let physio = report(&catalog, "kinesitherapeute");
    assert!(physio.actions[0].verify);
    assert!(
        physio.actions[0].title.contains("HDS"),
        "{}",
        physio.actions[0].title
    );
    let bakery = report(&catalog, "boulangerie");
    assert!(
        bakery.actions[0].title.contains("bandeau"),
        "{}",
        bakery.actions[0].title
    );
    for reference in REFERENCES {
        for action in &report(&catalog, reference.file).actions {
            assert!(action.title.chars().count() <= 160, "{}", action.title);
            assert_ne!(action.title, action.question_text);
        }
    }
}

#[test]
fn sanctions_are_the_closest_to_the_organisation() {
    let catalog = builtin();
    let global = |r: &ScoreReport| {
        r.sanctions
            .iter()
            .filter(|s| s.size == OrgSize::Multinationale)
            .count()
    };
    for reference in REFERENCES {
        let report = report(&catalog, reference.file);
        assert!(global(&report) <= 1, "{}", reference.file);
        assert!(report.sanctions.len() <= vigie::engine::scoring::MAX_SANCTIONS);
    }
    // A physiotherapist sees the doctors' sanctions first; a jeweller never sees them.
    let physio = report(&catalog, "kinesitherapeute");
    assert!(physio.sanctions[0].id.starts_with("medecin_2020"));
    let jeweller = report(&catalog, "micro-entreprise-instagram");
    assert!(
        jeweller
            .sanctions
            .iter()
            .all(|s| !s.id.starts_with("medecin"))
    );
    // The e-shop sees small and medium companies before any multinational.
    let shop = report(&catalog, "boutique-en-ligne");
    assert!(shop.sanctions.iter().all(|s| s.id != "google_2021"));
    let text = vigie::engine::report::to_text(&shop);
    assert!(text.contains("Performeclic"));
}

#[test]
fn every_sanction_is_sourced_and_points_to_questions_of_the_catalogue() {
    let catalog = builtin();
    for sanction in &catalog.sanctions {
        assert!(!sanction.questions.is_empty(), "{}", sanction.id);
        assert!(
            sanction.reference.starts_with("CNIL"),
            "{}: {}",
            sanction.id,
            sanction.reference
        );
        for question in &sanction.questions {
            assert!(
                catalog.question(question).is_some(),
                "{}: {question}",
                sanction.id
            );
        }
    }
    let doctissimo = catalog
        .sanctions
        .iter()
        .find(|s| s.id == "doctissimo_2023")
        .unwrap();
    assert!(doctissimo.summary.contains("art. 26"));
    assert!(
        !doctissimo
            .questions
            .iter()
            .any(|q| q == "gv_contrats_sous_traitants")
    );
}

#[test]
fn every_reference_links_to_the_text_its_label_names() {
    let catalog = builtin();
    let mut checked = 0;
    for (_, _, question) in catalog.questions() {
        for reference in &question.references {
            checked += 1;
            let label = reference.label.to_lowercase();
            if label.contains("délibération") {
                assert!(
                    !reference.url.contains("eur-lex.europa.eu"),
                    "{}: « {} » points to the GDPR page",
                    question.id,
                    reference.label
                );
            }
            assert_eq!(
                vigie::model::catalog::reference_host_problem(&reference.label, &reference.url),
                None,
                "{}",
                question.id
            );
        }
    }
    assert!(checked > 250, "{checked} references");
    // The rule itself: a deliberation on EUR-Lex, or a code article on cnil.fr, is refused.
    assert!(
        vigie::model::catalog::reference_host_problem(
            "CNIL, délibération n° 2022-100 du 21 juillet 2022",
            "https://eur-lex.europa.eu/legal-content/FR/TXT/?uri=CELEX:32016R0679"
        )
        .is_some()
    );
    assert!(
        vigie::model::catalog::reference_host_problem(
            "CNIL, délibération SAN-2023-006 du 11 mai 2023",
            "https://www.legifrance.gouv.fr/cnil/id/CNILTEXT000047552103"
        )
        .is_none()
    );
}

#[test]
fn minors_raise_the_severity_of_the_questions_they_touch() {
    let catalog = builtin();
    let source = read(&fixtures().join("answers").join("club-sportif-enfants.toml"));
    let with = parse_answers(&source, &catalog).unwrap().answers;
    let mut without = with.clone();
    without.set(
        "donnees_particulieres",
        vigie::model::answers::Answer::Multi(Default::default()),
    );
    let photos = |report: &ScoreReport| {
        report
            .actions
            .iter()
            .position(|a| a.question == "di_accord")
            .map(|i| (i, report.actions[i].clone()))
            .unwrap()
    };
    let (raised_at, raised) = photos(&score(&catalog, &with));
    let (plain_at, plain) = photos(&score(&catalog, &without));
    assert_eq!(raised.severity, vigie::model::catalog::Severity::Critique);
    assert_eq!(
        raised.raised_by,
        [vigie::model::catalog::Sensitivity::Mineurs]
    );
    assert_eq!(plain.severity, vigie::model::catalog::Severity::Elevee);
    assert!(plain.raised_by.is_empty());
    assert!(raised_at <= plain_at);
    // Without minors the club has no critical failure left: C, not D.
    assert_eq!(score(&catalog, &without).grade, Some(Grade::C));
}

#[test]
fn the_json_report_explains_the_cap_the_confidence_and_each_action() {
    let home = tempfile::tempdir().unwrap();
    let output = crate::common::vigie(&home)
        .args(["score", "--format", "json"])
        .arg(fixtures().join("answers").join("kinesitherapeute.toml"))
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(json["grade"], "E");
    assert!(
        json["grade_cap"]["reason"]
            .as_str()
            .unwrap()
            .contains("obligations critiques")
    );
    assert!(
        json["confidence_note"]
            .as_str()
            .unwrap()
            .contains("réponse sûre")
    );
    assert_eq!(json["sensitivities"], serde_json::json!(["sante"]));
    assert_eq!(json["critical_unmet"].as_array().unwrap().len(), 3);
    let first = &json["actions"][0];
    assert_eq!(first["question"], "st_hebergement_hds");
    assert_eq!(first["severity"], "critique");
    assert_eq!(first["verify"], true);
    assert!(first["question_text"].as_str().unwrap().ends_with('?'));
    let raised = json["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["question"] == "gv_chiffrement")
        .unwrap();
    assert_eq!(raised["raised_by"], serde_json::json!(["sante"]));
    let sanction = &json["sanctions"][0];
    assert_eq!(sanction["size"], "tres_petite");
    assert!(sanction["url"].as_str().unwrap().starts_with("https://"));
}

#[test]
fn each_sensitivity_reads_questions_of_the_built_in_profile() {
    let catalog = builtin();
    for sensitivity in vigie::model::catalog::Sensitivity::ALL {
        let condition = vigie::model::catalog::Condition::parse(sensitivity.condition()).unwrap();
        for operand in condition.operands() {
            assert!(
                catalog.question(&operand.question).is_some(),
                "{sensitivity:?} reads an unknown question « {} »",
                operand.question
            );
        }
    }
}
