//! The explorer: one self-contained HTML page that draws the network on a canvas and shows
//! the evidence of any edge one click away, offline, from `file://`.
//!
//! The page is the viewer (plain JavaScript and CSS in `src/export/html/`, included at
//! compile time) and the graph as JSON in a `<script type="application/json">` block. Node
//! positions are computed here, once ([`layout`]), so the browser only draws and the file is
//! the same bytes on every run; evidence mentions and cues come as UTF-16 ranges of their
//! sentence ([`anchor`]), ready for JavaScript to highlight.
//!
//! Schema of the JSON block, for anyone reading it: `title`, `meta` (the document header),
//! `palette` (`kinds` and `edges`: kind → CSS colour), `nodes` (each [`NodeRecord`] plus
//! `x`, `y` and `aliases`: the other surface forms its evidence shows), `edges` (`source` and
//! `target` as node indices, the [`EdgeRecord`] counts and scores, `evidence` with
//! `document`, `sentence`, `rule`, `negated`, `text` and the ranges `source`, `target`,
//! `cue` when known). Nodes and edges may carry `dates: [first, last]` (ISO dates): the
//! viewer shows a time range slider when any do.

pub mod anchor;
pub mod layout;

use crate::time::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use serde::Serialize;

use crate::graph::{
    COOCCURRENCE, CorpusStats, EdgeRecord, GraphDocument, GraphOptions, NodeRecord,
};
use crate::text::fold::fold_str;

const PAGE: &str = include_str!("html/page.html");
const STYLE: &str = include_str!("html/viewer.css");
const SCRIPT: &str = include_str!("html/viewer.js");

#[derive(Serialize)]
struct Data<'a> {
    title: String,
    meta: Meta<'a>,
    palette: Palette<'a>,
    nodes: Vec<NodeData<'a>>,
    edges: Vec<EdgeData<'a>>,
}

#[derive(Serialize)]
struct Meta<'a> {
    tool: &'a str,
    gazetteer: &'a str,
    options: &'a GraphOptions,
    corpus: &'a CorpusStats,
}

#[derive(Serialize)]
struct Palette<'a> {
    kinds: BTreeMap<&'a str, &'static str>,
    edges: BTreeMap<&'a str, &'static str>,
}

#[derive(Serialize)]
struct NodeData<'a> {
    #[serde(flatten)]
    record: &'a NodeRecord,
    x: f64,
    y: f64,
    aliases: Vec<&'a str>,
    /// The first and last date the entity is seen on (its `first_seen`, `last_seen`), which
    /// the time slider reads; unset when no document mentioning it is dated.
    #[serde(skip_serializing_if = "Option::is_none")]
    dates: Option<[String; 2]>,
}

#[derive(Serialize)]
struct EdgeData<'a> {
    source: usize,
    target: usize,
    kind: &'a str,
    directed: bool,
    count: u64,
    documents: u64,
    negated: u64,
    pmi: f64,
    npmi: f64,
    llr: f64,
    jaccard: f64,
    weight: f64,
    evidence: Vec<EvidenceData<'a>>,
    /// As [`NodeData::dates`], for the edge's evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    dates: Option<[String; 2]>,
}

#[derive(Serialize)]
struct EvidenceData<'a> {
    document: &'a str,
    sentence: u32,
    rule: &'a str,
    negated: bool,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<(u32, u32)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target: Option<(u32, u32)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: Option<(u32, u32)>,
}

/// Writes the explorer page of `doc`.
pub fn write_html<W: Write>(doc: &GraphDocument, out: &mut W) -> std::io::Result<()> {
    let data = data(doc);
    let title = quick_xml::escape::escape(data.title.as_str());
    let mut rest = PAGE;
    // The template's holes, in the order they appear.
    for (hole, fill) in [
        ("{{TITLE}}", Fill::Text(&title)),
        ("{{STYLE}}", Fill::Text(STYLE)),
        ("{{DATA}}", Fill::Data(&data)),
        ("{{SCRIPT}}", Fill::Text(SCRIPT)),
    ] {
        let (before, after) = rest
            .split_once(hole)
            .expect("the page template has every hole once, in order");
        out.write_all(before.as_bytes())?;
        match fill {
            Fill::Text(text) => out.write_all(text.as_bytes())?,
            Fill::Data(data) => serde_json::to_writer(ScriptSafe(&mut *out), data)?,
        }
        rest = after;
    }
    out.write_all(rest.as_bytes())
}

enum Fill<'a> {
    Text(&'a str),
    Data(&'a Data<'a>),
}

