//! Sales concluded through messages or payment links: the consumer's information, confirmation and withdrawal right.

use super::{Processing, Reader};
use crate::model::catalog::Service;
use crate::model::question_ids as ids;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct RemoteSales {
    /// The triage says the organisation has this activity.
    pub applies: bool,
}

/// What the documents say of this activity, and the processing activities it adds to the
/// register and the privacy policy.
pub(super) fn build(r: &Reader, _declared: &[&Service]) -> (RemoteSales, Vec<Processing>) {
    let applies = r.has(ids::ACTIVITES, "vente_messages");
    (RemoteSales { applies }, Vec::new())
}
