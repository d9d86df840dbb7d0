//! From observed to answers: the answers a scan proposes (kept as observations in the
//! answers file until the user confirms them), and the « déclaré / observé » contradictions
//! the score report shows as actions.

use crate::catalog::ids;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::ScanReport;
use super::legal::PageKind;
use crate::answers::{Answer, Answers, Observation, Rating};
use crate::catalog::Catalog;
use crate::date::Date;
use crate::store::{Store, StoreError};

/// One proposed answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    pub question: String,
    pub answer: Answer,
    pub evidence: String,
}

/// The `ck_types` option of a service category, for services that track.
fn tracker_type(category: &str) -> Option<&'static str> {
    match category {
        "mesure_audience" => Some("mesure_audience"),
        "publicite" => Some("publicite"),
        "contenu_integre" => Some("contenus_integres"),
        "reseau_social" => Some("partage"),
        "relation_client" => Some("autre"),
        _ => None,
    }
}

fn multi(current: Option<&Answer>) -> BTreeSet<String> {
    match current {
        Some(Answer::Multi(values)) => values.clone(),
        _ => BTreeSet::new(),
    }
}

/// The answers the scan supports, that differ from the current ones and whose questions
/// apply (once the earlier proposals are taken into account).
pub fn propose(catalog: &Catalog, report: &ScanReport, current: &Answers) -> Vec<Proposal> {
    let mut candidates: Vec<Proposal> = Vec::new();
    let mut push = |question: &str, answer: Answer, evidence: String| {
        candidates.push(Proposal {
            question: question.to_string(),
            answer,
            evidence,
        });
    };
    let first = |service: &super::ServiceSeen| {
        service
            .evidence
            .first()
            .map_or(String::new(), |e| format!(" ({} {})", e.how, e.what))
    };
    if !report.services.is_empty() {
        let mut services = multi(current.get(ids::SERVICES));
        services.extend(report.services.iter().map(|s| s.id.clone()));
        let seen: Vec<String> = report
            .services
            .iter()
            .map(|s| format!("{}{}", s.name, first(s)))
            .collect();
        push(
            "services",
            Answer::Multi(services),
            format!("services reconnus : {}", seen.join(" ; ")),
        );
    }
    let trackers: Vec<&super::ServiceSeen> = report.services.iter().filter(|s| s.tracker).collect();
    if !trackers.is_empty() {
        let names: Vec<String> = trackers
            .iter()
            .map(|s| format!("{}{}", s.name, first(s)))
            .collect();
        push(
            "traceurs",
            Answer::Choice("oui".into()),
            format!("traceurs reconnus : {}", names.join(" ; ")),
        );
        let mut types = multi(current.get(ids::CK_TYPES));
        types.remove("inconnu");
        types.extend(
            report
                .services
                .iter()
                .filter(|s| s.tracker || s.category == "mesure_audience")
                .filter_map(|s| tracker_type(&s.category).map(String::from)),
        );
        push(
            "ck_types",
            Answer::Multi(types),
            format!("traceurs reconnus : {}", names.join(" ; ")),
        );
    }
    let early: Vec<String> = report
        .trackers_before_consent()
        .map(|s| format!("{}{}", s.name, first(s)))
        .collect();
    if !early.is_empty() {
        push(
            "ck_consentement_prealable",
            Answer::Rating(Rating::Non),
            format!(
                "des traceurs sont déposés avant le consentement : {}",
                early.join(" ; ")
            ),
        );
    }
    let read: Vec<&super::PageReport> = report.read_pages().collect();
    let legal_page = read.iter().find(|p| p.kind == PageKind::MentionsLegales);
    if let Some(page) = legal_page {
        push(
            "sv_ml_presentes",
            Answer::Rating(Rating::Conforme),
            format!("page de mentions légales : {}", page.final_url),
        );
        let missing = |ids: &[&str]| -> Vec<&str> {
            page.legal_notice
                .iter()
                .flatten()
                .filter(|e| ids.contains(&e.id) && !e.found)
                .map(|e| e.label)
                .collect()
        };
        for (question, ids) in [
            ("sv_ml_directeur", &["directeur_publication"][..]),
            ("sv_ml_immatriculation", &["immatriculation"][..]),
            (
                "sv_ml_hebergeur",
                &["hebergeur", "hebergeur_adresse", "hebergeur_telephone"][..],
            ),
        ] {
            let absent = missing(ids);
            if !absent.is_empty() {
                push(
                    question,
                    Answer::Rating(Rating::Non),
                    format!("non trouvé dans {} : {}", page.final_url, absent.join(", ")),
                );
            }
        }
    }
    for (question, pick) in [("sv_ml_acces", 0), ("sv_pc_acces", 1)] {
        let lacking: Vec<&str> = read
            .iter()
            .filter(|p| {
                let links = &p.legal_links;
                [&links.mentions_legales, &links.confidentialite][pick].is_none()
            })
            .map(|p| p.final_url.as_str())
            .collect();
        if !lacking.is_empty() && !read.is_empty() {
            push(
                question,
                Answer::Rating(Rating::Non),
                format!("pas de lien sur : {}", lacking.join(", ")),
            );
        }
    }
    for (question, id) in [
        ("sv_perime_cnil", "declaration_cnil"),
        ("sv_perime_rll", "lien_odr"),
        ("sv_perime_article", "article_6_iii"),
    ] {
        if let Some((page, outdated)) = read
            .iter()
            .find_map(|p| p.outdated.iter().find(|o| o.id == id).map(|o| (p, o)))
        {
            push(
                question,
                Answer::Rating(Rating::Non),
                format!("{} sur {}", outdated.seen, page.final_url),
            );
        }
    }
    if let Some(page) = read
        .iter()
        .find(|p| p.kind == PageKind::Contact && p.forms.iter().any(|f| !f.notice_nearby))
    {
        push(
            "sv_mention_contact",
            Answer::Rating(Rating::Non),
            format!(
                "formulaire sans mention d'information à proximité sur {}",
                page.final_url
            ),
        );
    }
    // Keep the proposals whose questions apply and that change something.
    let mut simulated = current.clone();
    let mut kept = Vec::new();
    for proposal in candidates {
        simulated.set(proposal.question.clone(), proposal.answer.clone());
        let visible = catalog
            .visibility(&simulated)
            .is_visible(&proposal.question);
        if visible && current.get(&proposal.question) != Some(&proposal.answer) {
            kept.push(proposal);
        }
    }
    kept
}

