//! The `vigie` binary: a thin shell over the library.

mod frontends;

fn main() -> std::process::ExitCode {
    frontends::cli::main()
}
