//! The `gazegraph` command: parses arguments, calls the library, prints, maps errors to exit
//! codes (0 success, 1 a `--check` found differences, 2 an error).

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// jemalloc's per-thread caches suit the pipeline, where documents are allocated on the
/// reader thread, annotated on the workers and freed on the calling thread: against the
/// system allocator it cut `build`'s CPU time by an eighth, peak RSS about the same
/// (BENCHMARKS.md).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

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
