//! Writing results in every format, atomically, so a failed run never leaves a half-written
//! output.

mod arcs;
mod atomic;
mod csv;
pub mod dot;
mod graphml;
mod html;
mod json;
mod palette;
pub mod render;
mod ron;

use std::io::Write;

use rayon::prelude::*;

use crate::error::{Error, Result, UnknownName};
use crate::graph::GraphDocument;
pub use atomic::{
    AtomicFile, FileEntry, Finished, MANIFEST, Manifest, OutputSet, remove_unfinished,
};

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
    /// The explorer: a self-contained HTML page.
    Html,
}

impl Format {
    /// Every format, in the order `build` writes them.
    pub const ALL: [Format; 7] = [
        Format::Ron,
        Format::Dot,
        Format::Json,
        Format::Graphml,
        Format::NodesCsv,
        Format::EdgesCsv,
        Format::Html,
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
            Format::NodesCsv => "nodes.csv",
            Format::EdgesCsv => "edges.csv",
            Format::Html => "graph.html",
        }
    }

    /// Roughly how long the format takes to write, relative to the others (measured on the
    /// ISOT sample: RON and GraphML take about as long, JSON half, DOT a third of that).
    fn effort(self) -> u8 {
        match self {
            Format::Ron | Format::Graphml | Format::Html => 6,
            Format::Json => 3,
            Format::Dot => 1,
            Format::NodesCsv | Format::EdgesCsv => 0,
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
            Format::NodesCsv => csv::write_nodes_csv(document, out),
            Format::EdgesCsv => csv::write_edges_csv(document, out),
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
                    "ron, dot, json, graphml, nodes-csv, edges-csv or html",
                )
            })
    }
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
    let dir = set.dir();
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
mod tests {
    use super::*;

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap()
    }

    #[test]
    fn write_files_writes_what_render_gives_on_any_number_of_threads() {
        let doc = dot::sample();
        for threads in [1, 2, 0] {
            let dir = tempfile::tempdir().unwrap();
            let mut set = OutputSet::create(dir.path()).unwrap();
            pool(threads).install(|| write_files(&doc, &mut set, &Format::ALL).unwrap());
            let manifest = set.commit().unwrap();
            for format in Format::ALL {
                let written = std::fs::read_to_string(dir.path().join(format.file_name()));
                assert_eq!(written.unwrap(), format.render(&doc), "{}", format.name());
            }
            let names: Vec<&str> = manifest.files.iter().map(|f| f.name.as_str()).collect();
            let formats: Vec<&str> = Format::ALL.iter().map(|f| f.file_name()).collect();
            assert_eq!(names, formats);
            let files = std::fs::read_dir(dir.path()).unwrap().count();
            assert_eq!(files, Format::ALL.len() + 1, "temporary files left behind");
        }
    }

    #[test]
    fn write_files_reports_the_first_failing_format_and_renames_nothing_after_it() {
        let doc = dot::sample();
        for threads in [1, 2, 6] {
            let dir = tempfile::tempdir().unwrap();
            // Directories with contents cannot be replaced by a file.
            for format in [Format::Graphml, Format::Dot] {
                std::fs::create_dir_all(dir.path().join(format.file_name()).join("x")).unwrap();
            }
            let mut set = OutputSet::create(dir.path()).unwrap();
            pool(threads).install(|| write_files(&doc, &mut set, &Format::ALL).unwrap());
            let err = set.commit().unwrap_err();
            assert!(err.to_string().contains("graph.dot"), "{err}");
            let mut names: Vec<_> = std::fs::read_dir(dir.path())
                .unwrap()
                .map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect();
            names.sort();
            assert_eq!(names, ["graph.dot", "graph.graphml", "graph.ron"]);
        }
    }
}
