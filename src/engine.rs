//! The engine: the interview, the score report and its scoring, the history of runs, what a
//! scan of the live site observes, and what contradicts the answers.

pub mod contradictions;
pub mod history;
pub mod interview;
pub mod report;
pub mod scan;
pub mod scoring;
