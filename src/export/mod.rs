//! Writing results in every format, atomically, so a failed run never leaves a half-written
//! output.

mod arcs;
mod atomic;
pub mod chart;
mod csv;
pub mod dot;
mod gexf;
mod graphml;
mod html;
mod json;
mod palette;
pub mod render;
mod ron;
mod xml;

use std::io::Write;
use std::path::Path;

use rayon::prelude::*;

use crate::error::{Error, Result, UnknownName};
use crate::graph::GraphDocument;
pub use atomic::{
    AtomicFile, FileEntry, Finished, MANIFEST, Manifest, OutputSet, remove_unfinished,
};
pub use csv::{SLICE_INDEX, write_slice_index};

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
    /// GEXF 1.3, dynamic when the graph is dated: Gephi's timeline plays it.
    Gexf,
    /// CSV node table.
    NodesCsv,
    /// CSV edge table.
    EdgesCsv,
    /// CSV document table: each document's id, date and the date's source.
    DocumentsCsv,
    /// The explorer: a self-contained HTML page.
    Html,
}

impl Format {
    /// Every format, in the order `build` writes them.
    pub const ALL: [Format; 9] = [
        Format::Ron,
        Format::Dot,
        Format::Json,
        Format::Graphml,
        Format::Gexf,
        Format::NodesCsv,
        Format::EdgesCsv,
        Format::Html,
        Format::DocumentsCsv,
    ];

    /// The format's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Ron => "ron",
            Format::Dot => "dot",
            Format::Json => "json",
            Format::Graphml => "graphml",
            Format::Gexf => "gexf",
            Format::NodesCsv => "nodes-csv",
            Format::EdgesCsv => "edges-csv",
            Format::DocumentsCsv => "documents-csv",
            Format::Html => "html",
        }
    }

    /// The file `build` writes this format to.
    pub fn file_name(self) -> &'static str {
        match self {
            Format::Ron => "graph.ron",
            Format::Dot => "graph.dot",
            Format::Json => "graph.json",
            Format::Graphml => "graph.graphml",
            Format::Gexf => "graph.gexf",
            Format::NodesCsv => "nodes.csv",
            Format::EdgesCsv => "edges.csv",
            Format::DocumentsCsv => "documents.csv",
            Format::Html => "graph.html",
        }
    }

    /// Roughly how long the format takes to write, relative to the others (measured on the
    /// ISOT sample: RON and GraphML take about as long, JSON half, DOT a third of that).
    fn effort(self) -> u8 {
        match self {
            Format::Ron | Format::Graphml | Format::Gexf | Format::Html => 6,
            Format::Json => 3,
            Format::Dot => 1,
            Format::NodesCsv | Format::EdgesCsv | Format::DocumentsCsv => 0,
        }
    }

    /// Streams the document in this format into `out`, so that no copy of a whole export is
    /// ever held in memory.
    pub fn write<W: Write>(self, document: &GraphDocument, out: &mut W) -> std::io::Result<()> {
        match self {
            Format::Ron => ron::write_ron(document, out),
            Format::Dot => out.write_all(dot::to_dot(document).as_bytes()),
            Format::Json => json::write_json(document, out),
            Format::Graphml => graphml::write_graphml(document, out),
            Format::Gexf => gexf::write_gexf(document, out),
            Format::NodesCsv => csv::write_nodes_csv(document, out),
            Format::EdgesCsv => csv::write_edges_csv(document, out),
            Format::DocumentsCsv => csv::write_documents_csv(document, out),
            Format::Html => html::write_html(document, out),
        }
    }

    /// The document in this format, in memory.
    pub fn render(self, document: &GraphDocument) -> String {
        let mut out = Vec::new();
        self.write(document, &mut out)
            .expect("writing a graph document to memory cannot fail");
        String::from_utf8(out).expect("every format is written as UTF-8")
    }
}

impl std::str::FromStr for Format {
    type Err = UnknownName;

    fn from_str(s: &str) -> std::result::Result<Format, UnknownName> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| {
                UnknownName::new(
                    "format",
                    s,
                    "ron, dot, json, graphml, gexf, nodes-csv, edges-csv, documents-csv or html",
                )
            })
    }
}

/// A node's or edge's `periods` as JSON text (`[["2017-03",4]]`), for the formats that
/// flatten lists into one value (CSV, GraphML); `None` when there is none.
pub(crate) fn periods_json(periods: &[(String, u64)]) -> Option<String> {
    (!periods.is_empty()).then(|| serde_json::to_string(periods).expect("strings and numbers"))
}

/// Writes `document` into the output set `set` in each of `formats`, named by
/// [`Format::file_name`], the formats serialised concurrently on the current rayon pool (that
/// of [`crate::pipeline::Pipeline::install`], say).
///
/// Every file is written and synced, then added to the set in `formats` order; nothing is put
/// in place before [`OutputSet::commit`]. The error returned is that of the first failing
/// format in `formats` order, whatever the threads did.
pub fn write_files(
    document: &GraphDocument,
    set: &mut OutputSet,
    formats: &[Format],
) -> Result<()> {
    let dir = set.dir().to_owned();
    write_files_into(document, set, &dir, formats)
}

/// [`write_files`] into `dir`, the set's directory or one of its
/// [`OutputSet::subdir`]s.
pub fn write_files_into(
    document: &GraphDocument,
    set: &mut OutputSet,
    dir: &Path,
    formats: &[Format],
) -> Result<()> {
    // The slowest formats start first, so that no thread is left with one of them at the end.
    let mut queue: Vec<usize> = (0..formats.len()).collect();
    queue.sort_by_key(|&i| std::cmp::Reverse(formats[i].effort()));
    // One format per task: rayon keeps the results in queue order.
    let results: Vec<Result<Finished>> = queue
        .par_iter()
        .with_max_len(1)
        .map(|&i| {
            let format = formats[i];
            let path = dir.join(format.file_name());
            let mut file = AtomicFile::create(&path)?;
            format
                .write(document, &mut file)
                .map_err(|e| Error::io(&path, e))?;
            file.finish()
        })
        .collect();
    let mut results: Vec<_> = queue.into_iter().zip(results).collect();
    results.sort_unstable_by_key(|(i, _)| *i);
    let finished = results
        .into_iter()
        .map(|(_, result)| result)
        .collect::<Result<Vec<_>>>()?;
    finished.into_iter().for_each(|file| set.add(file));
    Ok(())
}

#[cfg(test)]
mod tests;
