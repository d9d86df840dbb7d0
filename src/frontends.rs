//! The frontends, thin shells over the library: the command line, the line mode
//! (`--plain`) and the full-screen interface.

pub mod cli;
pub mod plain;
pub mod tui;
