//! The scoring engine: pure and deterministic. The formula is written down in
//! questionnaires/README.md ("La note"); every lost point traces back to a question.

use crate::model::question_ids as ids;
use serde::{Deserialize, Serialize};

use crate::model::answers::{Answer, Answers, Rating};
use crate::model::catalog::{
    Catalog, Condition, Effort, Level, Module, OrgSize, Question, Reference, Role, Sanction,
    Sensitivity, Severity, Visibility,
};

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

/// One item of the action plan. Fields added later read as empty from older run files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub question: String,
    pub module: String,
    pub level: Level,
    /// The severity once the organisation's sensitivity is applied.
    #[serde(default = "default_severity")]
    pub severity: Severity,
    /// The traits of the organisation that raised it, if any.
    #[serde(default)]
    pub raised_by: Vec<Sensitivity>,
    /// True when the answer was « je ne sais pas »: the first step is to check.
    #[serde(default)]
    pub verify: bool,
    /// A short imperative title (« Bloquez … », or « Vérifiez … » for a verification).
    pub title: String,
    /// The question as asked.
    #[serde(default)]
    pub question_text: String,
    pub answer: Rating,
    pub remediation: String,
    pub references: Vec<Reference>,
    pub document: Option<String>,
    pub effort: Effort,
    /// Points of the overall score this fix brings back.
    pub points: f64,
}

fn default_severity() -> Severity {
    Severity::Moderee
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
    /// What the confidence figure means, in one line.
    pub confidence_note: Option<String>,
    /// The traits of the organisation that raised severities.
    pub sensitivities: Vec<Sensitivity>,
    /// Unmet (or unchecked) critical obligations, the ones that cap the grade at D or E.
    pub critical_unmet: Vec<QuestionRef>,
    pub modules: Vec<ModuleScore>,
    pub skipped_modules: Vec<SkippedModule>,
    pub actions: Vec<Action>,
    pub to_verify: Vec<QuestionRef>,
    pub unanswered: Vec<QuestionRef>,
    pub not_applicable: Vec<QuestionRef>,
    pub lost_points: Vec<LostPoints>,
    pub unmet_obligations: usize,
    pub identity_missing: Vec<MissingField>,
    /// CNIL sanctions for failures like those of the action plan (at most five), the closest
    /// to the organisation's sector and size first, at most one against a multinational.
    pub sanctions: Vec<Sanction>,
    /// The intra-EU VAT number computed from the SIREN, offered when none was given.
    pub vat_suggestion: Option<String>,
    /// The oldest legal-review date of the modules used (AAAA-MM-JJ).
    pub references_reviewed: Option<String>,
    /// Declared answers that the last `vigie scan` of the site contradicts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contradictions: Vec<crate::engine::contradictions::Contradiction>,
}

/// One scored, visible, applicable question with its answer.
struct Item<'a> {
    module: &'a Module,
    section: &'a str,
    question: &'a Question,
    rating: Option<Rating>,
    severity: Severity,
    raised_by: Vec<Sensitivity>,
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

/// The effective weight: the question's weight times the points of its severity (once the
/// organisation's sensitivity is applied), so that exposure, not the number of questions,
/// drives the score.
pub fn effective_weight(severity: Severity, weight: u8) -> u32 {
    severity.points() * u32::from(weight)
}

/// The organisation's traits that raise severities, read from its answers.
pub fn sensitivities(visibility: &Visibility) -> Vec<Sensitivity> {
    Sensitivity::ALL
        .into_iter()
        .filter(|s| s.holds(visibility))
        .collect()
}

/// The organisation's size, as the profile gives it (none when unanswered).
fn organisation_size(visibility: &Visibility) -> Option<OrgSize> {
    match visibility.answer(ids::EFFECTIF) {
        Some(Answer::Choice(value)) => Some(match value.as_str() {
            "seul" | "de_2_a_9" => OrgSize::TresPetite,
            "plus_de_250" => OrgSize::Grande,
            _ => OrgSize::Pme,
        }),
        _ => None,
    }
}

