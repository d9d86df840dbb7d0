//! Declared against observed: the answers that `vigie scan` observed on the site and that
//! contradict what the user declared. They lead the report, as checks to make, until the
//! user confirms the observation or corrects the site.

use serde::{Deserialize, Serialize};

use crate::model::answers::{Answer, Answers};
use crate::model::catalog::Catalog;
use crate::model::date::Date;

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
pub fn found(catalog: &Catalog, answers: &Answers) -> Vec<Contradiction> {
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
            declared: question.answer_text(declared),
            observed: question.answer_text(&observation.answer),
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
pub fn text(list: &[Contradiction]) -> String {
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
            crate::model::french::short_date(c.date),
            c.observed,
            c.evidence,
            c.action
        ));
    }
    out
}

/// The contradictions as a section of the Markdown report (empty when there are none).
pub fn markdown(list: &[Contradiction], md: impl Fn(&str) -> String) -> String {
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
            crate::model::french::short_date(c.date),
            md(&c.observed),
            md(&c.evidence),
            md(&c.action)
        ));
    }
    out.push('\n');
    out
}
