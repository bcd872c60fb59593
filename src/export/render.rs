//! Drawing DOT with the Graphviz binary.
//!
//! The DOT source goes to `dot -K<engine> -T<format>` on stdin; the picture comes back on
//! stdout and is written atomically, so a failed layout never leaves a half-written file.

use std::io::{ErrorKind, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use crate::error::{Error, Result};
use crate::export::AtomicFile;

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

/// The Graphviz program run; the engine is chosen with `-K`.
const PROGRAM: &str = "dot";

/// Lays out `dot` with `engine` and writes it as `format` to `output`.
///
/// Returns the lines Graphviz printed on stderr (its warnings) when it succeeded, so the
/// caller can show them; a missing Graphviz, an unknown engine or format, or a failed layout
/// is an error, and then `output` is left untouched.
pub fn render(dot: &str, engine: &str, format: &str, output: &Path) -> Result<Vec<String>> {
    if !FORMATS.contains(&format) {
        return Err(Error::Invalid(format!(
            "unknown picture format `{format}`: use {}",
            FORMATS.join(", ")
        )));
    }
    if !ENGINES.contains(&engine) {
        return Err(Error::Invalid(format!(
            "unknown Graphviz layout engine `{engine}`: use {}",
            ENGINES.join(", ")
        )));
    }
    // Created first, so that an unwritable destination fails before a long layout.
    let mut file = AtomicFile::create(output)?;
    let (picture, warnings) = run(dot, engine, format)?;
    file.write_all(&picture).map_err(|e| Error::io(output, e))?;
    file.commit()?;
    Ok(warnings)
}

/// Runs Graphviz; returns its stdout and its stderr lines.
fn run(dot: &str, engine: &str, format: &str) -> Result<(Vec<u8>, Vec<String>)> {
    let command = format!("{PROGRAM} -K{engine} -T{format}");
    let mut child = Command::new(PROGRAM)
        .arg(format!("-K{engine}"))
        .arg(format!("-T{format}"))
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
    // Feed stdin and drain stderr on their own threads while stdout is read here, so that no
    // pipe can fill up and stall Graphviz or us.
    let (written, picture, errors) = std::thread::scope(|s| {
        let writer = s.spawn(move || {
            let result = stdin.write_all(dot.as_bytes());
            drop(stdin);
            result
        });
        let reader = s.spawn(move || {
            let mut text = Vec::new();
            stderr.read_to_end(&mut text).map(|_| text)
        });
        let mut picture = Vec::new();
        let read = stdout.read_to_end(&mut picture).map(|_| picture);
        (
            writer.join().expect("stdin writer does not panic"),
            read,
            reader.join().expect("stderr reader does not panic"),
        )
    });
    let status = child.wait().map_err(|e| Error::io(PROGRAM, e))?;
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
            "Graphviz `{command}` failed ({status}): {detail}"
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
            "Graphviz `{command}` produced no output"
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

    #[test]
    fn unknown_format_and_engine_are_errors_listing_the_choices() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("g.gif");
        let err = render("digraph {}", "dot", "gif", &out)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("`gif`") && err.contains("svg, png, pdf"),
            "{err}"
        );
        let err = render("digraph {}", "spring", "svg", &out)
            .unwrap_err()
            .to_string();
        assert!(err.contains("`spring`") && err.contains("sfdp"), "{err}");
        assert!(!out.exists());
        // An unwritable destination fails before any layout.
        let missing = Path::new("/nonexistent/dir/g.svg");
        let err = render("digraph {}", "dot", "svg", missing)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("/nonexistent/dir"), "{err}");
    }

    #[test]
    fn renders_svg_and_reports_failures_with_stderr() {
        if !graphviz_installed() {
            // The integration tests insist on Graphviz; here, only its absence is checked.
            let err = render("digraph {}", "dot", "svg", Path::new("x.svg")).unwrap_err();
            assert!(
                err.to_string().contains("apt-get install graphviz"),
                "{err}"
            );
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("g.svg");
        let dot = crate::export::dot::to_dot(&crate::export::dot::sample());
        let warnings = render(&dot, "dot", "svg", &out).unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        let svg = std::fs::read_to_string(&out).unwrap();
        assert!(svg.contains("<svg") && svg.contains("Erdoğan"), "{svg}");

        std::fs::write(&out, "old").unwrap();
        let err = render("digraph { a -> }", "dot", "svg", &out)
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
    fn warnings_are_returned() {
        if !graphviz_installed() {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("g.svg");
        let warnings = render("digraph { a [shape=nosuchshape] }", "dot", "svg", &out).unwrap();
        assert!(
            warnings.iter().any(|w| w.contains("Warning")),
            "{warnings:?}"
        );
        assert!(out.exists());
    }
}
