//! The graph as a versioned, sorted document: what every export writes and what
//! `gazegraph export` and `gazegraph merge` read back.
//!
//! Nodes are sorted by id, edges by (source, target, kind); every kind and relation type is a
//! string, so readers without our types (Python's `pyron`, networkx) lose nothing.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::counts::{CountRow, CountTable};
use crate::error::{Error, Result};

/// The format name in every graph document.
pub const FORMAT: &str = "gazegraph-graph";
/// The schema version; bumped on any incompatible change.
pub const VERSION: u32 = 1;

/// A whole graph with its provenance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphDocument {
    /// Always [`FORMAT`].
    pub format: String,
    /// Schema version, [`VERSION`].
    pub version: u32,
    /// The gazegraph version that wrote it.
    pub tool: String,
    /// Fingerprint of the gazetteers used ([`crate::gazetteer::Gazetteer::fingerprint`]).
    pub gazetteer: String,
    /// How it was built.
    pub options: GraphOptions,
    /// What it was built from.
    pub corpus: CorpusStats,
    /// Entities, sorted by id.
    pub nodes: Vec<NodeRecord>,
    /// Edges, sorted by source, target, kind.
    pub edges: Vec<EdgeRecord>,
}

impl GraphDocument {
    /// The counts of a complete (unfiltered) graph's nodes: the mentions in the parts it was
    /// built from ([`GraphOptions::parts`]); [`crate::graph::Built::counts`] counts them all.
    pub fn counts(&self) -> CountTable {
        let rows = self.nodes.iter().filter_map(|n| {
            Some(CountRow {
                id: n.id.clone(),
                name: n.name.clone(),
                kind: n.kind.parse().ok()?,
                mentions: n.mentions,
                documents: n.documents,
            })
        });
        CountTable::new(self.corpus.documents, rows.collect())
    }
}

/// How a graph was built and filtered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphOptions {
    /// Co-occurrence window: `sentence`, `paragraph`, `document` or `tokens:N`.
    pub window: String,
    /// At most this many evidence items are kept per edge.
    pub evidence_cap: u32,
    /// The measure used as edge weight (`count`, `documents`, `pmi`, `npmi`, `llr`, `jaccard`).
    pub weight: String,
    /// Filters applied, in order, as written on the command line (`min-count=2`, `ego=khalifa_haftar:1`);
    /// empty for a complete graph, which is the only kind `merge` accepts.
    pub filters: Vec<String>,
    /// Fingerprint of the relation rules the typed relations were extracted with
    /// ([`crate::relations::Rules::fingerprint`]); empty when no relations were extracted.
    #[serde(default)]
    pub relations: String,
    /// The parts of articles whose mentions make the graph ([`crate::text::PartSet`]):
    /// `headline,body` by default; every part for a graph written before parts were
    /// recognised.
    #[serde(default = "all_parts")]
    pub parts: String,
}

fn all_parts() -> String {
    crate::text::PartSet::ALL.to_string()
}

/// Totals over the corpus, needed to recompute association scores after a merge.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorpusStats {
    /// Documents annotated.
    pub documents: u64,
    /// Documents skipped (unreadable, binary, empty, bad records).
    pub skipped: u64,
    /// Bytes of text annotated.
    pub bytes: u64,
    /// Mentions found.
    pub mentions: u64,
    /// Co-occurrence windows in the corpus, including those without any mention.
    pub windows: u64,
}

/// One entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeRecord {
    /// Entity id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// `person`, `state`, `group` or `place`.
    pub kind: String,
    /// Gazetteer category, or empty.
    pub category: String,
    /// ISO country code, or empty.
    pub country: String,
    /// Mentions in the corpus.
    pub mentions: u64,
    /// Documents mentioning it.
    pub documents: u64,
    /// Windows mentioning it (the marginal count behind the association scores).
    pub windows: u64,
    /// Number of neighbours in this graph.
    pub degree: u64,
    /// Sum of the weights of its edges.
    pub weighted_degree: f64,
    /// PageRank over the weighted graph.
    pub pagerank: f64,
    /// Betweenness centrality (normalised).
    pub betweenness: f64,
    /// Community number (0 is the largest community).
    pub community: u32,
    /// Latitude in degrees (WGS84) where the gazetteer gives one, for maps; left out of the
    /// file when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latitude: Option<f64>,
    /// Longitude in degrees (WGS84), as `latitude`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub longitude: Option<f64>,
}

