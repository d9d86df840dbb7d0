//! The interview, shared by the terminal UI and the line mode: the order of the steps (new
//! questions first, then the triage, the identity form and the evaluation modules), what is
//! already answered, where to resume, and the progress shown to the user; on a rerun, the
//! questions new or changed since the previous run and the answers due for review.

pub mod deduce;

use std::collections::BTreeSet;

use crate::model::answers::{Answer, Answers};
use crate::model::catalog::{Catalog, Level, Module, Question, Role};
use crate::model::date::Date;
use crate::model::french::plural;
use crate::storage::run::RunRecord;

/// One screen of the interview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// One question.
    Question(String),
    /// The identity form: every identity field that applies, on one screen.
    Identity,
}

/// The steps that apply to these answers, in the order they are asked: the questions in
/// `first` (new or changed since the previous run, or due for review; the identity form
/// when one of its fields is), then the triage, the identity form and the evaluation
/// modules in catalogue order. Recomputed after each answer, since answers change which
/// questions apply.
pub fn steps(catalog: &Catalog, answers: &Answers, first: &BTreeSet<String>) -> Vec<Step> {
    let visibility = catalog.visibility(answers);
    let asked = |q: &Question| visibility.is_visible(&q.id);
    let mut steps: Vec<Step> = catalog
        .questions()
        .filter(|(m, _, q)| m.role != Role::Identite && first.contains(&q.id) && asked(q))
        .map(|(_, _, q)| Step::Question(q.id.clone()))
        .collect();
    if is_first(catalog, answers, first, &Step::Identity) {
        steps.push(Step::Identity);
    }
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
    // The good practices (recommendations) come after everything the law requires: the
    // first pass ends before them, and they are offered after it.
    let asked_first = steps
        .iter()
        .take_while(|s| is_first(catalog, answers, first, s))
        .count();
    let (required, optional): (Vec<Step>, Vec<Step>) = steps
        .split_off(asked_first)
        .into_iter()
        .partition(|s| !is_optional(catalog, s));
    steps.extend(required);
    steps.extend(optional);
    steps
}

/// Where the first pass stands: the questions answered and the questions it has (those
/// of the triage and those the law requires, not deduced), for the home screen's « 42
/// questions sur 61 ». The identity form is not counted: its missing values are reported
/// with the results.
pub fn first_pass_progress(catalog: &Catalog, answers: &Answers) -> (usize, usize) {
    let steps = steps(catalog, answers, &BTreeSet::new());
    let shown: Vec<&Step> = steps
        .iter()
        .filter(|s| matches!(s, Step::Question(_)))
        .filter(|s| !is_optional(catalog, s) && !is_deduced(catalog, answers, s))
        .collect();
    let answered = shown
        .iter()
        .filter(|s| is_answered(catalog, answers, s))
        .count();
    (answered, shown.len())
}

/// Is this step a good practice (a recommendation), asked after the first pass?
pub fn is_optional(catalog: &Catalog, step: &Step) -> bool {
    matches!(step, Step::Question(id) if catalog
        .question(id)
        .and_then(Question::scored)
        .is_some_and(|s| s.level == Level::Recommandation))
}

/// Does moving on from `left` to `shown` end the first pass: `left` is required by the law
/// (or part of the triage) and `shown` is a good practice still unanswered?
pub fn ends_first_pass(
    catalog: &Catalog,
    answers: &Answers,
    left: &Step,
    shown: Option<&Step>,
) -> bool {
    !is_optional(catalog, left)
        && shown.is_some_and(|s| is_optional(catalog, s) && !is_answered(catalog, answers, s))
}

/// Is this step among those asked first?
fn is_first(catalog: &Catalog, answers: &Answers, first: &BTreeSet<String>, step: &Step) -> bool {
    match step {
        Step::Question(id) => first.contains(id),
        Step::Identity => catalog
            .identity_fields(answers)
            .iter()
            .any(|q| first.contains(&q.id)),
    }
}

