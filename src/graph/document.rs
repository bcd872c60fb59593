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
    /// The counts of a complete (unfiltered) graph, whose nodes carry the same totals as a
    /// [`crate::counts::Counter`]: `build` writes them without counting twice.
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

/// Reads a document written by [`crate::export::ron::to_ron`]; errors name `path`, line and
/// column.
pub fn parse(path: &Path, text: &str) -> Result<GraphDocument> {
    let document: GraphDocument = crate::gazetteer::ron_options()
        .from_str(text)
        .map_err(|e| Error::ron(path.to_owned(), e))?;
    if document.format != FORMAT {
        return Err(Error::at(
            path,
            text,
            0,
            format!("not a gazegraph graph (format `{}`)", document.format),
        ));
    }
    if document.version > VERSION {
        return Err(Error::at(
            path,
            text,
            0,
            format!(
                "graph schema version {} is newer than this gazegraph reads ({VERSION}); upgrade gazegraph",
                document.version,
            ),
        ));
    }
    Ok(document)
}

/// Reads a RON graph file.
pub fn read(path: &Path) -> Result<GraphDocument> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse(path, &text)
}