/// One edge: a co-occurrence (undirected, `source` < `target`) or a typed relation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeRecord {
    /// Source entity id.
    pub source: String,
    /// Target entity id.
    pub target: String,
    /// `cooccurrence`, or a relation type such as `supports`.
    pub kind: String,
    /// Whether direction matters (relations) or not (co-occurrence).
    pub directed: bool,
    /// Windows containing both (co-occurrence) or statements of the relation, negated ones
    /// included (at most one per sentence).
    pub count: u64,
    /// Documents with at least one such window or statement.
    pub documents: u64,
    /// Statements of the relation that were negated or denied (0 for co-occurrence).
    pub negated: u64,
    /// Pointwise mutual information, log2.
    pub pmi: f64,
    /// PMI normalised to [-1, 1].
    pub npmi: f64,
    /// Dunning's log-likelihood ratio G².
    pub llr: f64,
    /// Windows with both over windows with either.
    pub jaccard: f64,
    /// The weight chosen by [`GraphOptions::weight`].
    pub weight: f64,
    /// Up to [`GraphOptions::evidence_cap`] supporting windows, in (document, offset) order.
    pub evidence: Vec<Evidence>,
}

/// Where an edge was seen.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    /// Document id.
    pub document: String,
    /// Sentence index (of the source mention) in the document.
    pub sentence: u32,
    /// Byte span of the source entity's mention.
    pub source_span: Span,
    /// Byte span of the target entity's mention.
    pub target_span: Span,
    /// Byte span of the cue phrase, for relations; `0..0` for co-occurrence.
    pub cue_span: Span,
    /// The rule that fired, for relations; empty for co-occurrence.
    pub rule: String,
    /// Whether this statement is negated.
    pub negated: bool,
    /// The sentence (or sentences, joined by ` … `) containing both mentions. A sentence
    /// longer than [`super::aggregate::WHOLE_SENTENCE`] bytes is cut to
    /// [`super::aggregate::EVIDENCE_CONTEXT`] bytes on either side of each mention (and the
    /// cue), at whitespace where there is some, and [`super::aggregate::CUT`] (`…`) stands
    /// where bytes were left out; the spans above are offsets into the document, not into this
    /// text, so they stay exact.
    pub text: String,
    /// The part of the article the source mention lies in (`headline`, `body`...); empty in a
    /// graph written before parts were recognised.
    #[serde(default)]
    pub source_part: String,
    /// The part of the target mention.
    #[serde(default)]
    pub target_part: String,
}

/// A byte range in a document.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte.
    pub start: u64,
    /// One past the last byte.
    pub end: u64,
}

/// Puts nodes and edges in canonical order.
pub fn sort(document: &mut GraphDocument) {
    document.nodes.sort_by(|a, b| a.id.cmp(&b.id));
    document
        .edges
        .sort_by(|a, b| (&a.source, &a.target, &a.kind).cmp(&(&b.source, &b.target, &b.kind)));
}

/// Reads a document written by [`crate::export::ron::to_ron`] and [`validate`]s it; errors
/// name `path`, line and column (of the offending node or edge when the RON is well formed but
/// the graph is not).
pub fn parse(path: &Path, text: &str) -> Result<GraphDocument> {
    let document: GraphDocument = crate::gazetteer::ron_options()
        .from_str(text)
        .map_err(|e| Error::ron(path.to_owned(), e))?;
    validate(&document)
        .map_err(|flaw| Error::at(path, text, locate(text, flaw.place), flaw.message))?;
    Ok(document)
}

/// A promise of the format that a document breaks, and the record that breaks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flaw {
    /// The offending record.
    pub place: Place,
    /// What is wrong with it.
    pub message: String,
}

/// A record of a graph document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A header field, by name.
    Field(&'static str),
    /// A node, by position (0-based) in `nodes`.
    Node(usize),
    /// An edge, by position (0-based) in `edges`.
    Edge(usize),
}

impl From<Flaw> for Error {
    fn from(flaw: Flaw) -> Error {
        Error::Invalid(flaw.message)
    }
}

