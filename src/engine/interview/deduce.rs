//! Answers that follow from earlier ones: from the services declared in the triage
//! (`deduce` in the catalogue: the trackers and their kinds, the social networks, the host,
//! the health-data hosting),
//! and the details of a page or practice the user said they do not have (`details_of`).
//! They are recorded for the user, never asked, shown as « déduit de vos services » (or « de
//! votre réponse »), and can be changed; an answer the user changed is theirs and is never
//! replaced.

use std::collections::BTreeSet;

use crate::model::answers::{Answer, Answers, Rating};
use crate::model::catalog::{Catalog, Deduce, Question, Service};

/// The id of the triage question that lists the services used.
pub const SERVICES: &str = "services";

/// Where a deduced answer comes from, as the frontends say it.
pub fn origin(question: &Question) -> &'static str {
    if question.details_of.is_some() {
        "déduit de votre réponse précédente"
    } else {
        "déduit de vos services"
    }
}

/// The services these answers declare, as known to the catalogue.
fn declared<'c>(catalog: &'c Catalog, answers: &Answers) -> Vec<&'c Service> {
    match answers.get(SERVICES) {
        Some(Answer::Multi(ids)) => ids.iter().filter_map(|id| catalog.service(id)).collect(),
        _ => Vec::new(),
    }
}

/// The answer `question` takes from the declared services, if it has a rule and the
/// services settle it; `None` before the services are declared.
pub fn deduction(catalog: &Catalog, answers: &Answers, question: &Question) -> Option<Answer> {
    if let Some(gate) = &question.details_of
        && let Some(Answer::Rating(rating @ (Rating::Non | Rating::JeNeSaisPas))) =
            catalog.visibility(answers).answer(gate)
    {
        // A detail of a page or a practice the user does not have (or does not know of).
        return Some(Answer::Rating(*rating));
    }
    let rule = question.deduce?;
    answers.get(SERVICES)?;
    let services = declared(catalog, answers);
    let needs_consent = |category: &str| {
        services
            .iter()
            .any(|s| s.category == category && s.consent_required)
    };
    match rule {
        Deduce::Traceurs => services
            .iter()
            .any(|s| s.consent_required)
            .then(|| Answer::Choice("oui".into())),
        Deduce::TypesTraceurs => {
            let kinds: BTreeSet<String> = [
                ("mesure_audience", "mesure_audience"),
                ("publicite", "publicite"),
                ("contenu_integre", "contenus_integres"),
                ("partage", "partage"),
            ]
            .into_iter()
            .filter(|(category, _)| needs_consent(category))
            .map(|(_, kind)| kind.to_string())
            .filter(|kind| question.options().iter().any(|o| &o.value == kind))
            .collect();
            (!kinds.is_empty()).then_some(Answer::Multi(kinds))
        }
        Deduce::Reseaux => {
            let ticked: BTreeSet<String> = question
                .options()
                .iter()
                .filter(|o| {
                    services
                        .iter()
                        .any(|s| s.category == "reseau_social" && s.id == o.value)
                })
                .map(|o| o.value.clone())
                .collect();
            (!ticked.is_empty()).then_some(Answer::Multi(ticked))
        }
        Deduce::HebergeurConnu => host(&services).map(|_| Answer::Rating(Rating::Conforme)),
        // The legal notice names the company, when the catalogue knows it.
        Deduce::Hebergeur => host(&services)
            .map(|s| Answer::Text(s.entity.clone().unwrap_or_else(|| s.name.clone()))),
        Deduce::Https => host(&services)
            .filter(|s| s.https)
            .map(|_| Answer::Rating(Rating::Conforme)),
        Deduce::Hds => {
            let mut health = services
                .iter()
                .filter(|s| HEALTH_CATEGORIES.contains(&s.category.as_str()))
                .peekable();
            (health.peek().is_some() && health.all(|s| s.hds))
                .then_some(Answer::Rating(Rating::Conforme))
        }
    }
}

/// The categories of services that may hold health data (patients' appointments, files,
/// messages): the `hds` rule asks each of them to be a certified health-data host.
const HEALTH_CATEGORIES: [&str; 2] = ["sante", "rendez_vous"];

/// The one host declared, or without one the one site builder (which hosts the site).
fn host<'c>(services: &[&'c Service]) -> Option<&'c Service> {
    let only = |category: &str| {
        let mut found = services.iter().filter(|s| s.category == category);
        match (found.next(), found.next()) {
            (Some(one), None) => Some(*one),
            _ => None,
        }
    };
    let hosts = services
        .iter()
        .filter(|s| s.category == "hebergement")
        .count();
    if hosts > 0 {
        only("hebergement")
    } else {
        only("createur_site")
    }
}

/// Is the answer to `id` the one deduced from the services (so not asked)?
pub fn is_deduced(catalog: &Catalog, answers: &Answers, id: &str) -> bool {
    catalog
        .question(id)
        .and_then(|q| deduction(catalog, answers, q))
        .is_some_and(|deduced| answers.get(id) == Some(&deduced))
}

/// Records every deduction the answers leave unanswered, as the interview would have: for
/// an answers file read by `vigie score`, `generate` or `import`, so that they agree with the
/// interface and the line mode. Returns the ids filled.
pub fn fill(catalog: &Catalog, answers: &mut Answers) -> Vec<String> {
    apply(catalog, &Answers::new(), answers)
}

