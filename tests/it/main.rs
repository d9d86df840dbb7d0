//! Integration tests, in one binary to keep the build cheap.

mod answers;
mod calibration;
mod catalog;
mod cli;
mod common;
mod concurrency;
mod content;
mod customers;
mod documents;
mod e2e;
mod health;
#[cfg(unix)]
mod hostile;
mod interview;
mod members;
mod plain;
mod prospecting;
mod scan;
mod scoring;
mod services;
mod site_server;
mod store;
mod workplace;