/// Checks what readers rely on and the format promises: its name and version, nodes strictly
/// sorted by id (so no duplicates), edges strictly sorted by (source, target, kind), every edge
/// naming known nodes, and co-occurrence edges written with `source` < `target`. Every reader
/// ([`read`], and [`crate::graph::merge()`] for documents from elsewhere) goes through it, so an
/// edited or truncated file is refused rather than silently miscounted.
pub fn validate(document: &GraphDocument) -> std::result::Result<(), Flaw> {
    let flaw = |place, message: String| Err(Flaw { place, message });
    if document.format != FORMAT {
        return flaw(
            Place::Field("format"),
            format!("not a gazegraph graph (format `{}`)", document.format),
        );
    }
    if document.version > VERSION {
        return flaw(
            Place::Field("version"),
            format!(
                "graph schema version {} is newer than this gazegraph reads ({VERSION}); upgrade gazegraph",
                document.version,
            ),
        );
    }
    if document.version != VERSION {
        return flaw(
            Place::Field("version"),
            format!(
                "graph schema version {} is not the one this gazegraph reads ({VERSION})",
                document.version,
            ),
        );
    }
    for (i, pair) in document.nodes.windows(2).enumerate() {
        let (before, node) = (&pair[0].id, &pair[1].id);
        if node == before {
            return flaw(Place::Node(i + 1), format!("duplicate node `{node}`"));
        }
        if node < before {
            return flaw(
                Place::Node(i + 1),
                format!("node `{node}` comes after `{before}`: nodes must be sorted by id"),
            );
        }
    }
    let show = |(source, target, kind): (&str, &str, &str)| {
        format!("edge `{source}` -> `{target}` ({kind})")
    };
    for (i, edge) in document.edges.iter().enumerate() {
        let place = Place::Edge(i);
        if let Some(before) = i.checked_sub(1).map(|b| key(&document.edges[b])) {
            if key(edge) == before {
                return flaw(place, format!("duplicate {}", show(key(edge))));
            }
            if key(edge) < before {
                return flaw(
                    place,
                    format!(
                        "{} comes after {}: edges must be sorted by source, target, kind",
                        show(key(edge)),
                        show(before)
                    ),
                );
            }
        }
        for id in [&edge.source, &edge.target] {
            if document
                .nodes
                .binary_search_by(|n| n.id.as_str().cmp(id))
                .is_err()
            {
                return flaw(
                    place,
                    format!("{} names unknown node `{id}`", show(key(edge))),
                );
            }
        }
        if edge.kind == crate::graph::COOCCURRENCE && edge.source > edge.target {
            return flaw(
                place,
                format!(
                    "co-occurrence {} must be written with source < target",
                    show(key(edge))
                ),
            );
        }
    }
    Ok(())
}

/// An edge's place in the sort order.
fn key(e: &EdgeRecord) -> (&str, &str, &str) {
    (&e.source, &e.target, &e.kind)
}