/// Is this step answered? The identity form counts as answered once any field the law
/// requires is filled (the trade name kept from the organisation's creation does not count):
/// its required values are reported in the results, not forced.
pub fn is_answered(catalog: &Catalog, answers: &Answers, step: &Step) -> bool {
    match step {
        Step::Question(id) => answers.get(id).is_some(),
        Step::Identity => {
            let visibility = catalog.visibility(answers);
            catalog
                .identity_fields(answers)
                .iter()
                .any(|q| visibility.is_required(q) && answers.get(&q.id).is_some())
        }
    }
}

/// Is this step answered for the user from the services declared? Such a step is not shown
/// in the interview (the review shows it « déduit de vos services »).
pub fn is_deduced(catalog: &Catalog, answers: &Answers, step: &Step) -> bool {
    matches!(step, Step::Question(id) if deduce::is_deduced(catalog, answers, id))
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
    // Steps answered from the services are not screens: they are not counted.
    let shown = |s: &Step| !is_deduced(catalog, answers, s);
    let same: Vec<usize> = steps
        .iter()
        .enumerate()
        .filter(|(i, s)| (shown(s) || *i == index) && place(s) == (module.clone(), section.clone()))
        .map(|(i, _)| i)
        .collect();
    let before = steps.iter().take(index).filter(|s| shown(s)).count();
    Progress {
        position: if steps.is_empty() { 0 } else { before + 1 },
        total: steps.iter().filter(|s| shown(s)).count(),
        answered: steps
            .iter()
            .filter(|s| shown(s) && is_answered(catalog, answers, s))
            .count(),
        in_section: same.iter().position(|&i| i == index).map_or(0, |p| p + 1),
        section_total: same.len(),
        module,
        section,
    }
}

/// The ids of the questions added or changed in the catalogue since `previous`: those whose
/// fingerprint differs from (or is missing in) the run's. A run written before fingerprints
/// were recorded falls back on module versions: the questions of a module whose version
/// differs (or that the run did not have) and that the run left unanswered.
pub fn new_since(catalog: &Catalog, previous: &RunRecord) -> BTreeSet<String> {
    let module_changed = |module: &Module| {
        !previous
            .catalog
            .iter()
            .any(|v| v.id == module.id && v.version == module.version)
    };
    catalog
        .questions()
        .filter(|(module, _, question)| {
            if previous.questions.is_empty() {
                module_changed(module) && !previous.has_answer(&question.id)
            } else {
                previous.asked_same(question) != Some(true)
            }
        })
        .map(|(_, _, question)| question.id.clone())
        .collect()
}

/// The ids of the visible, answered questions whose answer was given or last confirmed twelve
/// months or more before `today` (AAAA-MM-JJ), in catalogue order; undated and deduced
/// answers are not.
pub fn stale(catalog: &Catalog, answers: &Answers, today: Date) -> Vec<String> {
    let visibility = catalog.visibility(answers);
    catalog
        .questions()
        .filter(|(_, _, q)| visibility.answer(&q.id).is_some())
        // A deduced answer is as fresh as the answer it follows from.
        .filter(|(_, _, q)| !deduce::is_deduced(catalog, answers, &q.id))
        .filter(|(_, _, q)| {
            answers
                .date(&q.id)
                .is_some_and(|date| date.twelve_months_before(today))
        })
        .map(|(_, _, q)| q.id.clone())
        .collect()
}

/// What a reopened organisation is asked first, each list in catalogue order: the questions
/// that apply and were added or changed since its latest run (★), and the answers due for
/// review (⌛).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AskedFirst {
    pub new: Vec<String>,
    pub stale: Vec<String>,
}

impl AskedFirst {
    pub fn of(
        catalog: &Catalog,
        answers: &Answers,
        latest: Option<&RunRecord>,
        today: Date,
    ) -> AskedFirst {
        let changed = latest
            .map(|run| new_since(catalog, run))
            .unwrap_or_default();
        let visibility = catalog.visibility(answers);
        AskedFirst {
            new: catalog
                .questions()
                .map(|(_, _, q)| &q.id)
                .filter(|id| changed.contains(*id) && visibility.is_visible(id))
                .cloned()
                .collect(),
            stale: stale(catalog, answers, today),
        }
    }

    /// Every question asked first, for [`steps`] and [`next_after`].
    pub fn ids(&self) -> BTreeSet<String> {
        self.new.iter().chain(&self.stale).cloned().collect()
    }

