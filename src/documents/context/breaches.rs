//! Personal data breaches: the internal register, notification to the CNIL, informing the people concerned.

use super::{Processing, Reader};
use crate::model::catalog::Service;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Breaches {
    /// The triage says the organisation has this activity.
    pub applies: bool,
}

/// What the documents say of this activity, and the processing activities it adds to the
/// register and the privacy policy.
pub(super) fn build(_r: &Reader, _declared: &[&Service]) -> (Breaches, Vec<Processing>) {
    let applies = false;
    (Breaches { applies }, Vec::new())
}
