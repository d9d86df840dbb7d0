//! The scoring engine: pure and deterministic. The formula is written down in
//! questionnaires/README.md ("La note"); every lost point traces back to a question.

use serde::{Deserialize, Serialize};

use crate::answers::{Answer, Answers, Rating};
use crate::catalog::{Catalog, Effort, Level, Module, Question, Reference, Role, Sanction};

/// How many matching sanctions a report names.
pub const MAX_SANCTIONS: usize = 5;

/// The letter grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
    E,
}

impl Grade {
    fn from_score(score: u8) -> Grade {
        match score {
            90.. => Grade::A,
            75.. => Grade::B,
            60.. => Grade::C,
            40.. => Grade::D,
            _ => Grade::E,
        }
    }

    pub fn letter(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
            Grade::E => "E",
        }
    }
}

/// Why the grade is lower than the score alone would give.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GradeCap {
    /// The grade the score alone would give.
    pub uncapped: Grade,
    /// The best grade allowed.
    pub cap: Grade,
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionScore {
    pub id: String,
    pub title: String,
    pub score: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModuleScore {
    pub id: String,
    pub title: String,
    pub version: u32,
    pub score: Option<u8>,
    /// Scored questions counted (visible and applicable).
    pub questions: usize,
    pub unmet_obligations: usize,
    pub sections: Vec<SectionScore>,
}

/// A module left out because the organisation's profile says it does not apply.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkippedModule {
    pub id: String,
    pub title: String,
}

/// A question named in a list (to verify, unanswered).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionRef {
    pub question: String,
    pub module: String,
    pub title: String,
}

/// One item of the action plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub question: String,
    pub module: String,
    pub level: Level,
    pub title: String,
    pub answer: Rating,
    pub remediation: String,
    pub references: Vec<Reference>,
    pub document: Option<String>,
    pub effort: Effort,
    /// Points of the overall score this fix brings back.
    pub points: f64,
}

/// What a question cost ("Pourquoi pas 100 ?").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LostPoints {
    pub question: String,
    pub title: String,
    /// None when the question was not answered.
    pub answer: Option<Rating>,
    pub points: f64,
}

/// An identity value the law requires and the answers leave empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MissingField {
    pub field: String,
    pub label: String,
    pub references: Vec<Reference>,
}

/// The full, explained result of scoring one set of answers. Fields added later read as
/// empty from older run files (`serde(default)`), so that a stored run never turns unreadable.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoreReport {
    /// Overall score 0–100, or None when no scored question applies.
    pub score: Option<u8>,
    pub grade: Option<Grade>,
    pub grade_cap: Option<GradeCap>,
    /// Share of applicable questions answered with something other than "je ne sais pas".
    pub confidence: Option<u8>,
    pub modules: Vec<ModuleScore>,
    pub skipped_modules: Vec<SkippedModule>,
    pub actions: Vec<Action>,
    pub to_verify: Vec<QuestionRef>,
    pub unanswered: Vec<QuestionRef>,
    pub not_applicable: Vec<QuestionRef>,
    pub lost_points: Vec<LostPoints>,
    pub unmet_obligations: usize,
    pub identity_missing: Vec<MissingField>,
    /// CNIL sanctions for failures like those of the action plan (at most five), the one
    /// matching the highest action first.
    pub sanctions: Vec<Sanction>,
    /// The intra-EU VAT number computed from the SIREN, offered when none was given.
    pub vat_suggestion: Option<String>,
    /// The oldest legal-review date of the modules used (AAAA-MM-JJ).
    pub references_reviewed: Option<String>,
}

/// One scored, visible, applicable question with its answer.
struct Item<'a> {
    module: &'a Module,
    section: &'a str,
    question: &'a Question,
    rating: Option<Rating>,
    weight: u32,
}

impl Item<'_> {
    /// The answer's value in half points: conforme 2, partiel 1, others 0.
    fn halves(&self) -> u32 {
        match self.rating {
            Some(Rating::Conforme) => 2,
            Some(Rating::Partiel) => 1,
            _ => 0,
        }
    }

    fn level(&self) -> Level {
        self.question
            .scored()
            .map_or(Level::Recommandation, |s| s.level)
    }
}

/// The effective weight: legal obligations count double.
pub fn effective_weight(level: Level, weight: u8) -> u32 {
    match level {
        Level::Obligation => u32::from(weight) * 2,
        Level::Recommandation => u32::from(weight),
    }
}

fn effort_cost(effort: Effort) -> u32 {
    match effort {
        Effort::Faible => 1,
        Effort::Moyen => 2,
        Effort::Eleve => 4,
    }
}

