//! Storage: the files of the data folder (store, runs, locks, atomic writes) and the
//! organisation service that the frontends call for them.

pub mod atomic;
pub mod lock;
pub mod organisation;
pub mod organisation_report;
pub mod paths;
pub mod run;
pub mod store;
