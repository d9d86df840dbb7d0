//! Integration tests, in one binary to keep the build cheap.

mod answers;
mod catalog;
mod cli;
mod common;
mod content;
mod documents;
mod e2e;
mod interview;
mod plain;
mod scoring;
mod store;
