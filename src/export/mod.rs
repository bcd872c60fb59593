//! Writing results in every format, atomically, so a failed run never leaves a half-written
//! output.

pub mod csv;
pub mod dot;
pub mod graphml;
pub mod json;
pub mod render;
pub mod ron;

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::graph::GraphDocument;

/// An export format of a graph document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// RON, lossless; read back by `gazegraph export`, Rust's `ron` and Python's `pyron`.
    Ron,
    /// Graphviz DOT.
    Dot,
    /// networkx node-link JSON.
    Json,
    /// GraphML (networkx, Gephi).
    Graphml,
    /// CSV node table.
    NodesCsv,
    /// CSV edge table.
    EdgesCsv,
}

impl Format {
    /// Every format, in the order `build` writes them.
    pub const ALL: [Format; 6] = [
        Format::Ron,
        Format::Dot,
        Format::Json,
        Format::Graphml,
        Format::NodesCsv,
        Format::EdgesCsv,
    ];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Ron => "ron",
            Format::Dot => "dot",
            Format::Json => "json",
            Format::Graphml => "graphml",
            Format::NodesCsv => "nodes-csv",
            Format::EdgesCsv => "edges-csv",
        }
    }

    /// The file `build` writes this format to.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Ron => "graph.ron",
            Format::Dot => "graph.dot",
            Format::Json => "graph.json",
            Format::Graphml => "graph.graphml",
            Format::NodesCsv => "nodes.csv",
            Format::EdgesCsv => "edges.csv",
        }
    }

    /// The document in this format.
    pub fn render(self, document: &GraphDocument) -> String {
        match self {
            Format::Ron => ron::to_ron(document),
            Format::Dot => dot::to_dot(document),
            Format::Json => json::to_json(document),
            Format::Graphml => graphml::to_graphml(document),
            Format::NodesCsv => csv::nodes_csv(document),
            Format::EdgesCsv => csv::edges_csv(document),
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Format, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                format!("unknown format `{s}`: use ron, dot, json, graphml, nodes-csv or edges-csv")
            })
    }
}

/// A file written beside its destination and renamed into place on [`AtomicFile::commit`];
/// dropped without committing, it vanishes and the destination is untouched.
#[derive(Debug)]
pub struct AtomicFile {
    path: PathBuf,
    temp: BufWriter<tempfile::NamedTempFile>,
}

impl AtomicFile {
    /// Starts writing what will become `path`.
    pub fn create(path: impl Into<PathBuf>) -> Result<AtomicFile> {
        let path = path.into();
        let dir = match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
            _ => PathBuf::from("."),
        };
        let mut builder = tempfile::Builder::new();
        builder.prefix(".gazegraph-");
        // Temporary files are private (0600) and a rename keeps that; outputs are for sharing.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
        let temp = builder.tempfile_in(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(AtomicFile {
            path,
            temp: BufWriter::new(temp),
        })
    }

    /// Flushes and renames the file into place.
    pub fn commit(self) -> Result<()> {
        let temp = self
            .temp
            .into_inner()
            .map_err(|e| Error::io(&self.path, e.into_error()))?;
        temp.as_file()
            .sync_all()
            .map_err(|e| Error::io(&self.path, e))?;
        temp.persist(&self.path)
            .map_err(|e| Error::io(&self.path, e.error))?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.temp.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.temp.flush()
    }
}

/// Writes `contents` to `path` atomically.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    file.write_all(contents).map_err(|e| Error::io(path, e))?;
    file.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uncommitted_files_leave_no_trace() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").unwrap();
        {
            let mut file = AtomicFile::create(&path).unwrap();
            file.write_all(b"half").unwrap();
        }
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        write_atomic(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
    }

    #[test]
    fn missing_directory_is_an_error_naming_it() {
        let err = write_atomic(Path::new("/nonexistent/dir/out.txt"), b"x").unwrap_err();
        assert!(err.to_string().starts_with("/nonexistent/dir"), "{err}");
    }
}