/// Score 0–100 of a set of items, exact.
fn exact_score(items: &[&Item]) -> Option<f64> {
    let total: u32 = items.iter().map(|i| i.weight).sum();
    if total == 0 {
        return None;
    }
    let earned: u32 = items.iter().map(|i| i.weight * i.halves()).sum();
    Some(100.0 * f64::from(earned) / f64::from(2 * total))
}

fn rounded(score: Option<f64>) -> Option<u8> {
    score.map(|s| s.round().clamp(0.0, 100.0) as u8)
}

fn round_tenth(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// Scores the answers against the catalogue.
pub fn score(catalog: &Catalog, answers: &Answers) -> ScoreReport {
    let visibility = catalog.visibility(answers);
    let mut items: Vec<Item> = Vec::new();
    let mut not_applicable = Vec::new();
    let mut skipped_modules = Vec::new();
    let mut used_modules: Vec<&Module> = Vec::new();
    for module in catalog
        .modules
        .iter()
        .filter(|m| m.role == Role::Evaluation)
    {
        if !visibility.module_applies(module) {
            skipped_modules.push(SkippedModule {
                id: module.id.clone(),
                title: module.title.clone(),
            });
            continue;
        }
        used_modules.push(module);
        for (section, question) in module.questions() {
            let Some(scored) = question.scored() else {
                continue;
            };
            if !visibility.is_visible(&question.id) {
                continue;
            }
            let rating = match answers.get(&question.id) {
                Some(Answer::Rating(rating)) => Some(*rating),
                _ => None,
            };
            if rating == Some(Rating::NonApplicable) {
                not_applicable.push(question_ref(module, question));
                continue;
            }
            items.push(Item {
                module,
                section: &section.id,
                question,
                rating,
                weight: effective_weight(scored.level, scored.weight),
            });
        }
    }

    let all: Vec<&Item> = items.iter().collect();
    let overall = exact_score(&all);
    let score = rounded(overall);
    let total_weight: u32 = items.iter().map(|i| i.weight).sum();
    let lost = |item: &Item| {
        100.0 * f64::from(item.weight * (2 - item.halves())) / f64::from(2 * total_weight)
    };

    let modules = used_modules
        .iter()
        .map(|module| {
            let of_module: Vec<&Item> = items.iter().filter(|i| i.module.id == module.id).collect();
            ModuleScore {
                id: module.id.clone(),
                title: module.title.clone(),
                version: module.version,
                score: rounded(exact_score(&of_module)),
                questions: of_module.len(),
                unmet_obligations: of_module
                    .iter()
                    .filter(|i| i.level() == Level::Obligation && i.halves() < 2)
                    .count(),
                sections: module
                    .sections
                    .iter()
                    .filter(|s| visibility.section_visible(module, s))
                    .map(|section| {
                        let of_section: Vec<&Item> = of_module
                            .iter()
                            .copied()
                            .filter(|i| i.section == section.id)
                            .collect();
                        SectionScore {
                            id: section.id.clone(),
                            title: section.title.clone(),
                            score: rounded(exact_score(&of_section)),
                        }
                    })
                    .filter(|s| s.score.is_some())
                    .collect(),
            }
        })
        .collect();

    let unmet = items
        .iter()
        .filter(|i| i.level() == Level::Obligation && i.halves() == 0)
        .count();
    let partial = items
        .iter()
        .filter(|i| i.level() == Level::Obligation && i.halves() == 1)
        .count();
    let uncapped = score.map(Grade::from_score);
    let cap = if unmet > 0 {
        Some((
            Grade::C,
            format!(
                "{unmet} obligation{s} légale{s} non remplie{s} (ou non vérifiée{s}) : la lettre ne peut pas dépasser C",
                s = if unmet > 1 { "s" } else { "" }
            ),
        ))
    } else if partial > 0 {
        Some((
            Grade::B,
            format!(
                "{partial} obligation{s} légale{s} remplie{s} en partie seulement : la lettre ne peut pas dépasser B",
                s = if partial > 1 { "s" } else { "" }
            ),
        ))
    } else {
        None
    };
    let grade = uncapped.map(|g| match &cap {
        Some((cap, _)) => g.max(*cap),
        None => g,
    });
    let grade_cap = match (uncapped, &cap) {
        (Some(uncapped), Some((cap, reason))) if uncapped < *cap => Some(GradeCap {
            uncapped,
            cap: *cap,
            reason: reason.clone(),
        }),
        _ => None,
    };

    // The details of a page or practice answered « non » or « je ne sais pas » (`details_of`)
    // lose their points, but the plan and the list to check name the page once, not each
    // of its details.
    let folded = |item: &Item| {
        item.question.details_of.as_ref().is_some_and(|gate| {
            matches!(
                visibility.answer(gate),
                Some(Answer::Rating(Rating::Non | Rating::JeNeSaisPas))
            )
        })
    };
    let mut actions: Vec<(u64, &Item, Action)> = items
        .iter()
        .filter(|i| i.rating.is_some() && i.halves() < 2 && !folded(i))
        .filter_map(|item| {
            let scored = item.question.scored()?;
            let value = u64::from(item.weight * (2 - item.halves()));
            // Priority as an exact fraction value / cost, compared by cross-multiplication.
            let action = Action {
                question: item.question.id.clone(),
                module: item.module.id.clone(),
                level: scored.level,
                title: item.question.prompt.clone(),
                answer: item.rating?,
                remediation: scored.remediation.clone(),
                references: item.question.references.clone(),
                document: scored.document.clone(),
                effort: scored.effort,
                points: round_tenth(lost(item)),
            };
            Some((value, item, action))
        })
        .collect();
    let position = |id: &str| catalog.questions().position(|(_, _, q)| q.id == id);
    actions.sort_by(|(va, ia, a), (vb, ib, b)| {
        let ca = u64::from(effort_cost(a.effort));
        let cb = u64::from(effort_cost(b.effort));
        (vb * ca)
            .cmp(&(va * cb))
            .then_with(|| ia.level().cmp(&ib.level()))
            .then_with(|| vb.cmp(va))
            .then_with(|| position(&a.question).cmp(&position(&b.question)))
    });

    let mut lost_points: Vec<LostPoints> = items
        .iter()
        .filter(|i| i.halves() < 2)
        .map(|item| LostPoints {
            question: item.question.id.clone(),
            title: item.question.prompt.clone(),
            answer: item.rating,
            points: round_tenth(lost(item)),
        })
        .collect();
    lost_points.sort_by(|a, b| {
        b.points
            .total_cmp(&a.points)
            .then_with(|| position(&a.question).cmp(&position(&b.question)))
    });

    let unknown = items
        .iter()
        .filter(|i| i.rating == Some(Rating::JeNeSaisPas))
        .count();
    let to_verify: Vec<QuestionRef> = items
        .iter()
        .filter(|i| i.rating == Some(Rating::JeNeSaisPas) && !folded(i))
        .map(|i| question_ref(i.module, i.question))
        .collect();
    let unanswered: Vec<QuestionRef> = items
        .iter()
        .filter(|i| i.rating.is_none())
        .map(|i| question_ref(i.module, i.question))
        .collect();
    let confidence = (!items.is_empty()).then(|| {
        let sure = items.len() - unknown - unanswered.len();
        (100.0 * sure as f64 / items.len() as f64).round() as u8
    });

    let identity_missing = crate::interview::missing_identity(catalog, answers)
        .into_iter()
        .map(|q| MissingField {
            field: q.id.clone(),
            label: q.prompt.clone(),
            references: q.references.clone(),
        })
        .collect();

    // Sanctions matching the weak points, the one closest to the top of the plan first.
    let failing: Vec<&str> = actions
        .iter()
        .map(|(_, _, a)| a.question.as_str())
        .collect();
    let rank = |sanction: &Sanction| {
        sanction
            .questions
            .iter()
            .filter_map(|q| failing.iter().position(|f| f == q))
            .min()
    };
    let mut ranked: Vec<(usize, &Sanction)> = catalog
        .sanctions
        .iter()
        .filter_map(|s| rank(s).map(|r| (r, s)))
        .collect();
    ranked.sort_by(|(ra, a), (rb, b)| ra.cmp(rb).then_with(|| b.date.cmp(&a.date)));
    let sanctions = ranked
        .into_iter()
        .take(MAX_SANCTIONS)
        .map(|(_, s)| s.clone())
        .collect();

    ScoreReport {
        score,
        grade,
        grade_cap,
        confidence,
        modules,
        skipped_modules,
        actions: actions.into_iter().map(|(_, _, a)| a).collect(),
        to_verify,
        unanswered,
        not_applicable,
        lost_points,
        unmet_obligations: unmet,
        identity_missing,
        sanctions,
        vat_suggestion: match (answers.get("siren"), answers.get("tva")) {
            (Some(Answer::Text(siren)), None) => crate::validators::vat_from_siren(siren),
            _ => None,
        },
        references_reviewed: used_modules.iter().map(|m| m.reviewed.clone()).min(),
    }
}

fn question_ref(module: &Module, question: &Question) -> QuestionRef {
    QuestionRef {
        question: question.id.clone(),
        module: module.id.clone(),
        title: question.prompt.clone(),
    }
}
