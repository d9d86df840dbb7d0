//! A health practice's patients: the patient file, appointments, secure messaging, and the information notice for the waiting room.

use super::{Processing, Reader};
use crate::model::catalog::Service;
use crate::model::question_ids as ids;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Patients {
    /// The triage says the organisation has this activity.
    pub applies: bool,
}

/// What the documents say of this activity, and the processing activities it adds to the
/// register and the privacy policy.
pub(super) fn build(r: &Reader, _declared: &[&Service]) -> (Patients, Vec<Processing>) {
    let applies = r.has(ids::SECTEUR, "sante") || r.has(ids::PROFESSION_REGLEMENTEE, "sante");
    (Patients { applies }, Vec::new())
}