/// The sanction sectors that describe the organisation.
fn organisation_sectors(visibility: &Visibility, sensitive: &[Sensitivity]) -> Vec<&'static str> {
    let holds = |text: &str| Condition::parse(text).is_ok_and(|c| c.evaluate(visibility));
    let mut sectors = Vec::new();
    if sensitive.contains(&Sensitivity::Sante) {
        sectors.push("sante");
    }
    for (sector, condition) in [
        (
            "association",
            r#"forme == "association" or secteur == "association""#,
        ),
        ("e_commerce", r#"canaux contains "boutique_en_ligne""#),
        (
            "prospection",
            r#"canaux contains "emailing_sms" or canaux contains "telephone""#,
        ),
        (
            "site",
            r#"canaux contains "site_vitrine" or canaux contains "boutique_en_ligne""#,
        ),
        ("videosurveillance", r#"activites contains "cameras""#),
    ] {
        if holds(condition) {
            sectors.push(sector);
        }
    }
    sectors
}

/// The one-line meaning of the confidence figure.
pub fn confidence_note(confidence: u8) -> String {
    format!(
        "{confidence} % des questions qui vous concernent ont reçu une réponse sûre ; les autres \
         (« je ne sais pas » ou sans réponse) comptent comme non remplies, et la note peut \
         changer quand vous les aurez vérifiées."
    )
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
    let sensitive = sensitivities(&visibility);
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
            let raised_by: Vec<Sensitivity> = scored
                .sensitive_to
                .iter()
                .copied()
                .filter(|s| sensitive.contains(s))
                .collect();
            let severity = if raised_by.is_empty() {
                scored.severity
            } else {
                scored.severity.raised()
            };
            items.push(Item {
                module,
                section: &section.id,
                question,
                rating,
                severity,
                raised_by,
                weight: effective_weight(severity, scored.weight),
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
    let critical_unmet: Vec<QuestionRef> = items
        .iter()
        .filter(|i| {
            i.level() == Level::Obligation && i.severity == Severity::Critique && i.halves() == 0
        })
        .map(|i| question_ref(i.module, i.question))
        .collect();
    let uncapped = score.map(Grade::from_score);
    let cap = grade_cap(critical_unmet.len(), unmet, partial);
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
            let answer = item.rating?;
            // The exposure this fix removes: severity points × weight × what is missing. An
            // unchecked answer may turn out compliant: below critical, it ranks at half.
            let verify = answer == Rating::JeNeSaisPas;
            let missing = u64::from(item.weight * (2 - item.halves()));
            let value = if verify && item.severity < Severity::Critique {
                missing
            } else {
                2 * missing
            };
            let title = match (&scored.verify, verify) {
                (Some(check), true) => check.clone(),
                (None, true) if scored.action.starts_with("Vérifiez") => scored.action.clone(),
                (None, true) => {
                    format!("Vérifiez ce point, sinon : {}", lower_first(&scored.action))
                }
                (_, false) => scored.action.clone(),
            };
            let action = Action {
                question: item.question.id.clone(),
                module: item.module.id.clone(),
                level: scored.level,
                severity: item.severity,
                raised_by: item.raised_by.clone(),
                verify,
                title,
                question_text: item.question.prompt.clone(),
                answer,
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
    // Risk first (the exposure removed), then effort, then obligations, then catalogue order.
    actions.sort_by(|(va, ia, a), (vb, ib, b)| {
        vb.cmp(va)
            .then_with(|| a.effort.cmp(&b.effort))
            .then_with(|| ia.level().cmp(&ib.level()))
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

    let identity_missing = catalog
        .missing_identity(answers)
        .into_iter()
        .map(|q| MissingField {
            field: q.id.clone(),
            label: q.prompt.clone(),
            references: q.references.clone(),
        })
        .collect();

    let failing: Vec<&str> = actions
        .iter()
        .map(|(_, _, a)| a.question.as_str())
        .collect();
    let sanctions = closest_sanctions(
        &catalog.sanctions,
        &failing,
        organisation_size(&visibility),
        &organisation_sectors(&visibility, &sensitive),
    );

    ScoreReport {
        score,
        grade,
        grade_cap,
        confidence,
        confidence_note: confidence.map(confidence_note),
        sensitivities: sensitive,
        critical_unmet,
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
        vat_suggestion: match (answers.get(ids::SIREN), answers.get(ids::TVA)) {
            (Some(Answer::Text(siren)), None) => crate::model::validators::vat_from_siren(siren),
            _ => None,
        },
        references_reviewed: used_modules.iter().map(|m| m.reviewed.clone()).min(),
        contradictions: crate::engine::contradictions::found(catalog, answers),
    }
}

/// The best grade allowed, and why: several unmet critical obligations cap at E, one at D,
/// any other unmet obligation at C, an obligation met in part at B.
fn grade_cap(critical: usize, unmet: usize, partial: usize) -> Option<(Grade, String)> {
    let s = crate::model::french::plural;
    if critical > 1 {
        Some((
            Grade::E,
            format!(
                "{critical} obligations critiques non remplies (ou non vérifiées) : la lettre ne peut pas dépasser E"
            ),
        ))
    } else if critical == 1 {
        Some((
            Grade::D,
            "une obligation critique non remplie (ou non vérifiée) : la lettre ne peut pas dépasser D"
                .to_string(),
        ))
    } else if unmet > 0 {
        Some((
            Grade::C,
            format!(
                "{unmet} obligation{s} légale{s} non remplie{s} (ou non vérifiée{s}) : la lettre ne peut pas dépasser C",
                s = s(unmet)
            ),
        ))
    } else if partial > 0 {
        Some((
            Grade::B,
            format!(
                "{partial} obligation{s} légale{s} remplie{s} en partie seulement : la lettre ne peut pas dépasser B",
                s = s(partial)
            ),
        ))
    } else {
        None
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// How far a sanctioned organisation's size is from the user's (0 = same size).
fn size_distance(sanction: OrgSize, organisation: Option<OrgSize>) -> u8 {
    let rank = |size: OrgSize| match size {
        OrgSize::TresPetite => 0u8,
        OrgSize::Pme => 1,
        OrgSize::Grande => 2,
        OrgSize::Multinationale => 4,
    };
    rank(sanction).abs_diff(rank(organisation.unwrap_or(OrgSize::TresPetite)))
}

/// The sanctions for failures of the plan, closest to the organisation first: sharing a
/// sector, then nearest in size, then matching the highest action, then the most recent.
/// At most one against a multinational, unless nothing else matches.
fn closest_sanctions(
    sanctions: &[Sanction],
    failing: &[&str],
    size: Option<OrgSize>,
    sectors: &[&str],
) -> Vec<Sanction> {
    let rank = |sanction: &Sanction| {
        sanction
            .questions
            .iter()
            .filter_map(|q| failing.iter().position(|f| f == q))
            .min()
    };
    let mut ranked: Vec<(bool, u8, usize, &Sanction)> = sanctions
        .iter()
        .filter_map(|s| {
            let first = rank(s)?;
            let shares_sector = s.sectors.iter().any(|x| sectors.contains(&x.as_str()));
            // A health practice's sanction speaks only to those who hold health data.
            if s.sectors.iter().all(|x| x == "sante") && !s.sectors.is_empty() && !shares_sector {
                return None;
            }
            Some((!shares_sector, size_distance(s.size, size), first, s))
        })
        .collect();
    ranked.sort_by(|a, b| {
        (a.0, a.1, a.2)
            .cmp(&(b.0, b.1, b.2))
            .then_with(|| b.3.date.cmp(&a.3.date))
    });
    let (global, others): (Vec<_>, Vec<_>) = ranked
        .into_iter()
        .map(|(_, _, _, s)| s)
        .partition(|s| s.size == OrgSize::Multinationale);
    let allowed_global = if others.is_empty() { MAX_SANCTIONS } else { 1 };
    others
        .into_iter()
        .take(MAX_SANCTIONS)
        .chain(global.into_iter().take(allowed_global))
        .take(MAX_SANCTIONS)
        .cloned()
        .collect()
}

fn question_ref(module: &Module, question: &Question) -> QuestionRef {
    QuestionRef {
        question: question.id.clone(),
        module: module.id.clone(),
        title: question.prompt.clone(),
    }
}
