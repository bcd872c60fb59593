//! Drawing DOT with the Graphviz binary.
//!
//! The DOT source goes to `dot -T<format>` on stdin (the engine is the DOT's `layout`
//! attribute); the picture comes back on stdout and is written atomically, so a failed or
//! stopped layout never leaves a half-written file.

use std::io::{ErrorKind, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::{Error, Result, UnknownName};
use crate::export::{AtomicFile, Finished};

/// Output formats [`render`] accepts.
pub const FORMATS: [&str; 3] = ["svg", "png", "pdf"];

/// Layout engines [`render`] accepts.
pub const ENGINES: [&str; 8] = [
    "dot",
    "neato",
    "fdp",
    "sfdp",
    "circo",
    "twopi",
    "osage",
    "patchwork",
];

/// [`FORMATS`] and [`ENGINES`] as error messages list them.
const FORMATS_PHRASE: &str = "svg, png or pdf";
const ENGINES_PHRASE: &str = "dot, neato, fdp, sfdp, circo, twopi, osage or patchwork";

/// The Graphviz program run; the engine is named by the DOT's `layout` attribute.
const PROGRAM: &str = "dot";

/// How a picture is made.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// Dots per inch of PNG output (`None`: Graphviz's 96).
    pub dpi: Option<u32>,
    /// Graphviz is stopped after this long.
    pub timeout: Duration,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            dpi: None,
            timeout: Duration::from_secs(120),
        }
    }
}

/// The layout engine for a graph of `nodes` and `edges`: `requested` if given and able to
/// lay it out in seconds, else the one that suits its size
/// ([`layout_for`](super::dot::layout_for)). The note says why a requested engine was
/// replaced; an unknown engine is an error.
pub fn engine_for(
    requested: Option<&str>,
    nodes: usize,
    edges: usize,
) -> Result<(&'static str, Option<String>)> {
    let suits = super::dot::layout_for(nodes);
    let Some(requested) = requested else {
        return Ok((suits, None));
    };
    let Some(&engine) = ENGINES.iter().find(|e| **e == requested) else {
        return Err(UnknownName::new("Graphviz layout engine", requested, ENGINES_PHRASE).into());
    };
    if engine == "dot" && !super::dot::dot_can_lay_out(nodes, edges) {
        let note = format!(
            "the dot engine would take minutes over {nodes} entities and {edges} edges (it lays out at most {} and {} in seconds); drawing with {suits} instead",
            super::dot::DOT_NODES,
            super::dot::DOT_EDGES
        );
        return Ok((suits, Some(note)));
    }
    Ok((engine, None))
}

/// Lays out `dot` with the engine its `layout` attribute names and writes it as `format`
/// to `output`.
///
/// Returns the lines Graphviz printed on stderr (its warnings) when it succeeded, so the
/// caller can show them; a missing Graphviz, an unknown format, a failed layout or one
/// that outlasts `options.timeout` (Graphviz is then killed) is an error, and then `output`
/// is left untouched, without any temporary file beside it.
pub fn render(dot: &str, format: &str, output: &Path, options: &Options) -> Result<Vec<String>> {
    let (file, warnings) = render_file(dot, format, output, options)?;
    file.commit()?;
    Ok(warnings)
}

/// [`render`], but the picture is left written and synced beside `output` for the caller to
/// put in place, with the rest of an [`crate::export::OutputSet`] (whose manifest then names it).
pub fn render_file(
    dot: &str,
    format: &str,
    output: &Path,
    options: &Options,
) -> Result<(Finished, Vec<String>)> {
    if !FORMATS.contains(&format) {
        return Err(UnknownName::new("picture format", format, FORMATS_PHRASE).into());
    }
    // Created first, so that an unwritable destination fails before a long layout.
    let mut file = AtomicFile::create(output)?;
    let (picture, warnings) = run(dot, format, options)?;
    file.write_all(&picture).map_err(|e| Error::io(output, e))?;
    Ok((file.finish()?, warnings))
}

/// How often a running Graphviz is checked on.
const POLL: Duration = Duration::from_millis(10);

/// The Graphviz command that writes `format`, and its command line as errors show it.
fn command(format: &str, options: &Options) -> (Command, String) {
    let mut command = Command::new(PROGRAM);
    command.arg(format!("-T{format}"));
    if let (Some(dpi), "png") = (options.dpi, format) {
        command.arg(format!("-Gdpi={dpi}"));
    }
    let shown = format!(
        "{PROGRAM} {}",
        command
            .get_args()
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    );
    (command, shown)
}

/// Runs Graphviz; returns its stdout and its stderr lines.
fn run(dot: &str, format: &str, options: &Options) -> Result<(Vec<u8>, Vec<String>)> {
    let (mut command, shown) = command(format, options);
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            ErrorKind::NotFound => Error::GraphvizMissing,
            _ => Error::io(PROGRAM, e),
        })?;
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    // Feed stdin and drain stdout and stderr on their own threads while this one watches the
    // clock, so that no pipe can fill up and stall Graphviz or us, and a layout that takes
    // too long is killed (which closes the pipes and ends the threads).
    let (written, picture, errors, status) = std::thread::scope(|s| {
        let writer = s.spawn(move || {
            let result = stdin.write_all(dot.as_bytes());
            drop(stdin);
            result
        });
        let errors = s.spawn(move || {
            let mut text = Vec::new();
            stderr.read_to_end(&mut text).map(|_| text)
        });
        let picture = s.spawn(move || {
            let mut picture = Vec::new();
            stdout.read_to_end(&mut picture).map(|_| picture)
        });
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ok(Some(status)),
                Ok(None) if started.elapsed() >= options.timeout => {
                    // Already exited if kill fails; wait reaps it either way.
                    let _ = child.kill();
                    break child.wait().map(|_| None);
                }
                Ok(None) => std::thread::sleep(POLL),
                Err(e) => break Err(e),
            }
        };
        (
            writer.join().expect("stdin writer does not panic"),
            picture.join().expect("stdout reader does not panic"),
            errors.join().expect("stderr reader does not panic"),
            status,
        )
    });
    let Some(status) = status.map_err(|e| Error::io(PROGRAM, e))? else {
        return Err(Error::GraphvizTimeout {
            command: shown,
            timeout: options.timeout,
        });
    };
    let errors = errors.map_err(|e| Error::io(PROGRAM, e))?;
    let errors = String::from_utf8_lossy(&errors);
    let lines: Vec<String> = errors
        .lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    if !status.success() {
        return Err(Error::GraphvizFailed {
            command: shown,
            status,
            detail: lines.join("\n"),
        });
    }
    // Graphviz stopping early closes its stdin; that only matters if it then reported success.
    match written {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => return Err(Error::io(PROGRAM, e)),
        _ => {}
    }
    let picture = picture.map_err(|e| Error::io(PROGRAM, e))?;
    if picture.is_empty() {
        return Err(Error::GraphvizNoOutput { command: shown });
    }
    Ok((picture, lines))
}

#[cfg(test)]
mod tests;
