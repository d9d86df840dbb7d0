//! Cameras on the premises (vidéoprotection): regime, authorisation, retention, the sign.

use super::{Processing, Reader};
use crate::model::catalog::Service;
use crate::model::question_ids as ids;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Cameras {
    /// The triage says the organisation has this activity.
    pub applies: bool,
}

/// What the documents say of this activity, and the processing activities it adds to the
/// register and the privacy policy.
pub(super) fn build(r: &Reader, _declared: &[&Service]) -> (Cameras, Vec<Processing>) {
    let applies = r.has(ids::ACTIVITES, "cameras");
    (Cameras { applies }, Vec::new())
}
