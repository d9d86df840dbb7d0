//! The customer file kept outside the website (loyalty card, till software, orders by phone or message, invoices): its processing activity and what the documents say of it.

use super::{Processing, Reader};
use crate::model::catalog::Service;
use crate::model::question_ids as ids;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Customers {
    /// The triage says the organisation has this activity.
    pub applies: bool,
}

/// What the documents say of this activity, and the processing activities it adds to the
/// register and the privacy policy.
pub(super) fn build(r: &Reader, _declared: &[&Service]) -> (Customers, Vec<Processing>) {
    let applies = r.has(ids::ACTIVITES, "fichier_clients");
    (Customers { applies }, Vec::new())
}
