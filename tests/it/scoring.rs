//! The scoring engine on the small test catalogue: exact tables, then properties.

use proptest::prelude::*;
use vigie::engine::scoring::{Grade, score};
use vigie::model::answers::{Answer, Answers, Rating};
use vigie::model::catalog::{Catalog, Level, QuestionKind, Severity};

use crate::common::{answers, choice, fixture_catalog, multi, rating};

#[test]
fn score_is_the_weighted_share_of_compliance() {
    let catalog = fixture_catalog();
    // Obligation weight 3 (effective 6) met, recommendation weight 2 missed: 6 / 8.
    let report = score(
        &catalog,
        &answers(vec![
            ("canaux", multi(&["site"])),
            ("s_mentions", rating("conforme")),
            ("s_https", rating("non")),
        ]),
    );
    assert_eq!(report.score, Some(75));
    assert_eq!(report.grade, Some(Grade::B));
    assert_eq!(report.grade_cap, None);
    assert_eq!(report.modules.len(), 1);
    assert_eq!(report.modules[0].score, Some(75));
    assert_eq!(report.skipped_modules[0].id, "boutique");
    assert_eq!(report.lost_points.len(), 1);
    assert_eq!(report.lost_points[0].question, "s_https");
    assert_eq!(report.lost_points[0].points, 25.0);
    assert_eq!(report.actions.len(), 1);
    assert_eq!(report.actions[0].points, 25.0);
    assert_eq!(report.confidence, Some(100));
}

#[test]
fn partial_counts_half_and_unanswered_counts_zero() {
    let catalog = fixture_catalog();
    let report = score(
        &catalog,
        &answers(vec![
            ("canaux", multi(&["site"])),
            ("s_mentions", rating("partiel")),
        ]),
    );
    // (6 × 0.5 + 2 × 0) / 8 = 37.5 → 38.
    assert_eq!(report.score, Some(38));
    assert_eq!(report.grade, Some(Grade::E));
    assert_eq!(report.unanswered.len(), 1);
    assert_eq!(report.unanswered[0].question, "s_https");
    // Unanswered questions cost points but are not actions: the user must answer first.
    assert_eq!(report.actions.len(), 1);
    assert_eq!(report.confidence, Some(50));
}

#[test]
fn an_unmet_obligation_caps_the_grade_at_c() {
    let catalog = fixture_catalog();
    let report = score(
        &catalog,
        &answers(vec![
            ("canaux", multi(&["site", "boutique"])),
            ("s_form_types", multi(&["newsletter"])),
            ("s_mentions", rating("conforme")),
            ("s_https", rating("conforme")),
            ("s_newsletter_case", rating("non")),
            ("b_cgv", rating("conforme")),
            ("b_avis", rating("conforme")),
            ("b_retractation", rating("conforme")),
        ]),
    );
    // Lost: newsletter (effective 2) of 6 + 2 + 2 + 4 + 1 + 5 = 20 → 90.
    assert_eq!(report.score, Some(90));
    assert_eq!(report.grade, Some(Grade::C));
    let cap = report.grade_cap.expect("capped");
    assert_eq!(cap.uncapped, Grade::A);
    assert!(
        cap.reason.contains("1 obligation légale non remplie"),
        "{}",
        cap.reason
    );
    assert_eq!(report.unmet_obligations, 1);
}

#[test]
fn a_partial_obligation_caps_the_grade_at_b() {
    let catalog = fixture_catalog();
    let report = score(
        &catalog,
        &answers(vec![
            ("canaux", multi(&["site", "boutique"])),
            ("dpo", choice("oui")),
            ("s_mentions", rating("conforme")),
            ("s_https", rating("conforme")),
            ("s_dpo_contact", rating("partiel")),
            ("b_cgv", rating("conforme")),
            ("b_avis", rating("conforme")),
            ("b_retractation", rating("conforme")),
        ]),
    );
    // Lost: half of the DPO contact (effective 4) of 22 → 90.9 → 91.
    assert_eq!(report.score, Some(91));
    assert_eq!(report.grade, Some(Grade::B));
    assert_eq!(report.grade_cap.unwrap().uncapped, Grade::A);
}

