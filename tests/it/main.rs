//! Integration tests, in one binary to keep the build cheap.

mod answers;
mod calibration;
mod catalog;
mod cli;
mod common;
mod concurrency;
mod content;
mod documents;
mod e2e;
#[cfg(unix)]
mod hostile;
mod interview;
mod plain;
mod prospecting;
mod scan;
mod scoring;
mod site_server;
mod store;
