//! GraphML, for networkx (`read_graphml`), Gephi, yEd and Cytoscape.
//!
//! The graph is `edgedefault="directed"`, because relations are directed; an undirected
//! edge (data attribute `directed=false`) is written as two arcs, the second its
//! mirror (`mirror=true`, no evidence), so that it reads as symmetric in networkx and Gephi
//! (see `arcs.rs`; networkx rejects the `directed` XML attribute on edges of a directed
//! graph, so a mixed graph is not an option). Every node and edge field is a typed `<key>`; evidence, a list, is flattened into
//! its JSON text. Nodes also carry `label` (the name) and edges `label` (the kind), which
//! Gephi shows; edges carry `key` (the kind), which networkx uses as the multigraph key, as
//! in the JSON export.
//!
//! XML 1.0 cannot hold most control characters, even escaped: they are written as U+FFFD
//! (`xml.rs`).

use std::borrow::Cow;
use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, Event};

use super::arcs::arcs;
use super::xml::{Context, Tag, escape};
use crate::graph::{EdgeRecord, GraphDocument, NodeRecord};
use crate::time::NaiveDate;

const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";
const SCHEMA: &str =
    "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";

/// A data value and its GraphML `attr.type`.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value<'a> {
    String(Cow<'a, str>),
    Long(u64),
    Double(f64),
    Boolean(bool),
    /// No value (an unknown coordinate): no `<data>` element, as GraphML allows; the type is
    /// the key's.
    Absent(&'static str),
}

impl Value<'_> {
    /// The `attr.type` of the value, which the tests check against the keys.
    #[cfg(test)]
    fn type_name(&self) -> &'static str {
        match self {
            Value::String(_) => "string",
            Value::Long(_) => "long",
            Value::Double(_) => "double",
            Value::Boolean(_) => "boolean",
            Value::Absent(ty) => ty,
        }
    }

    /// Whether the value is written at all: not absent, nor a number XML Schema's `double`
    /// cannot spell (infinite), which GEXF leaves out.
    pub(super) fn spelled(&self) -> bool {
        match self {
            Value::Double(x) => x.is_finite(),
            Value::Absent(_) => false,
            _ => true,
        }
    }

    /// Replaces `out` with the value escaped for `context`.
    pub(super) fn write(&self, context: Context, out: &mut String) {
        use std::fmt::Write;
        out.clear();
        // Numbers and booleans never need escaping.
        match self {
            Value::String(s) => escape(s, context, out),
            Value::Long(n) => write!(out, "{n}").expect("writing to a String cannot fail"),
            Value::Double(x) => write!(out, "{x}").expect("writing to a String cannot fail"),
            Value::Boolean(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Absent(_) => {}
        }
    }
}

fn string(s: &str) -> Value<'_> {
    Value::String(Cow::Borrowed(s))
}

/// Graph attributes (name, type), in output order; [`graph_data`] gives their values.
const GRAPH_KEYS: [(&str, &str); 16] = [
    ("format", "string"),
    ("version", "long"),
    ("tool", "string"),
    ("gazetteer", "string"),
    ("window", "string"),
    ("evidence_cap", "long"),
    ("weight_measure", "string"),
    ("filters", "string"),
    ("corpus_documents", "long"),
    ("corpus_skipped", "long"),
    ("corpus_bytes", "long"),
    ("corpus_mentions", "long"),
    ("corpus_windows", "long"),
    ("edge_kinds", "string"),
    ("corpus_dated", "long"),
    ("period", "string"),
];

/// Node attributes (name, type), in output order; [`node_data`] gives their values.
pub(super) const NODE_KEYS: [(&str, &str); 18] = [
    ("label", "string"),
    ("name", "string"),
    ("kind", "string"),
    ("category", "string"),
    ("country", "string"),
    ("mentions", "long"),
    ("documents", "long"),
    ("windows", "long"),
    ("degree", "long"),
    ("weighted_degree", "double"),
    ("pagerank", "double"),
    ("betweenness", "double"),
    ("community", "long"),
    ("latitude", "double"),
    ("longitude", "double"),
    ("first_seen", "string"),
    ("last_seen", "string"),
    ("periods", "string"),
];

/// Edge attributes (name, type), in output order; [`edge_data`] gives their values.
pub(super) const EDGE_KEYS: [(&str, &str); 18] = [
    ("key", "string"),
    ("label", "string"),
    ("kind", "string"),
    ("directed", "boolean"),
    ("count", "long"),
    ("documents", "long"),
    ("negated", "long"),
    ("pmi", "double"),
    ("npmi", "double"),
    ("llr", "double"),
    ("jaccard", "double"),
    ("weight", "double"),
    ("evidence_count", "long"),
    ("evidence", "string"),
    ("mirror", "boolean"),
    ("first_seen", "string"),
    ("last_seen", "string"),
    ("periods", "string"),
];

