//! The `vigie` binary: a thin shell over the library.

mod cli;
mod plain;
mod tui;

fn main() -> std::process::ExitCode {
    cli::main()
}