/// Records what the services imply, after the answers changed from `before`: a question
/// unanswered, or still holding what the previous services implied, takes the new
/// deduction (or loses its answer when nothing is implied any more). An answer the user
/// gave otherwise is kept. Returns the ids changed.
pub fn apply(catalog: &Catalog, before: &Answers, answers: &mut Answers) -> Vec<String> {
    let mut changed = Vec::new();
    for (_, _, question) in catalog.questions() {
        if question.deduce.is_none() && question.details_of.is_none() {
            continue;
        }
        let old = deduction(catalog, before, question);
        let new = deduction(catalog, answers, question);
        let current = answers.get(&question.id).cloned();
        let ours = current.is_none() || current == old;
        if !ours || current == new {
            continue;
        }
        match new {
            Some(answer) => answers.set(question.id.clone(), answer),
            None => {
                answers.remove(&question.id);
            }
        }
        changed.push(question.id.clone());
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::assets::load_catalog;

    fn with_services(ids: &[&str]) -> Answers {
        let mut answers = Answers::new();
        answers.set(
            SERVICES,
            Answer::Multi(ids.iter().map(|s| s.to_string()).collect()),
        );
        answers
    }

    fn multi(values: &[&str]) -> Answer {
        Answer::Multi(values.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn the_hairdressers_services_answer_what_they_imply() {
        let catalog = load_catalog(None).unwrap();
        let services = [
            "wix",
            "google_analytics",
            "google_maps",
            "planity",
            "instagram",
            "facebook",
            "brevo",
        ];
        let mut answers = with_services(&services);
        apply(&catalog, &Answers::new(), &mut answers);
        assert_eq!(answers.get("traceurs"), Some(&Answer::Choice("oui".into())));
        assert_eq!(
            answers.get("ck_types"),
            Some(&multi(&["contenus_integres", "mesure_audience"]))
        );
        assert_eq!(
            answers.get("rs_reseaux"),
            Some(&multi(&["facebook", "instagram"]))
        );
        assert_eq!(
            answers.get("hebergeur_nom"),
            Some(&Answer::Text("Wix.com Ltd.".into()))
        );
        assert_eq!(
            answers.get("sv_hebergement_connu"),
            Some(&Answer::Rating(Rating::Conforme))
        );
        for id in ["traceurs", "ck_types", "rs_reseaux", "hebergeur_nom"] {
            assert!(is_deduced(&catalog, &answers, id), "{id}");
        }
    }

    #[test]
    fn health_data_hosting_follows_from_certified_booking_and_health_services() {
        let catalog = load_catalog(None).unwrap();
        let question = catalog.question("st_hebergement_hds").unwrap();
        let deduced = |ids: &[&str]| deduction(&catalog, &with_services(ids), question);
        // A practice whose only health or booking tool is Doctolib, certified HDS.
        assert_eq!(
            deduced(&["ovhcloud", "doctolib"]),
            Some(Answer::Rating(Rating::Conforme))
        );
        // Calendly beside it is not known to be certified: the question is asked.
        assert_eq!(deduced(&["doctolib", "calendly"]), None);
        // A medical software whose certification no source establishes: asked too.
        assert_eq!(deduced(&["doctolib", "weda"]), None);
        // No health or booking tool at all: nothing to deduce, never a « conforme ».
        assert_eq!(deduced(&["ovhcloud", "brevo"]), None);
        assert_eq!(deduced(&[]), None);
        // Recorded as the interview would, and shown as deduced.
        let mut answers = with_services(&["doctolib"]);
        assert_eq!(fill(&catalog, &mut answers), ["st_hebergement_hds"]);
        assert!(is_deduced(&catalog, &answers, "st_hebergement_hds"));
        // A non-certified booking tool added later takes the deduction back.
        let before = answers.clone();
        answers.set(SERVICES, multi(&["doctolib", "planity"]));
        apply(&catalog, &before, &mut answers);
        assert_eq!(answers.get("st_hebergement_hds"), None);
    }

    #[test]
    fn share_buttons_that_track_tick_the_sharing_tracker_kind() {
        let catalog = load_catalog(None).unwrap();
        let mut answers = with_services(&["wix", "sharethis"]);
        apply(&catalog, &Answers::new(), &mut answers);
        assert_eq!(answers.get("ck_types"), Some(&multi(&["partage"])));
        assert_eq!(answers.get("traceurs"), Some(&Answer::Choice("oui".into())));
    }

    #[test]
    fn a_changed_answer_is_kept_and_a_deduced_one_follows_the_services() {
        let catalog = load_catalog(None).unwrap();
        let mut answers = with_services(&["instagram", "google_analytics"]);
        apply(&catalog, &Answers::new(), &mut answers);
        // The user adds LinkedIn by hand: no longer a deduction, never replaced.
        answers.set("rs_reseaux", multi(&["instagram", "linkedin"]));
        assert!(!is_deduced(&catalog, &answers, "rs_reseaux"));
        let before = answers.clone();
        answers.set(SERVICES, multi(&["instagram", "facebook"]));
        let changed = apply(&catalog, &before, &mut answers);
        assert_eq!(
            answers.get("rs_reseaux"),
            Some(&multi(&["instagram", "linkedin"]))
        );
        // Google Analytics removed: no tracker needing consent is declared any more, so
        // the question is asked again instead of keeping a stale « oui ».
        assert_eq!(answers.get("traceurs"), None);
        assert!(changed.contains(&"traceurs".to_string()), "{changed:?}");
        // Two hosts: which one hosts the site is not known.
        let before = answers.clone();
        answers.set(SERVICES, multi(&["ovhcloud", "o2switch"]));
        apply(&catalog, &before, &mut answers);
        assert_eq!(answers.get("hebergeur_nom"), None);
    }
}
