//! The model and the catalogue: the questionnaires (catalogue), the answers and their file,
//! and the small types and texts everything else builds on (dates, French wording,
//! validators, source files and their diagnostics, the sanitiser).

pub mod answers;
pub mod answers_file;
pub mod assets;
pub mod catalog;
pub mod date;
pub mod diagnostic;
pub mod french;
pub mod question_ids;
pub mod sanitize;
pub mod source;
pub mod validators;
pub mod wrap;