#[test]
fn je_ne_sais_pas_is_non_compliant_and_flagged() {
    let catalog = fixture_catalog();
    let report = score(
        &catalog,
        &answers(vec![
            ("canaux", multi(&["site"])),
            ("s_mentions", rating("je_ne_sais_pas")),
            ("s_https", rating("conforme")),
        ]),
    );
    assert_eq!(report.score, Some(25));
    assert_eq!(report.to_verify.len(), 1);
    assert_eq!(report.to_verify[0].question, "s_mentions");
    assert_eq!(report.confidence, Some(50));
    assert_eq!(report.actions[0].answer, Rating::JeNeSaisPas);
}

#[test]
fn hidden_questions_and_skipped_modules_do_not_count() {
    let catalog = fixture_catalog();
    // s_dpo_contact is answered but its section is hidden (no DPO); boutique does not apply.
    let report = score(
        &catalog,
        &answers(vec![
            ("canaux", multi(&["site"])),
            ("dpo", choice("non")),
            ("s_mentions", rating("conforme")),
            ("s_https", rating("conforme")),
            ("s_dpo_contact", rating("non")),
            ("b_cgv", rating("non")),
        ]),
    );
    assert_eq!(report.score, Some(100));
    assert_eq!(report.grade, Some(Grade::A));
    assert!(report.actions.is_empty());
}

#[test]
fn nothing_applicable_means_no_score() {
    let catalog = fixture_catalog();
    let report = score(&catalog, &answers(vec![("canaux", multi(&[]))]));
    assert_eq!(report.score, None);
    assert_eq!(report.grade, None);
    assert_eq!(report.skipped_modules.len(), 2);
}

#[test]
fn actions_are_ordered_by_value_against_effort() {
    let catalog = fixture_catalog();
    let report = score(
        &catalog,
        &answers(vec![
            ("canaux", multi(&["site", "boutique"])),
            // value = effective weight × 2 half-points, divided by the effort's cost
            ("s_mentions", rating("non")),     // 12 / 1 (faible)
            ("s_https", rating("non")),        // 4 / 2 (moyen)
            ("b_cgv", rating("non")),          // 8 / 4 (élevé)
            ("b_avis", rating("non")),         // 2 / 1 (faible)
            ("b_retractation", rating("non")), // 10 / 2 (moyen)
        ]),
    );
    let order: Vec<&str> = report.actions.iter().map(|a| a.question.as_str()).collect();
    // Ties at 2: the obligation first, then the larger loss.
    assert_eq!(
        order,
        ["s_mentions", "b_retractation", "b_cgv", "s_https", "b_avis"]
    );
    assert_eq!(report.actions[0].level, Level::Obligation);
    assert_eq!(
        report.actions[0].document.as_deref(),
        Some("mentions-legales")
    );
}

#[test]
fn missing_legal_identity_fields_are_reported() {
    let catalog = fixture_catalog();
    let report = score(&catalog, &answers(vec![("forme", choice("societe"))]));
    let missing: Vec<&str> = report
        .identity_missing
        .iter()
        .map(|m| m.field.as_str())
        .collect();
    assert_eq!(missing, ["denomination", "siren"]);
    let report = score(&catalog, &answers(vec![("forme", choice("association"))]));
    let missing: Vec<&str> = report
        .identity_missing
        .iter()
        .map(|m| m.field.as_str())
        .collect();
    assert_eq!(missing, ["denomination"]);
}

/// The scored questions of the test catalogue, in order.
fn scored_ids(catalog: &Catalog) -> Vec<String> {
    catalog
        .questions()
        .filter(|(_, _, q)| q.scored().is_some())
        .map(|(_, _, q)| q.id.clone())
        .collect()
}

/// Random answers: a profile, then for each scored question an allowed rating or nothing.
fn arbitrary_answers() -> impl Strategy<Value = Answers> {
    let catalog = fixture_catalog();
    let ids = scored_ids(&catalog);
    let choices: Vec<Vec<Option<Rating>>> = ids
        .iter()
        .map(|id| {
            let scored = catalog.question(id).unwrap().scored().unwrap().clone();
            let mut options: Vec<Option<Rating>> = scored.ratings().into_iter().map(Some).collect();
            options.push(None);
            options
        })
        .collect();
    let per_question: Vec<_> = choices.into_iter().map(proptest::sample::select).collect();
    (
        proptest::sample::subsequence(vec!["site", "boutique"], 0..=2),
        proptest::sample::subsequence(vec!["contact", "newsletter"], 0..=2),
        proptest::option::of(proptest::sample::select(vec!["oui", "non"])),
        per_question,
    )
        .prop_map(move |(canaux, forms, dpo, ratings)| {
            let mut answers = Answers::new();
            answers.set("canaux", multi(&canaux));
            answers.set("s_form_types", multi(&forms));
            if let Some(dpo) = dpo {
                answers.set("dpo", choice(dpo));
            }
            for (id, rating) in ids.iter().zip(ratings) {
                if let Some(rating) = rating {
                    answers.set(id.clone(), Answer::Rating(rating));
                }
            }
            answers
        })
}

