//! Drawing DOT with the Graphviz binary.
//!
//! The DOT source goes to `dot -T<format>` on stdin (the engine is the DOT's `layout`
//! attribute); the picture comes back on stdout and is written atomically, so a failed or
//! stopped layout never leaves a half-written file.

use std::io::{ErrorKind, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
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
        return Err(Error::Invalid(format!(
            "unknown Graphviz layout engine `{requested}`: use {}",
            ENGINES.join(", ")
        )));
    };
    if engine == "dot" && !super::dot::dot_can_lay_out(nodes, edges) {
        let note = format!(
            "the dot engine would take minutes over {nodes} entities and {edges} edges (it lays out at most {} and {} in seconds); drawing with {suits} instead (filter the graph, e.g. --top 60, to use dot)",
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
        return Err(Error::Invalid(format!(
            "unknown picture format `{format}`: use {}",
            FORMATS.join(", ")
        )));
    }
    // Created first, so that an unwritable destination fails before a long layout.
    let mut file = AtomicFile::create(output)?;
    let (picture, warnings) = run(dot, format, options)?;
    file.write_all(&picture).map_err(|e| Error::io(output, e))?;
    Ok((file.finish()?, warnings))
}

/// How often a running Graphviz is checked on.
const POLL: Duration = Duration::from_millis(10);

/// Runs Graphviz; returns its stdout and its stderr lines.
fn run(dot: &str, format: &str, options: &Options) -> Result<(Vec<u8>, Vec<String>)> {
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
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            ErrorKind::NotFound => Error::Invalid(
                "Graphviz `dot` was not found on PATH; install it (Debian/Ubuntu: apt-get install graphviz)".to_owned(),
            ),
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
        return Err(Error::Invalid(format!(
            "Graphviz `{shown}` was stopped after {} s without finishing the layout; draw fewer entities (--top N, --min-count N) or another engine (--engine sfdp)",
            options.timeout.as_secs_f64()
        )));
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
        let detail = if lines.is_empty() {
            "no message".to_owned()
        } else {
            lines.join("\n")
        };
        return Err(Error::Invalid(format!(
            "Graphviz `{shown}` failed ({status}): {detail}"
        )));
    }
    // Graphviz stopping early closes its stdin; that only matters if it then reported success.
    match written {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => return Err(Error::io(PROGRAM, e)),
        _ => {}
    }
    let picture = picture.map_err(|e| Error::io(PROGRAM, e))?;
    if picture.is_empty() {
        return Err(Error::Invalid(format!(
            "Graphviz `{shown}` produced no output"
        )));
    }
    Ok((picture, lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graphviz_installed() -> bool {
        Command::new(PROGRAM).arg("-V").output().is_ok()
    }

    fn render_default(dot: &str, format: &str, out: &Path) -> Result<Vec<String>> {
        render(dot, format, out, &Options::default())
    }

    #[test]
    fn unknown_format_and_engine_are_errors_listing_the_choices() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("g.gif");
        let err = render_default("digraph {}", "gif", &out)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("`gif`") && err.contains("svg, png, pdf"),
            "{err}"
        );
        let err = engine_for(Some("spring"), 1, 1).unwrap_err().to_string();
        assert!(err.contains("`spring`") && err.contains("sfdp"), "{err}");
        assert!(!out.exists());
        // An unwritable destination fails before any layout.
        let missing = Path::new("/nonexistent/dir/g.svg");
        let err = render_default("digraph {}", "svg", missing)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("/nonexistent/dir"), "{err}");
    }

    #[test]
    fn dot_on_a_graph_too_large_for_it_is_switched_with_a_note() {
        assert_eq!(engine_for(Some("dot"), 30, 80).unwrap(), ("dot", None));
        assert_eq!(engine_for(None, 30, 80).unwrap(), ("neato", None));
        let (engine, note) = engine_for(Some("dot"), 409, 1710).unwrap();
        assert_eq!(engine, "sfdp");
        let note = note.unwrap();
        assert!(
            note.contains("409 entities") && note.contains("sfdp"),
            "{note}"
        );
        assert_eq!(
            engine_for(Some("circo"), 409, 1710).unwrap(),
            ("circo", None)
        );
    }

    #[test]
    fn renders_svg_and_reports_failures_with_stderr() {
        if !graphviz_installed() {
            // The integration tests insist on Graphviz; here, only its absence is checked.
            let err = render_default("digraph {}", "svg", Path::new("x.svg")).unwrap_err();
            assert!(
                err.to_string().contains("apt-get install graphviz"),
                "{err}"
            );
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("g.svg");
        let dot = crate::export::dot::to_dot(&crate::export::dot::sample());
        let warnings = render_default(&dot, "svg", &out).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let svg = std::fs::read_to_string(&out).unwrap();
        assert!(svg.contains("<svg") && svg.contains("Erdoğan"), "{svg}");

        std::fs::write(&out, "old").unwrap();
        let err = render_default("digraph { a -> }", "svg", &out)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("failed") && err.contains("syntax error"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_layout_past_the_time_limit_is_stopped_leaving_nothing_behind() {
        if !graphviz_installed() {
            return;
        }
        // A complete graph of 300 nodes with curved routing keeps `dot` busy for minutes.
        let mut dot = String::from("digraph { splines=true; ");
        for a in 0..300 {
            for b in (a + 1)..300 {
                dot.push_str(&format!("{a}->{b};"));
            }
        }
        dot.push('}');
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("g.svg");
        let options = Options {
            dpi: None,
            timeout: Duration::from_millis(300),
        };
        let started = Instant::now();
        let err = render(&dot, "svg", &out, &options).unwrap_err().to_string();
        assert!(err.contains("stopped after 0.3 s"), "{err}");
        assert!(started.elapsed() < Duration::from_secs(30));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn png_resolution_follows_dpi() {
        if !graphviz_installed() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let width = |dpi: Option<u32>| {
            let out = dir.path().join("g.png");
            let options = Options {
                dpi,
                ..Options::default()
            };
            render("digraph { a -> b }", "png", &out, &options).unwrap();
            let png = std::fs::read(&out).unwrap();
            // The IHDR chunk holds the width, big-endian, at bytes 16..20.
            u32::from_be_bytes(png[16..20].try_into().unwrap())
        };
        let (low, high) = (width(Some(72)), width(Some(288)));
        assert!(high >= 3 * low && high <= 5 * low, "{low} {high}");
    }

    #[test]
    fn warnings_are_returned() {
        if !graphviz_installed() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("g.svg");
        let warnings = render_default("digraph { a [shape=nosuchshape] }", "svg", &out).unwrap();
        assert!(
            warnings.iter().any(|w| w.contains("Warning")),
            "{warnings:?}"
        );
        assert!(out.exists());
    }
}
