//! The graph as a versioned, sorted document: what every export writes and what
//! `gazegraph export` and `gazegraph merge` read back.
//!
//! Nodes are sorted by id, edges by (source, target, kind); every kind and relation type is a
//! string, so readers without our types (Python's `pyron`, networkx) lose nothing.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::corpus::{Field, Locator};
use crate::counts::{CountRow, CountTable};
use crate::error::{Error, Result};
use crate::time::NaiveDate;

/// The format name in every graph document.
pub const FORMAT: &str = "gazegraph-graph";
/// The schema version; bumped on any incompatible change. Version 2 added the document
/// table and the time of nodes and edges (`first_seen`, `last_seen`, `periods`); version 1
/// documents are still read, as graphs of undated documents.
pub const VERSION: u32 = 2;

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
    /// Every document annotated, with its date, sorted by id (then date): what the graph
    /// was built from, and when each item of evidence was published.
    #[serde(default)]
    pub documents: Vec<DocumentRecord>,
}

/// One document the graph was built from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DocumentRecord {
    /// Document id, as evidence cites it.
    pub id: String,
    /// Its date (ISO 8601, `2017-12-31`); left out of the file when undated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Where the date came from: `field`, `option` or `text`; empty when undated.
    pub date_source: String,
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
    /// The unit of the `periods` of nodes and edges: `year`, `quarter`, `month` or `week`
    /// ([`crate::time::Period`]).
    #[serde(default = "default_period")]
    pub period: String,
    /// The parts of articles whose mentions make the graph ([`crate::text::PartSet`]):
    /// `headline,body` by default; every part for a graph written before parts were
    /// recognised.
    #[serde(default = "all_parts")]
    pub parts: String,
}

/// The period of a version 1 document, which has none: the default unit.
fn default_period() -> String {
    crate::time::Period::default().to_string()
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
    /// Documents annotated that have a date (the others are undated).
    #[serde(default)]
    pub dated: u64,
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
    /// The date of the first dated document mentioning it; left out when none is dated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<NaiveDate>,
    /// The date of the last dated document mentioning it; left out when none is dated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<NaiveDate>,
    /// Mentions per period ([`GraphOptions::period`]) as `(label, mentions)`, in time order,
    /// periods without mentions left out; mentions in undated documents are in no period.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<(String, u64)>,
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
    /// The date of the first dated document with such a window or statement; left out when
    /// none is dated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<NaiveDate>,
    /// The date of the last dated document with such a window or statement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<NaiveDate>,
    /// `count` per period as `(label, count)`, in time order, as [`NodeRecord::periods`].
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub periods: Vec<(String, u64)>,
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

/// A byte range in a document, and where it lies in the input's fields (see
/// [`crate::corpus::Locator`]), so that a notebook can slice the record it read:
/// `record[field][char_start:char_end]` in Python. The field offsets were added after the
/// document offsets, which merge and the explorer use; a graph written before them reads
/// them as `text` and zero.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte in the document's text.
    pub start: u64,
    /// One past the last byte in the document's text.
    pub end: u64,
    /// The input field the span lies in: `title` or `text`.
    #[serde(default)]
    pub field: Field,
    /// First byte in the field.
    #[serde(default)]
    pub field_start: u64,
    /// One past the last byte in the field.
    #[serde(default)]
    pub field_end: u64,
    /// First character (code point) in the field.
    #[serde(default)]
    pub char_start: u64,
    /// One past the last character in the field.
    #[serde(default)]
    pub char_end: u64,
}

impl Span {
    /// The span of `range` in the document `locator` reads.
    pub fn of(locator: &Locator<'_>, range: std::ops::Range<usize>) -> Span {
        let at = locator.locate(range.clone());
        Span {
            start: range.start as u64,
            end: range.end as u64,
            field: at.field,
            field_start: at.start as u64,
            field_end: at.end as u64,
            char_start: at.char_start as u64,
            char_end: at.char_end as u64,
        }
    }
}