/// The exact overall score, recomputed from the lost points.
fn exact(report: &vigie::engine::scoring::ScoreReport) -> f64 {
    100.0 - report.lost_points.iter().map(|l| l.points).sum::<f64>()
}

/// The test catalogue with one question's severity replaced.
fn with_severity(catalog: &Catalog, id: &str, severity: Severity) -> Catalog {
    let mut modules = catalog.modules.clone();
    for module in &mut modules {
        for section in &mut module.sections {
            for question in &mut section.questions {
                if question.id == id
                    && let QuestionKind::Conformite(scored) = &mut question.kind
                {
                    scored.severity = severity;
                }
            }
        }
    }
    Catalog::new(modules, catalog.services.clone(), catalog.sanctions.clone())
}

/// The test catalogue where every obligation is critical.
fn all_critical(catalog: &Catalog) -> Catalog {
    scored_ids(catalog).iter().fold(catalog.clone(), |c, id| {
        with_severity(&c, id, Severity::Critique)
    })
}

#[test]
fn one_unmet_critical_obligation_caps_at_d_and_two_at_e() {
    let catalog = all_critical(&fixture_catalog());
    let base = vec![
        ("canaux", multi(&["site"])),
        ("s_https", rating("conforme")),
    ];
    let mut one = base.clone();
    one.push(("s_mentions", rating("non")));
    let report = score(&catalog, &answers(one));
    // Recommendation met, critical obligation missed: the score alone gives E anyway.
    assert_eq!(report.critical_unmet.len(), 1);
    assert!(report.grade >= Some(Grade::D));

    // A critical failure that weighs little in the score (weight 1) still caps the grade.
    let light = catalog.clone();
    let report = score(
        &light,
        &answers(vec![
            ("canaux", multi(&["site"])),
            ("s_form_types", multi(&["newsletter"])),
            ("s_mentions", rating("conforme")),
            ("s_https", rating("conforme")),
            ("s_newsletter_case", rating("je_ne_sais_pas")),
        ]),
    );
    assert_eq!(report.grade, Some(Grade::D));
    let cap = report.grade_cap.expect("the cap is explained");
    assert_eq!(cap.cap, Grade::D);
    assert!(cap.reason.contains("obligation critique"), "{}", cap.reason);
    // « Je ne sais pas » on a critical question counts as unmet and leads with a check.
    assert_eq!(report.critical_unmet[0].question, "s_newsletter_case");
    assert!(report.actions[0].verify);
    assert!(
        report.actions[0].title.starts_with("Vérifiez"),
        "{}",
        report.actions[0].title
    );

    let report = score(
        &light,
        &answers(vec![
            ("canaux", multi(&["site"])),
            ("s_form_types", multi(&["newsletter"])),
            ("s_mentions", rating("non")),
            ("s_https", rating("conforme")),
            ("s_newsletter_case", rating("non")),
        ]),
    );
    assert_eq!(report.grade, Some(Grade::E));
    assert_eq!(report.critical_unmet.len(), 2);
}

#[test]
fn severity_outweighs_the_number_of_questions() {
    // The same failure costs more, and comes first, once it is critical.
    let catalog = fixture_catalog();
    let picked = vec![
        ("canaux", multi(&["site"])),
        ("s_form_types", multi(&["newsletter"])),
        ("s_mentions", rating("non")),
        ("s_https", rating("conforme")),
        ("s_newsletter_case", rating("non")),
    ];
    let plain = score(&catalog, &answers(picked.clone()));
    assert_eq!(plain.actions[0].question, "s_mentions");
    let critical = score(
        &with_severity(&catalog, "s_newsletter_case", Severity::Critique),
        &answers(picked),
    );
    assert_eq!(critical.actions[0].question, "s_newsletter_case");
    assert!(critical.score < plain.score);
}

