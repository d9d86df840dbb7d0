//! The organisation's staff: HR and payroll, recruitment, working time, monitoring tools, and the information note for staff.

use super::{Processing, Reader};
use crate::model::catalog::Service;
use crate::model::question_ids as ids;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Staff {
    /// The triage says the organisation has this activity.
    pub applies: bool,
}

/// What the documents say of this activity, and the processing activities it adds to the
/// register and the privacy policy.
pub(super) fn build(r: &Reader, _declared: &[&Service]) -> (Staff, Vec<Processing>) {
    let applies = r.has(ids::ACTIVITES, "salaries");
    (Staff { applies }, Vec::new())
}
