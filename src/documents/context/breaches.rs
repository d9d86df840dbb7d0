//! Personal data breaches: the internal register, notification to the CNIL, informing the people concerned.
//!
//! Every controller documents its breaches, notified or not (GDPR art. 33.5): the register and
//! its procedure apply to every organisation (legal-facts-2 §11.1; document-checklists N).

use super::{Claim, Processing, Reader, service_view};
use crate::model::catalog::{Service, ServiceRole};
use crate::model::question_ids as ids;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Breaches {
    /// Always: every controller keeps the register (GDPR art. 33.5).
    pub applies: bool,
    /// The procedure of the register is known to everyone who handles the data.
    pub procedure_known: Claim,
    /// Every breach is written in the register, notified or not.
    pub register_kept: Claim,
    /// The declared services that process data on the organisation's behalf, who must warn it
    /// of a breach (GDPR art. 33.2), each named once.
    pub processors: Vec<String>,
}

/// What the documents say of this activity, and the processing activities it adds to the
/// register and the privacy policy (none: the breach register is not a purpose of its own).
pub(super) fn build(r: &Reader, declared: &[&Service]) -> (Breaches, Vec<Processing>) {
    let mut processors: Vec<String> = Vec::new();
    for service in declared
        .iter()
        .filter(|s| s.role == ServiceRole::SousTraitant)
    {
        let label = service_view(service).label;
        if !processors.contains(&label) {
            processors.push(label);
        }
    }
    let breaches = Breaches {
        applies: true,
        procedure_known: r.claim(
            ids::GV_VIOLATION_PROCEDURE,
            "la procédure ci-dessous est connue de chaque personne qui manie des données pour nous",
        ),
        register_kept: r.claim(
            ids::GV_VIOLATION_REGISTRE,
            "chaque violation de données est notée dans ce registre, y compris celles qui ne sont pas notifiées à la CNIL",
        ),
        processors,
    };
    (breaches, Vec::new())
}