proptest! {
    #[test]
    fn the_caps_follow_the_critical_obligations(answers in arbitrary_answers()) {
        let catalog = all_critical(&fixture_catalog());
        let report = score(&catalog, &answers);
        if let Some(grade) = report.grade {
            match report.critical_unmet.len() {
                0 => {}
                1 => prop_assert!(grade >= Grade::D),
                _ => prop_assert_eq!(grade, Grade::E),
            }
        }
        // Every listed critical failure is an obligation the answers leave unmet.
        for failure in &report.critical_unmet {
            let answer = answers.get(&failure.question);
            prop_assert!(!matches!(answer, Some(Answer::Rating(Rating::Conforme | Rating::Partiel | Rating::NonApplicable))));
        }
    }

    #[test]
    fn raising_a_severity_never_moves_its_action_down(
        answers in arbitrary_answers(),
        pick in any::<proptest::sample::Index>(),
        from in 0usize..3,
    ) {
        let catalog = fixture_catalog();
        let ids = scored_ids(&catalog);
        let id = &ids[pick.index(ids.len())];
        let lower = with_severity(&catalog, id, Severity::ALL[from]);
        let higher = with_severity(&catalog, id, Severity::ALL[from + 1]);
        let place = |c: &Catalog| score(c, &answers).actions.iter().position(|a| &a.question == id);
        if let (Some(before), Some(after)) = (place(&lower), place(&higher)) {
            prop_assert!(after <= before, "{} moved from {} to {}", id, before, after);
        }
    }

    #[test]
    fn score_stays_within_bounds_and_is_deterministic(answers in arbitrary_answers()) {
        let catalog = fixture_catalog();
        let first = score(&catalog, &answers);
        let second = score(&catalog, &answers);
        prop_assert_eq!(&first, &second);
        if let Some(s) = first.score {
            prop_assert!(s <= 100);
            // The lost points explain the whole gap to 100 (within rounding).
            prop_assert!((exact(&first) - f64::from(s)).abs() <= 0.5 + 0.05 * first.lost_points.len() as f64 + 1e-9);
        }
        if let (Some(grade), true) = (first.grade, first.unmet_obligations > 0) {
            prop_assert!(grade >= Grade::C, "graded {:?} with an unmet obligation", grade);
        }
    }

    #[test]
    fn moving_an_answer_from_non_to_conforme_never_lowers_the_score(
        answers in arbitrary_answers(),
        pick in any::<proptest::sample::Index>(),
    ) {
        let catalog = fixture_catalog();
        let ids = scored_ids(&catalog);
        let id = &ids[pick.index(ids.len())];
        let mut worse = answers.clone();
        worse.set(id.clone(), rating("non"));
        let mut better = answers;
        better.set(id.clone(), rating("conforme"));
        let worse = score(&catalog, &worse);
        let better = score(&catalog, &better);
        prop_assert!(better.score >= worse.score, "{:?} < {:?}", better.score, worse.score);
        prop_assert!(better.grade.is_none() || better.grade <= worse.grade);
    }

    #[test]
    fn a_non_applicable_question_does_not_change_the_others_contribution(
        answers in arbitrary_answers(),
    ) {
        // s_https allows "non applicable": answering it so must score exactly as if the
        // question did not exist.
        let catalog = fixture_catalog();
        let mut with_na = answers.clone();
        with_na.set("s_https", rating("non_applicable"));
        let mut modules = catalog.modules.clone();
        for module in &mut modules {
            for section in &mut module.sections {
                section.questions.retain(|q| q.id != "s_https");
            }
        }
        let without = Catalog::new(modules, catalog.services.clone(), Vec::new());
        let a = score(&catalog, &with_na);
        let b = score(&without, &answers);
        prop_assert_eq!(a.score, b.score);
        prop_assert_eq!(a.grade, b.grade);
        prop_assert_eq!(&a.lost_points, &b.lost_points);
        prop_assert_eq!(&a.actions, &b.actions);
    }
}

#[test]
fn the_test_catalogue_has_questions_of_every_kind() {
    let catalog = fixture_catalog();
    let kinds: std::collections::BTreeSet<&str> = catalog
        .questions()
        .map(|(_, _, q)| match q.kind {
            QuestionKind::Conformite(_) => "conformite",
            QuestionKind::Choice { .. } => "choice",
            QuestionKind::Multi { .. } => "multi",
            QuestionKind::Text { .. } => "text",
        })
        .collect();
    assert_eq!(kinds.len(), 4);
}