fn graph_data(doc: &GraphDocument) -> [Value<'_>; 16] {
    let c = &doc.corpus;
    let mut kinds: Vec<&str> = doc.edges.iter().map(|e| e.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let filters = serde_json::to_string(&doc.options.filters).expect("strings serialise");
    [
        string(&doc.format),
        Value::Long(doc.version.into()),
        string(&doc.tool),
        string(&doc.gazetteer),
        string(&doc.options.window),
        Value::Long(doc.options.evidence_cap.into()),
        string(&doc.options.weight),
        Value::String(filters.into()),
        Value::Long(c.documents),
        Value::Long(c.skipped),
        Value::Long(c.bytes),
        Value::Long(c.mentions),
        Value::Long(c.windows),
        Value::String(kinds.join(",").into()),
        Value::Long(c.dated),
        string(&doc.options.period),
    ]
}

pub(super) fn node_data(n: &NodeRecord) -> [Value<'_>; 18] {
    let [first, last, periods] = time_data(n.first_seen, n.last_seen, &n.periods);
    [
        string(&n.name),
        string(&n.name),
        string(&n.kind),
        string(&n.category),
        string(&n.country),
        Value::Long(n.mentions),
        Value::Long(n.documents),
        Value::Long(n.windows),
        Value::Long(n.degree),
        Value::Double(n.weighted_degree),
        Value::Double(n.pagerank),
        Value::Double(n.betweenness),
        Value::Long(n.community.into()),
        n.latitude.map_or(Value::Absent("double"), Value::Double),
        n.longitude.map_or(Value::Absent("double"), Value::Double),
        first,
        last,
        periods,
    ]
}

/// `first_seen`, `last_seen` (ISO dates) and `periods` (as JSON text), absent when undated.
fn time_data<'a>(
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    periods: &[(String, u64)],
) -> [Value<'a>; 3] {
    let date = |d: Option<NaiveDate>| {
        d.map_or(Value::Absent("string"), |d| {
            Value::String(d.to_string().into())
        })
    };
    let periods = match super::periods_json(periods) {
        Some(json) => Value::String(json.into()),
        None => Value::Absent("string"),
    };
    [date(first), date(last), periods]
}

/// `evidence` is the edge's evidence as JSON text.
pub(super) fn edge_data<'a>(e: &'a EdgeRecord, evidence: &'a str, mirror: bool) -> [Value<'a>; 18] {
    let [first, last, periods] = time_data(e.first_seen, e.last_seen, &e.periods);
    [
        string(&e.kind),
        string(&e.kind),
        string(&e.kind),
        Value::Boolean(e.directed),
        Value::Long(e.count),
        Value::Long(e.documents),
        Value::Long(e.negated),
        Value::Double(e.pmi),
        Value::Double(e.npmi),
        Value::Double(e.llr),
        Value::Double(e.jaccard),
        Value::Double(e.weight),
        Value::Long(e.evidence.len() as u64),
        string(evidence),
        Value::Boolean(mirror),
        first,
        last,
        periods,
    ]
}

/// The key id of attribute `name` of `domain` (`graph`, `node`, `edge`), like `n_mentions`.
fn key_id(domain: &str, name: &str) -> String {
    format!("{}_{name}", &domain[..1])
}

/// The document as GraphML, ending with a newline.
/// Streamed into `out`.
pub(crate) fn write_graphml<W: Write>(doc: &GraphDocument, out: &mut W) -> std::io::Result<()> {
    write(&mut Writer::new_with_indent(&mut *out, b' ', 2), doc)?;
    out.write_all(b"\n")
}

fn write<W: Write>(w: &mut Writer<W>, doc: &GraphDocument) -> std::io::Result<()> {
    // One `<data key="...">` tag per key, made once.
    let tags = |domain: &str, keys: &[(&str, &str)]| -> Vec<Tag> {
        let tag = |name| {
            let mut tag = Tag::new("data");
            tag.attr("key", &key_id(domain, name));
            tag
        };
        keys.iter().map(|(name, _)| tag(name)).collect()
    };
    let (graph_tags, node_tags, edge_tags) = (
        tags("graph", &GRAPH_KEYS),
        tags("node", &NODE_KEYS),
        tags("edge", &EDGE_KEYS),
    );
    // Tags and buffers reused for every node, edge and value, rather than a string or two
    // per `<data>`.
    let (mut node, mut edge) = (Tag::new("node"), Tag::new("edge"));
    let (mut text, mut evidence) = (String::new(), Vec::new());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("graphml")
        .with_attribute(("xmlns", NAMESPACE))
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .with_attribute(("xsi:schemaLocation", SCHEMA))
        .write_inner_content(|w| {
            for (domain, keys) in [
                ("graph", &GRAPH_KEYS[..]),
                ("node", &NODE_KEYS[..]),
                ("edge", &EDGE_KEYS[..]),
            ] {
                for (name, ty) in keys {
                    w.create_element("key")
                        .with_attribute(("id", key_id(domain, name).as_str()))
                        .with_attribute(("for", domain))
                        .with_attribute(("attr.name", *name))
                        .with_attribute(("attr.type", *ty))
                        .write_empty()?;
                }
            }
            w.create_element("graph")
                .with_attribute(("id", "gazegraph"))
                .with_attribute(("edgedefault", "directed"))
                .write_inner_content(|w| {
                    write_data(w, &graph_tags, &graph_data(doc), &mut text)?;
                    for n in &doc.nodes {
                        node.clear()
                            .attr("id", &n.id)
                            .around(w, |w| write_data(w, &node_tags, &node_data(n), &mut text))?;
                    }
                    for arc in arcs(doc) {
                        let e = &*arc.edge;
                        evidence.clear();
                        serde_json::to_writer(&mut evidence, &e.evidence)?;
                        let evidence =
                            std::str::from_utf8(&evidence).expect("JSON is written as UTF-8");
                        edge.clear()
                            .attr("source", &e.source)
                            .attr("target", &e.target)
                            .around(w, |w| {
                                let data = edge_data(e, evidence, arc.mirror);
                                write_data(w, &edge_tags, &data, &mut text)
                            })?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

/// Writes one `<data>` element per value, each in its key's tag; `text` is scratch space.
fn write_data<W: Write>(
    w: &mut Writer<W>,
    tags: &[Tag],
    values: &[Value<'_>],
    text: &mut String,
) -> std::io::Result<()> {
    debug_assert_eq!(tags.len(), values.len());
    for (tag, value) in tags.iter().zip(values) {
        if matches!(value, Value::Absent(_)) {
            continue;
        }
        value.write(Context::Text, text);
        tag.text(w, text)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