    /// The note that explains why these questions come first; `None` when there are none.
    pub fn note(&self) -> Option<String> {
        let s = plural;
        let (new, stale) = (self.new.len(), self.stale.len());
        let mut parts = Vec::new();
        if new > 0 {
            parts.push(format!(
                "{new} question{} nouvelle{} ou modifiée{} depuis la dernière évaluation (★)",
                s(new),
                s(new),
                s(new)
            ));
        }
        if stale > 0 {
            parts.push(format!(
                "{stale} réponse{} de plus de douze mois à revoir (⌛)",
                s(stale)
            ));
        }
        (!parts.is_empty()).then(|| {
            format!(
                "D'abord, {} ; Entrée confirme la réponse affichée.",
                parts.join(" et ")
            )
        })
    }
}

/// Where to go after the step at `index`: the next step, except after the last of the
/// questions asked first, where the interview resumes at the first unanswered step.
pub fn next_after(
    catalog: &Catalog,
    answers: &Answers,
    steps: &[Step],
    first: &BTreeSet<String>,
    index: usize,
) -> usize {
    let first_at = |i: usize| {
        steps
            .get(i)
            .is_some_and(|step| is_first(catalog, answers, first, step))
    };
    if first_at(index) && !first_at(index + 1) {
        resume_at(catalog, answers, steps)
    } else {
        index + 1
    }
}

/// How an interview opens: why it starts where it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    /// Nothing answered yet: the first step.
    Start,
    /// Questions new or changed since the previous run, or answers due for review, come
    /// first; the note says so.
    AskedFirst(String),
    /// Back at the first unanswered step (1-based), of `total`.
    Resumed { at: usize, total: usize },
    /// Every step is answered: the review.
    Complete,
}

impl Opening {
    /// The note shown to the user when the interview opens, if any.
    pub fn note(&self) -> Option<String> {
        match self {
            Opening::Start => None,
            Opening::AskedFirst(note) => Some(note.clone()),
            Opening::Resumed { at, total } => Some(format!(
                "Reprise à la question {at} sur {total} : vos réponses précédentes sont gardées."
            )),
            Opening::Complete => Some("Toutes les questions ont une réponse.".to_string()),
        }
    }
}

/// Where an interview stands: the steps that apply to the answers (recomputed after each
/// answer, since answers change which questions apply), the step shown, and the questions
/// asked first. The interface and the line mode both move through the interview with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    first: AskedFirst,
    steps: Vec<Step>,
    /// The step shown; `steps.len()` is the review, after the last step.
    index: usize,
}

impl Cursor {
    /// Opens the interview of these answers: at the questions asked first when there are
    /// some, else at the first unanswered step.
    pub fn open(
        catalog: &Catalog,
        answers: &Answers,
        latest: Option<&RunRecord>,
        today: Date,
    ) -> (Cursor, Opening) {
        let first = AskedFirst::of(catalog, answers, latest, today);
        let steps = steps(catalog, answers, &first.ids());
        let resume = resume_at(catalog, answers, &steps);
        let (index, opening) = match first.note() {
            Some(note) => (0, Opening::AskedFirst(note)),
            None if resume == steps.len() => (resume, Opening::Complete),
            None if resume > 0 => {
                let place = progress(catalog, answers, &steps, resume);
                (
                    resume,
                    Opening::Resumed {
                        at: place.position,
                        total: place.total,
                    },
                )
            }
            None => (0, Opening::Start),
        };
        (
            Cursor {
                first,
                steps,
                index,
            },
            opening,
        )
    }

    /// The steps that apply, in order.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The position of the step shown (`steps().len()` at the review).
    pub fn index(&self) -> usize {
        self.index
    }

    /// The step shown; `None` at the review.
    pub fn current(&self) -> Option<&Step> {
        self.steps.get(self.index)
    }

    /// The questions asked first.
    pub fn first(&self) -> &AskedFirst {
        &self.first
    }

    /// Once a run is recorded, nothing is asked first any more.
    pub fn clear_first(&mut self, catalog: &Catalog, answers: &Answers) {
        self.first = AskedFirst::default();
        self.refresh(catalog, answers);
    }

