//! RON, the lossless export: what notebooks load (Rust's `ron` crate, Python's `pyron.load`)
//! and what `gazegraph export` and `gazegraph merge` read back.

use std::path::Path;

use crate::error::{Error, Result};
use crate::graph::GraphDocument;

/// The document as pretty RON. Struct names are left out (Python's reader drops them
/// anyway) and every enum-like value is a string, so nothing is lost in either language.
pub fn to_ron(document: &GraphDocument) -> String {
    let config = ron::ser::PrettyConfig::new()
        .struct_names(false)
        .indentor("  ".to_owned());
    let mut text = ron::ser::to_string_pretty(document, config).expect("graph documents serialise");
    text.push('\n');
    text
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
