//! The `gazegraph` command: parses arguments, calls the library, prints, maps errors to exit
//! codes (0 success, 1 a `--check` found differences, 2 an error).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