/// Replaces the pending observations of `answers` by these proposals, dated `date`.
pub fn record(answers: &mut Answers, proposals: &[Proposal], date: Date) {
    answers.clear_observations();
    for proposal in proposals {
        answers.observe(
            proposal.question.clone(),
            Observation {
                answer: proposal.answer.clone(),
                date,
                evidence: proposal.evidence.clone(),
            },
        );
    }
}

/// Records in the organisation's answers file the proposals of a scan (replacing earlier
/// ones); returns them with the answers as they were before, which are left unchanged.
pub fn record_for(
    store: &Store,
    catalog: &Catalog,
    slug: &str,
    report: &ScanReport,
) -> Result<(Answers, Vec<Proposal>), StoreError> {
    // Read just before writing, under the organisation's lock: the answers may have changed
    // while the site was read, and another process may be saving them.
    store.locked(slug, || {
        let mut answers = store.load_answers(slug, catalog)?.answers;
        let before = answers.clone();
        let proposed = propose(catalog, report, &answers);
        record(&mut answers, &proposed, report.date);
        store.save_answers(slug, &answers, catalog)?;
        Ok((before, proposed))
    })?
}

/// Confirms every pending observation of the organisation: each becomes its answer, dated
/// `today`; returns how many.
pub fn apply_all(
    store: &Store,
    catalog: &Catalog,
    slug: &str,
    today: Date,
) -> Result<usize, StoreError> {
    store.locked(slug, || {
        let mut answers = store.load_answers(slug, catalog)?.answers;
        let ids: Vec<String> = answers.observations().keys().cloned().collect();
        for id in &ids {
            answers.accept_observation(id, today);
        }
        store.save_answers(slug, &answers, catalog)?;
        Ok(ids.len())
    })?
}

/// A declared answer that the site contradicts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Contradiction {
    pub question: String,
    pub title: String,
    pub declared: String,
    pub observed: String,
    pub date: Date,
    pub evidence: String,
    pub action: String,
}

/// The observations of the answers file that contradict a declared answer, in catalogue
/// order. An observation on an unanswered or hidden question is a proposal, not a
/// contradiction.
pub fn contradictions(catalog: &Catalog, answers: &Answers) -> Vec<Contradiction> {
    let mut out = Vec::new();
    let visibility = catalog.visibility(answers);
    for (_, _, question) in catalog.questions() {
        let id = &question.id;
        let (Some(observation), Some(declared)) = (answers.observations().get(id), answers.get(id))
        else {
            continue;
        };
        if !visibility.is_visible(id) {
            continue;
        }
        let differs = match (declared, &observation.answer) {
            (Answer::Multi(declared), Answer::Multi(observed)) => !observed.is_subset(declared),
            (declared, observed) => declared != observed,
        };
        if !differs {
            continue;
        }
        out.push(Contradiction {
            question: id.clone(),
            title: question.prompt.clone(),
            declared: declared.display(question),
            observed: observation.answer.display(question),
            date: observation.date,
            evidence: observation.evidence.clone(),
            action: "Vérifiez votre site : si l'observation est juste, confirmez-la (« Analyser \
                     mon site », touche a de l'accueil, ou vigie scan ADRESSE --org ORGANISATION \
                     --apply) puis suivez le plan d'action ; sinon, relancez l'analyse après avoir \
                     corrigé le site."
                .to_string(),
        });
    }
    out
}

/// The contradictions as a section of the text report (empty when there are none).
pub fn contradictions_text(list: &[Contradiction]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let mut out = format!(
        "\nDéclaré / observé : à vérifier en premier ({})\n",
        list.len()
    );
    for (i, c) in list.iter().enumerate() {
        out.push_str(&format!(
            "{}. {}\n   Déclaré : {} — observé le {} : {}\n   Preuve : {}\n   À faire : {}\n",
            i + 1,
            c.title,
            c.declared,
            crate::french::short_date(c.date),
            c.observed,
            c.evidence,
            c.action
        ));
    }
    out
}

/// The contradictions as a section of the Markdown report (empty when there are none).
pub fn contradictions_markdown(list: &[Contradiction], md: impl Fn(&str) -> String) -> String {
    if list.is_empty() {
        return String::new();
    }
    let mut out = "## Déclaré / observé\n\n".to_string();
    for (i, c) in list.iter().enumerate() {
        out.push_str(&format!(
            "{}. **{}**  \n   Déclaré : {} — observé le {} : {}  \n   Preuve : {}  \n   À faire : {}\n",
            i + 1,
            md(&c.title),
            md(&c.declared),
            crate::french::short_date(c.date),
            md(&c.observed),
            md(&c.evidence),
            md(&c.action)
        ));
    }
    out.push('\n');
    out
}
