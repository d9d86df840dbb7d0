//! Photos and videos where people can be recognised: consent, minors, withdrawal, the image-rights form.

use super::{Processing, Reader};
use crate::model::catalog::Service;
use crate::model::question_ids as ids;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Images {
    /// The triage says the organisation has this activity.
    pub applies: bool,
}

/// What the documents say of this activity, and the processing activities it adds to the
/// register and the privacy policy.
pub(super) fn build(r: &Reader, _declared: &[&Service]) -> (Images, Vec<Processing>) {
    let applies = r.has(ids::ACTIVITES, "photos_personnes");
    (Images { applies }, Vec::new())
}
