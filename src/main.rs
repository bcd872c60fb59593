//! The `gazegraph` command: parses arguments, calls the library, prints, maps errors to exit
//! codes (0 success, 1 a `--check` found differences, 2 an error, 3 no document read).

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
    // Interrupted (Ctrl-C, SIGTERM, SIGHUP), a run removes its temporary files before it
    // exits, so an output directory never keeps half-written files; destinations are only
    // ever replaced whole. The exit status is the shell's for SIGINT.
    let _ = ctrlc::set_handler(|| {
        gazegraph::export::remove_unfinished();
        std::process::exit(130);
    });
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        // `gazegraph ... | head` closes stdout early: the reader has what it wanted, so the
        // command ends quietly and successfully, as ripgrep does.
        Err(error) if closed_pipe(&error) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}

/// Whether `error` comes from writing to a closed pipe, however deeply it is wrapped (the
/// `csv` writer, say, wraps the I/O error in its own).
fn closed_pipe(error: &anyhow::Error) -> bool {
    fn broken(error: &(dyn std::error::Error + 'static)) -> bool {
        match error.downcast_ref::<std::io::Error>() {
            Some(io) if io.kind() == std::io::ErrorKind::BrokenPipe => true,
            Some(io) => io.get_ref().is_some_and(|inner| broken(inner)),
            None => error.source().is_some_and(broken),
        }
    }
    error.chain().any(broken)
}
