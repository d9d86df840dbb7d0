//! vigie: the engine behind the RGPD self-assessment of small French organisations.
//!
//! The library holds everything but the terminal: the questionnaire catalogue and its
//! validation, the answers file, the scoring engine and the score report. The binary is a
//! thin shell over it.

pub mod answers;
pub mod answers_file;
pub mod assets;
pub mod atomic;
pub mod budget;
pub mod catalog;
pub mod contradictions;
pub mod date;
pub mod diagnostic;
pub mod documents;
pub mod french;
pub mod history;
pub mod interview;
pub mod lock;
pub mod organisation;
pub mod paths;
pub mod question_ids;
pub mod report;
pub mod run;
pub mod sanitize;
pub mod scan;
pub mod scoring;
pub mod source;
pub mod store;
pub mod validators;
pub mod wrap;