fn data(doc: &GraphDocument) -> Data<'_> {
    let positions = layout::layout(doc);
    let marks = anchor::anchor(doc);
    let index = node_index(doc);
    // Surface forms of each node other than its name, read off the highlighted mentions.
    let mut aliases: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); doc.nodes.len()];
    let mut edges = Vec::with_capacity(doc.edges.len());
    for (edge, marks) in doc.edges.iter().zip(&marks) {
        let (Some(&source), Some(&target)) = (
            index.get(edge.source.as_str()),
            index.get(edge.target.as_str()),
        ) else {
            continue;
        };
        let evidence = edge
            .evidence
            .iter()
            .zip(marks)
            .map(|(ev, m)| {
                for (node, range) in [(source, m.source), (target, m.target)] {
                    if let Some(form) = range.and_then(|r| utf16_slice(&ev.text, r)) {
                        aliases[node].insert(form);
                    }
                }
                EvidenceData {
                    document: &ev.document,
                    sentence: ev.sentence,
                    rule: &ev.rule,
                    negated: ev.negated,
                    text: &ev.text,
                    source: m.source,
                    target: m.target,
                    cue: m.cue,
                }
            })
            .collect();
        edges.push(edge_data(edge, source, target, evidence));
    }
    let nodes = doc
        .nodes
        .iter()
        .zip(positions)
        .zip(aliases)
        .map(|((record, (x, y)), forms)| {
            let name = fold_str(&record.name);
            let mut seen = BTreeSet::new();
            let aliases = forms
                .into_iter()
                .filter(|f| {
                    let folded = fold_str(f);
                    folded != name && seen.insert(folded)
                })
                .collect();
            NodeData {
                record,
                x,
                y,
                aliases,
                dates: dates(record.first_seen, record.last_seen),
            }
        })
        .collect();
    Data {
        title: title(doc),
        meta: Meta {
            tool: &doc.tool,
            gazetteer: &doc.gazetteer,
            options: &doc.options,
            corpus: &doc.corpus,
        },
        palette: palette(doc),
        nodes,
        edges,
    }
}

/// Each node's index in `doc.nodes`, by id.
fn node_index(doc: &GraphDocument) -> BTreeMap<&str, usize> {
    doc.nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect()
}

fn edge_data<'a>(
    edge: &'a EdgeRecord,
    source: usize,
    target: usize,
    evidence: Vec<EvidenceData<'a>>,
) -> EdgeData<'a> {
    EdgeData {
        source,
        target,
        kind: &edge.kind,
        directed: edge.directed,
        count: edge.count,
        documents: edge.documents,
        negated: edge.negated,
        pmi: edge.pmi,
        npmi: edge.npmi,
        llr: edge.llr,
        jaccard: edge.jaccard,
        weight: edge.weight,
        evidence,
        dates: dates(edge.first_seen, edge.last_seen),
    }
}

/// `[first, last]` as ISO dates, for the time slider; `None` unless both are known.
fn dates(first: Option<NaiveDate>, last: Option<NaiveDate>) -> Option<[String; 2]> {
    Some([first?.to_string(), last?.to_string()])
}

fn title(doc: &GraphDocument) -> String {
    let mut title = format!(
        "gazegraph: {} entities, {} edges from {} documents",
        doc.nodes.len(),
        doc.edges.len(),
        doc.corpus.documents
    );
    if !doc.options.filters.is_empty() {
        title += &format!(" ({})", doc.options.filters.join(", "));
    }
    title
}

fn palette(doc: &GraphDocument) -> Palette<'_> {
    // The pictures' palette: a colour per kind and per relation type, the same everywhere.
    let kinds = doc
        .nodes
        .iter()
        .map(|n| (n.kind.as_str(), super::palette::kind(&n.kind).fill))
        .collect();
    let edges = doc
        .edges
        .iter()
        .map(|e| match e.kind.as_str() {
            COOCCURRENCE => (COOCCURRENCE, super::palette::COOCCURRENCE.colour),
            kind => (kind, super::palette::relation(kind).colour),
        })
        .collect();
    Palette { kinds, edges }
}

/// The text of UTF-16 range `r` of `text`; `None` when the range ends past the text, or
/// splits a character. Found by counting units up to the range, not by converting the text.
fn utf16_slice(text: &str, (a, b): (u32, u32)) -> Option<&str> {
    let (a, b) = (a as usize, b as usize);
    if a == b {
        // Empty, wherever it is in the text (even inside a character).
        return (a <= text.encode_utf16().count()).then_some("");
    }
    // Up to `b`, ASCII text (most of it) has as many units as bytes.
    if text.as_bytes()[..b.min(text.len())].is_ascii() {
        return text.get(a..b);
    }
    // `units` is the length in UTF-16 of `text[..i]`.
    let (mut start, mut units) = (None, 0);
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), '\0')))
    {
        if units == a {
            start = Some(i);
        }
        if units == b {
            return Some(&text[start?..i]);
        }
        if units > b {
            return None;
        }
        units += c.len_utf16();
    }
    None
}

/// Writes JSON with every `<` as `\u003c`: the same JSON, but no `</script>` or `<!--` in
/// any string can end the script block it sits in. (`<` only occurs inside JSON strings.)
struct ScriptSafe<W>(W);

impl<W: Write> Write for ScriptSafe<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        let mut rest = buf;
        while let Some(i) = memchr::memchr(b'<', rest) {
            self.0.write_all(&rest[..i])?;
            self.0.write_all(br"\u003c")?;
            rest = &rest[i + 1..];
        }
        self.0.write_all(rest)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

#[cfg(test)]
mod tests;
