//! RON, the lossless export: what notebooks load (Rust's `ron` crate, Python's `pyron.load`)
//! and what `gazegraph export` and `gazegraph merge` read back.

use std::fmt;
use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::graph::GraphDocument;

/// The document as pretty RON. Struct names are left out (Python's reader drops them
/// anyway) and every enum-like value is a string, so nothing is lost in either language.
pub fn to_ron(document: &GraphDocument) -> String {
    super::Format::Ron.render(document)
}

/// Streams [`to_ron`]'s text into `out`.
pub fn write_ron<W: Write>(document: &GraphDocument, out: &mut W) -> std::io::Result<()> {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("  ");
    let mut sink = IoSink {
        out: &mut *out,
        error: None,
    };
    let result = ron::Options::default().to_writer_pretty(&mut sink, document, config);
    if let Some(error) = sink.error {
        return Err(error);
    }
    result.map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// `ron` writes to a [`fmt::Write`]; this forwards to an [`std::io::Write`] and keeps the
/// I/O error, which [`fmt::Error`] cannot carry (a broken pipe must stay a broken pipe).
struct IoSink<'a, W> {
    out: &'a mut W,
    error: Option<std::io::Error>,
}

impl<W: Write> fmt::Write for IoSink<'_, W> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.out.write_all(s.as_bytes()).map_err(|e| {
            self.error = Some(e);
            fmt::Error
        })
    }
}

/// Reads a document written by [`to_ron`]; errors name `path`, line and column.
pub fn from_ron(path: &Path, text: &str) -> Result<GraphDocument> {
    let document: GraphDocument = crate::gazetteer::ron_options()
        .from_str(text)
        .map_err(|e| Error::ron(path.to_owned(), e))?;
    if document.format != crate::graph::document::FORMAT {
        return Err(Error::at(
            path,
            text,
            0,
            format!("not a gazegraph graph (format `{}`)", document.format),
        ));
    }
    if document.version > crate::graph::document::VERSION {
        return Err(Error::at(
            path,
            text,
            0,
            format!(
                "graph schema version {} is newer than this gazegraph reads ({}); upgrade gazegraph",
                document.version,
                crate::graph::document::VERSION
            ),
        ));
    }
    Ok(document)
}

/// Reads a RON graph file.
pub fn read(path: &Path) -> Result<GraphDocument> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    from_ron(path, &text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::dot::sample;

    #[test]
    fn write_errors_keep_their_kind() {
        struct Closed;
        impl Write for Closed {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::ErrorKind::BrokenPipe.into())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let err = write_ron(&sample(), &mut Closed).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe);
    }
}
