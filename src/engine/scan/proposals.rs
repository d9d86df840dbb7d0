//! From observed to answers: the answers a scan proposes (kept as observations in the
//! answers file until the user confirms them), and the « déclaré / observé » contradictions
//! the score report shows as actions.

use crate::model::question_ids as ids;
use std::collections::BTreeSet;

use super::ScanReport;
use super::legal::PageKind;
use crate::model::answers::{Answer, Answers, Observation, Rating};
use crate::model::catalog::Catalog;
use crate::model::date::Date;

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
        "reseau_social" | "partage" => Some("partage"),
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
