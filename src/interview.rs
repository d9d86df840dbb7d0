//! The interview, shared by the terminal UI and the line mode: the order of the steps (new
//! questions first, then the triage, the identity form and the evaluation modules), what is
//! already answered, where to resume, and the progress shown to the user.

use std::collections::BTreeSet;

use crate::answers::Answers;
use crate::catalog::{Catalog, Question, Role};

/// One screen of the interview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// One question.
    Question(String),
    /// The identity form: every identity field that applies, on one screen.
    Identity,
}

/// The steps that apply to these answers, in the order they are asked: the questions in
/// `first` (new or changed since the previous run), then the triage, the identity form and
/// the evaluation modules in catalogue order. Recomputed after each answer, since answers
/// change which questions apply.
pub fn steps(catalog: &Catalog, answers: &Answers, first: &BTreeSet<String>) -> Vec<Step> {
    let visibility = catalog.visibility(answers);
    let asked = |q: &Question| visibility.is_visible(&q.id);
    let mut steps: Vec<Step> = catalog
        .questions()
        .filter(|(m, _, q)| m.role != Role::Identite && first.contains(&q.id) && asked(q))
        .map(|(_, _, q)| Step::Question(q.id.clone()))
        .collect();
    for module in &catalog.modules {
        if module.role == Role::Identite {
            if module.questions().any(|(_, q)| asked(q)) && !steps.contains(&Step::Identity) {
                steps.push(Step::Identity);
            }
            continue;
        }
        steps.extend(
            module
                .questions()
                .filter(|(_, q)| asked(q) && !first.contains(&q.id))
                .map(|(_, q)| Step::Question(q.id.clone())),
        );
    }
    steps
}

/// The identity fields that apply to these answers (the organisation's form, channels…).
pub fn identity_fields<'c>(catalog: &'c Catalog, answers: &Answers) -> Vec<&'c Question> {
    let visibility = catalog.visibility(answers);
    catalog
        .modules
        .iter()
        .filter(|m| m.role == Role::Identite)
        .flat_map(|m| m.questions())
        .filter(|(_, q)| visibility.is_visible(&q.id))
        .map(|(_, q)| q)
        .collect()
}

/// Is this step answered? The identity form counts as answered once any field is filled:
/// its required values are reported in the results, not forced.
pub fn is_answered(catalog: &Catalog, answers: &Answers, step: &Step) -> bool {
    match step {
        Step::Question(id) => answers.get(id).is_some(),
        Step::Identity => identity_fields(catalog, answers)
            .iter()
            .any(|q| answers.get(&q.id).is_some()),
    }
}

/// Where to resume: the first step not answered, or `steps.len()` when all are (the review).
pub fn resume_at(catalog: &Catalog, answers: &Answers, steps: &[Step]) -> usize {
    steps
        .iter()
        .position(|s| !is_answered(catalog, answers, s))
        .unwrap_or(steps.len())
}

/// Where the user stands: overall and within the current section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// 1-based position among the steps.
    pub position: usize,
    pub total: usize,
    pub answered: usize,
    pub module: String,
    pub section: String,
    /// 1-based position among the section's steps.
    pub in_section: usize,
    pub section_total: usize,
}

/// The progress at `index` (clamped to the last step).
pub fn progress(catalog: &Catalog, answers: &Answers, steps: &[Step], index: usize) -> Progress {
    let place = |step: &Step| -> (String, String) {
        match step {
            Step::Question(id) => catalog
                .location(id)
                .map(|(m, s)| (m.title.clone(), s.title.clone()))
                .unwrap_or_default(),
            Step::Identity => {
                let title = catalog
                    .modules
                    .iter()
                    .find(|m| m.role == Role::Identite)
                    .map(|m| m.title.clone())
                    .unwrap_or_default();
                (title.clone(), title)
            }
        }
    };
    let index = index.min(steps.len().saturating_sub(1));
    let (module, section) = steps.get(index).map(place).unwrap_or_default();
    let same: Vec<usize> = steps
        .iter()
        .enumerate()
        .filter(|(_, s)| place(s) == (module.clone(), section.clone()))
        .map(|(i, _)| i)
        .collect();
    Progress {
        position: if steps.is_empty() { 0 } else { index + 1 },
        total: steps.len(),
        answered: steps
            .iter()
            .filter(|s| is_answered(catalog, answers, s))
            .count(),
        in_section: same.iter().position(|&i| i == index).map_or(0, |p| p + 1),
        section_total: same.len(),
        module,
        section,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Answer;
    use crate::assets::load_catalog;

    fn catalog() -> Catalog {
        load_catalog(None).expect("the built-in catalogue is valid")
    }

    #[test]
    fn a_new_organisation_starts_with_the_triage_then_identity() {
        let catalog = catalog();
        let answers = Answers::new();
        let steps = steps(&catalog, &answers, &BTreeSet::new());
        assert_eq!(steps[0], Step::Question("forme".into()));
        let identity = steps.iter().position(|s| *s == Step::Identity).unwrap();
        let first_scored = steps
            .iter()
            .position(|s| matches!(s, Step::Question(id) if catalog.question(id).unwrap().scored().is_some()))
            .unwrap();
        assert!(
            identity < first_scored,
            "identity comes before scored questions"
        );
        assert_eq!(resume_at(&catalog, &answers, &steps), 0);
    }

    #[test]
    fn questions_marked_first_come_first_and_only_once() {
        let catalog = catalog();
        let mut answers = Answers::new();
        answers.set("canaux", Answer::Multi(["site_vitrine".to_string()].into()));
        let first: BTreeSet<String> = ["sv_ml_presentes".to_string()].into();
        let steps = steps(&catalog, &answers, &first);
        assert_eq!(steps[0], Step::Question("sv_ml_presentes".into()));
        let count = steps
            .iter()
            .filter(|s| **s == Step::Question("sv_ml_presentes".into()))
            .count();
        assert_eq!(count, 1);
    }

    #[test]
    fn answers_change_which_steps_apply_and_the_progress() {
        let catalog = catalog();
        let mut answers = Answers::new();
        answers.set("canaux", Answer::Multi(["site_vitrine".to_string()].into()));
        let before = steps(&catalog, &answers, &BTreeSet::new()).len();
        answers.set("canaux", Answer::Multi(BTreeSet::new()));
        let after = steps(&catalog, &answers, &BTreeSet::new());
        assert!(
            after.len() < before,
            "no channel: the site questions drop out"
        );
        let progress = progress(&catalog, &answers, &after, 1);
        assert_eq!(progress.position, 2);
        assert_eq!(progress.total, after.len());
        assert_eq!(progress.answered, 1);
        assert!(progress.in_section >= 1 && progress.in_section <= progress.section_total);
    }
}