/// The byte offset in `text` where the record at `place` starts, found by a scan of the RON
/// text that follows brackets, strings and comments (the deserializer keeps no positions);
/// 0 when the text does not have the expected shape.
fn locate(text: &str, place: Place) -> usize {
    let (field, item) = match place {
        Place::Field(name) => (name, None),
        Place::Node(i) => ("nodes", Some(i)),
        Place::Edge(i) => ("edges", Some(i)),
    };
    let bytes = text.as_bytes();
    let (mut depth, mut i, mut seen, mut inside) = (0usize, 0, 0, false);
    while i < bytes.len() {
        let next = bytes.get(i + 1).copied();
        match bytes[i] {
            b'"' => {
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if next == Some(b'/') => {
                i = text[i..].find('\n').map_or(bytes.len(), |n| i + n);
            }
            b'/' if next == Some(b'*') => {
                i = text[i..].find("*/").map_or(bytes.len(), |n| i + n + 1);
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if inside && depth == 3 {
                    if Some(seen) == item {
                        return i;
                    }
                    seen += 1;
                }
            }
            b')' | b']' | b'}' => {
                depth = depth.saturating_sub(1);
                inside &= depth >= 2;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let start = i;
                while bytes
                    .get(i + 1)
                    .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
                {
                    i += 1;
                }
                if depth == 1 && &text[start..=i] == field {
                    if item.is_none() {
                        return start;
                    }
                    inside = true;
                }
            }
            _ => {}
        }
        i += 1;
    }
    0
}

/// Reads a RON graph file.
pub fn read(path: &Path) -> Result<GraphDocument> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(path, &text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A graph document in RON, one record a line: nodes start at line 8, edges two lines
    /// after the last node; the comment and the evidence text hold brackets and quotes the
    /// locating scan must skip.
    fn text(format: &str, version: u32, nodes: &[&str], edges: &[(&str, &str, &str)]) -> String {
        let mut text = format!(
            "(\n  format: \"{format}\",\n  version: {version},\n  tool: \"0\", gazetteer: \"g\", // a ( comment \"\n  options: (window: \"sentence\", evidence_cap: 5, weight: \"count\", filters: []),\n  corpus: (documents: 1, skipped: 0, bytes: 1, mentions: 1, windows: 1),\n  nodes: [\n"
        );
        for id in nodes {
            text += &format!(
                "    (id: \"{id}\", name: \"{id}\", kind: \"person\", category: \"\", country: \"\", mentions: 1, documents: 1, windows: 1, degree: 1, weighted_degree: 1.0, pagerank: 0.1, betweenness: 0.0, community: 0),\n"
            );
        }
        text += "  ],\n  edges: [\n";
        for (source, target, kind) in edges {
            text += &format!(
                "    (source: \"{source}\", target: \"{target}\", kind: \"{kind}\", directed: false, count: 1, documents: 1, negated: 0, pmi: 0.0, npmi: 0.0, llr: 0.0, jaccard: 0.0, weight: 1.0, evidence: [(document: \"d\", sentence: 0, source_span: (start: 0, end: 1), target_span: (start: 2, end: 3), cue_span: (start: 0, end: 0), rule: \"\", negated: false, text: \"a ) [ \\\" b\")]),\n"
            );
        }
        text + "  ],\n)\n"
    }

    /// Format, version, node ids, edges (source, target, kind), the flawed record, the message.
    type Case = (
        &'static str,
        u32,
        &'static [&'static str],
        Edges,
        Place,
        &'static str,
    );
    type Edges = &'static [(&'static str, &'static str, &'static str)];

    #[test]
    fn bad_graphs_are_refused_naming_the_record() {
        const FORMAT_LINE: Place = Place::Field("format");
        const VERSION_LINE: Place = Place::Field("version");
        const ABC: &[&str] = &["a", "b", "c"];
        const CO: &str = "cooccurrence";
        #[rustfmt::skip]
        let cases: &[Case] = &[
            ("other", 1, ABC, &[], FORMAT_LINE, "not a gazegraph graph (format `other`)"),
            (FORMAT, 2, ABC, &[], VERSION_LINE, "graph schema version 2 is newer than this gazegraph reads (1); upgrade gazegraph"),
            (FORMAT, 0, ABC, &[], VERSION_LINE, "graph schema version 0 is not the one this gazegraph reads (1)"),
            (FORMAT, 1, &["a", "b", "b"], &[], Place::Node(2), "duplicate node `b`"),
            (FORMAT, 1, &["a", "c", "b"], &[], Place::Node(2), "node `b` comes after `c`: nodes must be sorted by id"),
            (FORMAT, 1, ABC, &[("a", "b", CO), ("a", "b", CO)], Place::Edge(1), "duplicate edge `a` -> `b` (cooccurrence)"),
            (FORMAT, 1, ABC, &[("a", "c", CO), ("a", "b", CO)], Place::Edge(1), "edge `a` -> `b` (cooccurrence) comes after edge `a` -> `c` (cooccurrence): edges must be sorted by source, target, kind"),
            (FORMAT, 1, ABC, &[("a", "b", "supports"), ("a", "b", CO)], Place::Edge(1), "edge `a` -> `b` (cooccurrence) comes after edge `a` -> `b` (supports): edges must be sorted by source, target, kind"),
            (FORMAT, 1, ABC, &[("a", "b", CO), ("a", "x", CO)], Place::Edge(1), "edge `a` -> `x` (cooccurrence) names unknown node `x`"),
            (FORMAT, 1, ABC, &[("_", "a", CO)], Place::Edge(0), "edge `_` -> `a` (cooccurrence) names unknown node `_`"),
            (FORMAT, 1, ABC, &[("a", "b", CO), ("c", "b", CO)], Place::Edge(1), "co-occurrence edge `c` -> `b` (cooccurrence) must be written with source < target"),
        ];
        let line = |place: Place, nodes: usize| match place {
            Place::Field("format") => 2,
            Place::Field(_) => 3,
            Place::Node(i) => 8 + i,
            Place::Edge(i) => 8 + nodes + 2 + i,
        };
        let path = Path::new("g.ron");
        for &(format, version, nodes, edges, place, message) in cases {
            let text = text(format, version, nodes, edges);
            let column = if matches!(place, Place::Field(_)) {
                3
            } else {
                5
            };
            let expected = format!("g.ron:{}:{column}: {message}", line(place, nodes.len()));
            let err = parse(path, &text).unwrap_err().to_string();
            assert_eq!(err, expected, "{text}");
            // The same flaw, found in memory, is what merge refuses.
            let document: GraphDocument = crate::gazetteer::ron_options().from_str(&text).unwrap();
            assert_eq!(validate(&document).unwrap_err().message, message);
        }
        // What the format allows: a relation in both directions, a co-occurrence beside a
        // relation of the same pair, a node without edges.
        let good = text(
            FORMAT,
            1,
            ABC,
            &[
                ("a", "b", CO),
                ("a", "b", "supports"),
                ("b", "a", "opposes"),
            ],
        );
        let document = parse(path, &good).unwrap();
        assert_eq!((document.nodes.len(), document.edges.len()), (3, 3));
    }
}
