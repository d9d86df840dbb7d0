//! vigie: the engine behind the RGPD self-assessment of small French organisations.
//!
//! The library holds everything but the terminal, in layers: the model and the catalogue,
//! the engine (interview, scoring, report, history, scan), the documents, and the storage
//! with the organisation service. The binary's frontends (commands, line mode, interface)
//! are thin shells over it.

pub mod documents;
pub mod engine;
pub mod model;
pub mod storage;
