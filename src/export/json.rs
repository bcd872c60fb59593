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
        },
        nodes: &doc.nodes,
        edges: doc,
    };
    // Plain structs of strings and numbers: the only possible error is the writer's.
    serde_json::to_writer_pretty(&mut *out, &data)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Format;
    use crate::export::dot::sample;
    use serde_json::Value;

    #[test]
    fn every_node_and_edge_appears_with_all_fields() {
        let doc = sample();
        let json = Format::Json.render(&doc);
        let value: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["directed"], true);
        assert_eq!(value["multigraph"], true);
        assert_eq!(value["graph"]["format"], doc.format);
        assert_eq!(value["graph"]["corpus"]["documents"], 7);
        assert_eq!(value["graph"]["options"]["filters"][0], "min-count=2");
        let nodes = value["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), doc.nodes.len());
        for (n, v) in doc.nodes.iter().zip(nodes) {
            let back: NodeRecord = serde_json::from_value(v.clone()).unwrap();
            assert_eq!(&back, n);
        }
        assert!(value.get("links").is_none(), "edges are listed once");
        let edges = value["edges"].as_array().unwrap();
        let (mirrors, arcs): (Vec<&Value>, Vec<&Value>) =
            edges.iter().partition(|v| v["mirror"] == true);
        assert_eq!(arcs.len(), doc.edges.len());
        for (e, v) in doc.edges.iter().zip(arcs) {
            assert_eq!(v["key"], e.kind);
            let mut v = v.clone();
            v.as_object_mut().unwrap().remove("key");
            v.as_object_mut().unwrap().remove("mirror");
            let back: EdgeRecord = serde_json::from_value(v).unwrap();
            assert_eq!(&back, e);
        }
        // A co-occurrence reads both ways round: its mirror follows it, without evidence.
        let undirected: Vec<&EdgeRecord> = doc.edges.iter().filter(|e| !e.directed).collect();
        assert_eq!(mirrors.len(), undirected.len());
        assert!(!undirected.is_empty());
        for (e, v) in undirected.iter().zip(mirrors) {
            assert_eq!(v["source"], e.target.as_str());
            assert_eq!(v["target"], e.source.as_str());
            assert_eq!(v["count"], e.count);
            assert_eq!(v["evidence"], serde_json::json!([]));
        }
        assert!(
            edges[0]["evidence"][0]["text"]
                .as_str()
                .unwrap()
                .contains("Erdoğan")
        );
    }

    #[test]
    fn output_is_deterministic_and_escaped() {
        let doc = sample();
        let json = Format::Json.render(&doc);
        assert_eq!(json, Format::Json.render(&doc.clone()));
        assert!(json.contains(r#""name": "Say \"Hi\" \\ back""#), "{json}");
        assert!(json.contains(r#""name": "a\nb""#), "{json}");
        assert!(json.ends_with("}\n"));
    }
}