    /// Recomputes the steps after the answers changed, staying on the step shown (or at
    /// the same place when it no longer applies).
    pub fn refresh(&mut self, catalog: &Catalog, answers: &Answers) {
        let shown = self.current().cloned();
        self.steps = steps(catalog, answers, &self.first.ids());
        self.index = shown
            .and_then(|step| self.steps.iter().position(|s| *s == step))
            .unwrap_or(self.index)
            .min(self.steps.len());
    }

    /// Shows the step at `index` (the review past the last one).
    pub fn go_to(&mut self, index: usize) {
        self.index = index.min(self.steps.len());
    }

    /// Records the answer to `id` (or, with `None`, clears it), dated `today`: given or
    /// confirmed that day. Then recomputes the steps.
    pub fn answer(
        &mut self,
        catalog: &Catalog,
        answers: &mut Answers,
        id: &str,
        answer: Option<Answer>,
        today: Date,
    ) {
        let before = answers.clone();
        record(answers, id, answer, today);
        for deduced in deduce::apply(catalog, &before, answers) {
            answers.confirm(&deduced, today);
        }
        self.refresh(catalog, answers);
    }

    /// Moves on from the step shown: the next step, except after the last of the questions
    /// asked first, where the interview resumes at the first unanswered step; the review
    /// after the last step.
    pub fn next(&mut self, catalog: &Catalog, answers: &Answers) {
        self.refresh(catalog, answers);
        self.index = next_after(catalog, answers, &self.steps, &self.first.ids(), self.index)
            .min(self.steps.len());
        while self
            .current()
            .is_some_and(|step| is_deduced(catalog, answers, step))
        {
            self.index += 1;
        }
    }

    /// Moves back one step; false at the first step, where it stays.
    pub fn back(&mut self, catalog: &Catalog, answers: &Answers) -> bool {
        self.refresh(catalog, answers);
        let shown = (0..self.index.min(self.steps.len()))
            .rev()
            .find(|&i| !is_deduced(catalog, answers, &self.steps[i]));
        match shown {
            Some(i) => {
                self.index = i;
                true
            }
            None => false,
        }
    }

    /// Where the user stands at the step shown.
    pub fn progress(&self, catalog: &Catalog, answers: &Answers) -> Progress {
        progress(catalog, answers, &self.steps, self.index)
    }

    /// Why the question `id` is asked first, if it is.
    pub fn mark(&self, catalog: &Catalog, answers: &Answers, id: &str) -> Mark {
        if deduce::is_deduced(catalog, answers, id) {
            match catalog.question(id) {
                Some(q) if q.details_of.is_some() => Mark::Follows,
                _ => Mark::Deduced,
            }
        } else if self.first.new.iter().any(|n| n == id) {
            Mark::New
        } else if self.first.stale.iter().any(|n| n == id) {
            Mark::Stale
        } else {
            Mark::None
        }
    }
}

/// Why a question is asked first, or not asked at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    None,
    /// Added or changed since the previous run.
    New,
    /// Answered twelve months ago or more.
    Stale,
    /// Answered from the services declared: not asked, shown in the review.
    Deduced,
    /// Answered from the earlier question it details (no page, no practice): not asked.
    Follows,
}

impl Mark {
    /// The glyph and word shown with the question.
    pub fn label(self) -> &'static str {
        match self {
            Mark::None => "",
            Mark::New => "★ nouveau",
            Mark::Stale => "⌛ à revoir",
            Mark::Deduced => "≈ déduit de vos services",
            Mark::Follows => "≈ déduit de votre réponse précédente",
        }
    }
}

/// The first sentence of a help text: what the « Pourquoi ? » box shows before the user asks
/// for the rest. A sentence ends at « . », « ? » or « ! » followed by a capital letter.
pub fn help_summary(help: &str) -> &str {
    let chars: Vec<(usize, char)> = help.char_indices().collect();
    for window in chars.windows(3) {
        let [(_, end), (_, space), (at, next)] = window else {
            continue;
        };
        if matches!(end, '.' | '?' | '!') && space.is_whitespace() && next.is_uppercase() {
            return help[..*at].trim_end();
        }
    }
    help.trim_end()
}

