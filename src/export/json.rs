//! networkx node-link JSON.
//!
//! The graph is a directed multigraph (a pair can have a co-occurrence edge and relation
//! edges); each edge's multigraph `key` is its kind. The document header is the `graph`
//! object, each node is its [`NodeRecord`] and each edge its [`EdgeRecord`] (evidence as a
//! list of objects) plus `key` and `mirror`: an undirected edge is written as two arcs, the
//! second its mirror without evidence, so that it reads as symmetric (see `arcs.rs`).
//!
//! The edge list is called `edges`, networkx's name from 3.6 (in `node_link_data` and as
//! the default of `node_link_graph`), so `networkx.node_link_graph(data)` reads the file
//! with no argument; networkx 3.4 and 3.5 need `edges="edges"`, earlier versions
//! `link="edges"`, and D3, whose examples say `links`, a rename. The list is written once:
//! repeating it under `links` for the old defaults doubled the largest export.

use std::borrow::Cow;
use std::io::Write;

use serde::Serialize;

use super::arcs::arcs;
use crate::graph::document::DocumentRecord;
use crate::graph::{CorpusStats, EdgeRecord, GraphDocument, GraphOptions, NodeRecord};

#[derive(Serialize)]
struct NodeLink<'a> {
    directed: bool,
    multigraph: bool,
    graph: Header<'a>,
    nodes: &'a [NodeRecord],
    #[serde(serialize_with = "links")]
    edges: &'a GraphDocument,
}

#[derive(Serialize)]
struct Header<'a> {
    format: &'a str,
    version: u32,
    tool: &'a str,
    gazetteer: &'a str,
    options: &'a GraphOptions,
    corpus: &'a CorpusStats,
    /// The document table, as a graph attribute networkx keeps (`G.graph["documents"]`).
    documents: &'a [DocumentRecord],
}

#[derive(Serialize)]
struct Link<'a> {
    #[serde(flatten)]
    edge: Cow<'a, EdgeRecord>,
    /// The multigraph key: the edge kind, unique for a (source, target) pair.
    key: &'a str,
    /// Whether this is the mirror arc of an undirected edge.
    mirror: bool,
}

/// Each arc with its multigraph key, made as it is written rather than collected first.
fn links<S: serde::Serializer>(doc: &&GraphDocument, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(arcs(doc).map(|arc| Link {
        edge: arc.edge,
        key: arc.kind,
        mirror: arc.mirror,
    }))
}

/// The document as pretty-printed networkx node-link JSON, ending with a newline.
/// Streamed into `out`.
pub(crate) fn write_json<W: Write>(doc: &GraphDocument, out: &mut W) -> std::io::Result<()> {
    let data = NodeLink {
        directed: true,
        multigraph: true,
        graph: Header {
            format: &doc.format,
            version: doc.version,
            tool: &doc.tool,
            gazetteer: &doc.gazetteer,
            options: &doc.options,
            corpus: &doc.corpus,
            documents: &doc.documents,
        },
        nodes: &doc.nodes,
        edges: doc,
    };
    // Plain structs of strings and numbers: the only possible error is the writer's.
    serde_json::to_writer_pretty(&mut *out, &data)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests;