/// Puts nodes and edges in canonical order.
pub(crate) fn sort(document: &mut GraphDocument) {
    document.nodes.sort_by(|a, b| a.id.cmp(&b.id));
    document
        .edges
        .sort_by(|a, b| (&a.source, &a.target, &a.kind).cmp(&(&b.source, &b.target, &b.kind)));
    document.documents.sort();
}

/// Reads a document written by [`crate::export::Format::Ron`] and [`validate`]s it; errors
/// name `path`, line and column (of the offending node or edge when the RON is well formed but
/// the graph is not).
pub fn parse(path: &Path, text: &str) -> Result<GraphDocument> {
    let mut document: GraphDocument = crate::gazetteer::ron_options()
        .from_str(text)
        .map_err(|e| Error::ron(path.to_owned(), e))?;
    validate(&document)
        .map_err(|flaw| Error::at(path, text, locate(text, flaw.place), flaw.message))?;
    // A version 1 document read is a version 2 one without dates: it is written as such.
    document.version = VERSION;
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

impl std::fmt::Display for Flaw {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<Flaw> for Error {
    fn from(flaw: Flaw) -> Error {
        Error::InvalidDocument(flaw)
    }
}

/// Checks what readers rely on and the format promises: its name and version, nodes strictly
/// sorted by id (so no duplicates), edges strictly sorted by (source, target, kind), every edge
/// naming known nodes, and co-occurrence edges written with `source` < `target`. Every reader
/// ([`read`], and [`crate::graph::merge()`] for documents from elsewhere) goes through it, so an
/// edited or truncated file is refused rather than silently miscounted.
pub fn validate(document: &GraphDocument) -> std::result::Result<(), Flaw> {
    validate_header(document)?;
    validate_nodes(document)?;
    validate_edges(document)?;
    validate_periods(document)
}

/// A flaw at `place`.
fn flaw(place: Place, message: String) -> std::result::Result<(), Flaw> {
    Err(Flaw { place, message })
}

/// The format's name and version.
fn validate_header(document: &GraphDocument) -> std::result::Result<(), Flaw> {
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
    if document.version != VERSION && document.version != 1 {
        return flaw(
            Place::Field("version"),
            format!(
                "graph schema version {} is not one this gazegraph reads (1 to {VERSION})",
                document.version,
            ),
        );
    }
    Ok(())
}

/// Nodes strictly sorted by id.
fn validate_nodes(document: &GraphDocument) -> std::result::Result<(), Flaw> {
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
    Ok(())
}

/// Edges strictly sorted, naming known nodes, co-occurrences with `source` < `target`.
fn validate_edges(document: &GraphDocument) -> std::result::Result<(), Flaw> {
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

/// A period unit the reader knows, and node and edge periods named in it, in time order: the
/// timeline and GEXF read them as dates, and must not drop one silently.
fn validate_periods(document: &GraphDocument) -> std::result::Result<(), Flaw> {
    let Ok(unit) = document.options.period.parse::<crate::time::Period>() else {
        let message = format!(
            "unknown period `{}`: use year, quarter, month or week",
            document.options.period
        );
        return flaw(Place::Field("options"), message);
    };
    let records = (document.nodes.iter().enumerate())
        .map(|(i, n)| (Place::Node(i), &n.periods))
        .chain((document.edges.iter().enumerate()).map(|(i, e)| (Place::Edge(i), &e.periods)));
    for (place, periods) in records {
        let mut previous = None;
        for (label, _) in periods {
            let Some((start, _)) = unit.bounds(label) else {
                return flaw(place, format!("period `{label}` is not a {unit}"));
            };
            if previous.is_some_and(|p| p >= start) {
                return flaw(place, format!("period `{label}` is out of time order"));
            }
            previous = Some(start);
        }
    }
    Ok(())
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
mod tests;