/// Records the answer to `id` (or, with `None`, clears it), dated `today`.
pub fn record(answers: &mut Answers, id: &str, answer: Option<Answer>, today: Date) {
    match answer {
        Some(answer) => {
            answers.set(id, answer);
            answers.confirm(id, today);
        }
        None => {
            answers.remove(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::answers::Answer;
    use crate::model::assets::load_catalog;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn catalog() -> Catalog {
        load_catalog(None).expect("the built-in catalogue is valid")
    }

    fn run_of(catalog: &Catalog, answers: &Answers) -> RunRecord {
        let report = crate::engine::scoring::score(catalog, answers);
        RunRecord::new(
            catalog,
            answers,
            report,
            Vec::new(),
            "2026-11-29T10:00:00Z".into(),
        )
    }

    /// The catalogue with its modules edited.
    fn edited(catalog: &Catalog, edit: impl FnOnce(&mut Vec<Module>)) -> Catalog {
        let mut modules = catalog.modules.clone();
        edit(&mut modules);
        Catalog::new(modules, catalog.services.clone(), catalog.sanctions.clone())
    }

    fn question_mut<'m>(modules: &'m mut [Module], id: &str) -> &'m mut Question {
        modules
            .iter_mut()
            .flat_map(|m| m.sections.iter_mut())
            .flat_map(|s| s.questions.iter_mut())
            .find(|q| q.id == id)
            .unwrap()
    }

    fn site_answers() -> Answers {
        let mut answers = Answers::new();
        answers.set("canaux", Answer::Multi(["site_vitrine".to_string()].into()));
        answers.set(
            "sv_ml_presentes",
            Answer::Rating(crate::model::answers::Rating::Conforme),
        );
        answers
    }

    fn ids(ids: &[&str]) -> BTreeSet<String> {
        ids.iter().map(|id| id.to_string()).collect()
    }

    #[test]
    fn an_entrepreneur_who_charges_no_vat_is_asked_for_no_vat_number() {
        let catalog = catalog();
        let mut answers = Answers::new();
        answers.set("forme", Answer::Choice("entreprise_individuelle".into()));
        let ids = |answers: &Answers| -> Vec<String> {
            catalog
                .identity_fields(answers)
                .iter()
                .map(|q| q.id.clone())
                .collect()
        };
        assert!(ids(&answers).contains(&"tva_facturee".to_string()));
        assert!(
            ids(&answers).contains(&"tva".to_string()),
            "asked until answered"
        );
        answers.set("tva_facturee", Answer::Choice("non".into()));
        assert!(!ids(&answers).contains(&"tva".to_string()));
        answers.set("tva_facturee", Answer::Choice("oui".into()));
        assert!(ids(&answers).contains(&"tva".to_string()));
    }

    #[test]
    fn the_help_summary_is_its_first_sentence() {
        assert_eq!(
            help_summary("Voir l'art. 82 de la loi. Puis le reste. Et encore."),
            "Voir l'art. 82 de la loi."
        );
        assert_eq!(help_summary("Une seule phrase."), "Une seule phrase.");
        assert_eq!(
            help_summary("Pourquoi ? Parce que « la loi » le dit."),
            "Pourquoi ?"
        );
    }

    #[test]
    fn nothing_is_new_in_the_catalogue_of_the_previous_run() {
        let catalog = catalog();
        let run = run_of(&catalog, &site_answers());
        assert_eq!(run.questions.len(), catalog.questions().count());
        assert!(new_since(&catalog, &run).is_empty());
    }

    #[test]
    fn questions_reworded_or_added_since_the_run_are_new() {
        let catalog = catalog();
        let run = run_of(&catalog, &site_answers());
        let now = edited(&catalog, |modules| {
            question_mut(modules, "sv_pc_presente").prompt = "Reformulée ?".into();
            question_mut(modules, "sv_ml_acces").help = "Une aide plus claire.".into();
            let mut added = question_mut(modules, "sv_ml_presentes").clone();
            added.id = "sv_nouvelle".into();
            modules
                .iter_mut()
                .find(|m| m.id == "site_vitrine")
                .unwrap()
                .sections[0]
                .questions
                .push(added);
        });
        assert_eq!(
            new_since(&now, &run),
            ids(&["sv_nouvelle", "sv_pc_presente"]),
            "a new help text does not make a question new"
        );
    }

    #[test]
    fn a_run_without_fingerprints_falls_back_on_module_versions() {
        let catalog = catalog();
        let mut run = run_of(&catalog, &site_answers());
        run.questions.clear();
        assert!(
            new_since(&catalog, &run).is_empty(),
            "same versions: nothing new"
        );
        let now = edited(&catalog, |modules| {
            let site = modules.iter_mut().find(|m| m.id == "site_vitrine").unwrap();
            site.version += 1;
        });
        let new = new_since(&now, &run);
        let site: BTreeSet<String> = now
            .module("site_vitrine")
            .unwrap()
            .questions()
            .map(|(_, q)| q.id.clone())
            .collect();
        assert!(!new.contains("sv_ml_presentes"), "answered in the run");
        assert!(new.contains("sv_pc_presente"), "unanswered in the run");
        assert!(new.is_subset(&site), "other modules kept their version");
        assert_eq!(new.len(), site.len() - 1);
        // A module the run did not have at all.
        run.catalog.retain(|v| v.id != "cookies");
        let new = new_since(&catalog, &run);
        assert!(new.contains("ck_refus_facile"));
        assert!(new.iter().all(|id| id.starts_with("ck_")), "{new:?}");
    }

    #[test]
    fn answers_twelve_months_old_or_more_are_due_for_review() {
        let catalog = catalog();
        let mut answers = site_answers();
        answers.set(
            "sv_pc_presente",
            Answer::Rating(crate::model::answers::Rating::Non),
        );
        answers.set(
            "ec_politique_boutique",
            Answer::Rating(crate::model::answers::Rating::Non),
        );
        answers.set("forme", Answer::Choice("association".into()));
        answers.confirm("sv_pc_presente", day("2025-11-29"));
        answers.confirm("sv_ml_presentes", day("2025-11-30"));
        answers.confirm("canaux", day("2024-02-29"));
        // Hidden: the organisation has no online shop.
        answers.confirm("ec_politique_boutique", day("2020-01-01"));
        // `forme` has no date: not due.
        assert_eq!(
            stale(&catalog, &answers, day("2026-11-29")),
            ["canaux", "sv_pc_presente"],
            "catalogue order"
        );
        assert_eq!(
            stale(&catalog, &answers, day("2026-11-30")),
            ["canaux", "sv_ml_presentes", "sv_pc_presente"]
        );
        assert!(stale(&catalog, &answers, day("2025-02-28")).is_empty());
        assert_eq!(stale(&catalog, &answers, day("2025-03-01")), ["canaux"]);
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
    fn after_the_questions_asked_first_the_interview_resumes_where_it_was() {
        let catalog = catalog();
        let mut answers = Answers::new();
        for (id, value) in [("forme", "societe"), ("profession_reglementee", "non")] {
            answers.set(id, Answer::Choice(value.into()));
        }
        answers.set("canaux", Answer::Multi(["site_vitrine".to_string()].into()));
        answers.set(
            "sv_ml_presentes",
            Answer::Rating(crate::model::answers::Rating::Non),
        );
        let first: BTreeSet<String> = ["sv_ml_presentes".to_string()].into();
        let steps = steps(&catalog, &answers, &first);
        // The first unanswered step is the third triage question (effectif).
        let effectif = steps
            .iter()
            .position(|s| *s == Step::Question("effectif".into()))
            .unwrap();
        assert_eq!(next_after(&catalog, &answers, &steps, &first, 0), effectif);
        assert_eq!(
            next_after(&catalog, &answers, &steps, &first, effectif),
            effectif + 1
        );
    }

    #[test]
    fn an_identity_field_due_for_review_brings_the_identity_form_first() {
        let catalog = catalog();
        let mut answers = Answers::new();
        answers.set("forme", Answer::Choice("societe".into()));
        answers.set("ville", Answer::Text("Lyon".into()));
        let first: BTreeSet<String> = ["ville".to_string()].into();
        let steps = steps(&catalog, &answers, &first);
        assert_eq!(steps[0], Step::Identity);
        assert_eq!(steps.iter().filter(|s| **s == Step::Identity).count(), 1);
        // Then the interview resumes at the first unanswered question.
        assert_eq!(
            next_after(&catalog, &answers, &steps, &first, 0),
            resume_at(&catalog, &answers, &steps)
        );
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
