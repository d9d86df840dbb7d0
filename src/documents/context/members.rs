//! An association's members and licensees: membership, minors, medical certificates, transmission to the federation, news to members.

use super::{Processing, Reader};
use crate::model::catalog::Service;
use crate::model::question_ids as ids;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Members {
    /// The triage says the organisation has this activity.
    pub applies: bool,
}

/// What the documents say of this activity, and the processing activities it adds to the
/// register and the privacy policy.
pub(super) fn build(r: &Reader, _declared: &[&Service]) -> (Members, Vec<Processing>) {
    let applies = r.has(ids::FORME, "association") || r.has(ids::SECTEUR, "association");
    (Members { applies }, Vec::new())
}
