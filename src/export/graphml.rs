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
//! XML 1.0 cannot hold most control characters, even escaped: they are written as U+FFFD.

use std::borrow::Cow;
use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::arcs::arcs;
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

    /// The value as plain text, for an XML attribute; `None` when absent, or a number XML
    /// Schema's `double` cannot spell (infinite).
    pub(super) fn plain(&self) -> Option<Cow<'_, str>> {
        match self {
            Value::String(s) => Some(Cow::Borrowed(s.as_ref())),
            Value::Long(n) => Some(n.to_string().into()),
            Value::Double(x) => x.is_finite().then(|| x.to_string().into()),
            Value::Boolean(b) => Some(b.to_string().into()),
            Value::Absent(_) => None,
        }
    }

    /// Replaces `text` with the value as escaped XML text.
    fn write_text(&self, text: &mut String) {
        use std::fmt::Write;
        text.clear();
        // Numbers and booleans never need escaping.
        match self {
            Value::String(s) => escape_text(s, text),
            Value::Long(n) => write!(text, "{n}").expect("writing to a String cannot fail"),
            Value::Double(x) => write!(text, "{x}").expect("writing to a String cannot fail"),
            Value::Boolean(b) => text.push_str(if *b { "true" } else { "false" }),
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
    let ids = |domain: &str, keys: &[(&str, &str)]| -> Vec<String> {
        keys.iter().map(|(name, _)| key_id(domain, name)).collect()
    };
    let (graph_ids, node_ids, edge_ids) = (
        ids("graph", &GRAPH_KEYS),
        ids("node", &NODE_KEYS),
        ids("edge", &EDGE_KEYS),
    );
    // Buffers reused for every value, rather than a string or two per `<data>`.
    let (mut text, mut evidence) = (String::new(), Vec::new());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("graphml")
        .with_attribute(("xmlns", NAMESPACE))
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .with_attribute(("xsi:schemaLocation", SCHEMA))
        .write_inner_content(|w| {
            for (domain, keys, ids) in [
                ("graph", &GRAPH_KEYS[..], &graph_ids),
                ("node", &NODE_KEYS[..], &node_ids),
                ("edge", &EDGE_KEYS[..], &edge_ids),
            ] {
                for ((name, ty), id) in keys.iter().zip(ids) {
                    w.create_element("key")
                        .with_attribute(("id", id.as_str()))
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
                    write_data(w, &graph_ids, &graph_data(doc), &mut text)?;
                    for n in &doc.nodes {
                        w.create_element("node")
                            .with_attribute(("id", xml_safe(&n.id).as_ref()))
                            .write_inner_content(|w| {
                                write_data(w, &node_ids, &node_data(n), &mut text)
                            })?;
                    }
                    for arc in arcs(doc) {
                        let e = &*arc.edge;
                        evidence.clear();
                        serde_json::to_writer(&mut evidence, &e.evidence)?;
                        let evidence =
                            std::str::from_utf8(&evidence).expect("JSON is written as UTF-8");
                        w.create_element("edge")
                            .with_attribute(("source", xml_safe(&e.source).as_ref()))
                            .with_attribute(("target", xml_safe(&e.target).as_ref()))
                            .write_inner_content(|w| {
                                let data = edge_data(e, evidence, arc.mirror);
                                write_data(w, &edge_ids, &data, &mut text)
                            })?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

/// Writes one `<data>` element per value; `text` is scratch space.
fn write_data<W: Write>(
    w: &mut Writer<W>,
    ids: &[String],
    values: &[Value<'_>],
    text: &mut String,
) -> std::io::Result<()> {
    debug_assert_eq!(ids.len(), values.len());
    for (id, value) in ids.iter().zip(values) {
        if matches!(value, Value::Absent(_)) {
            continue;
        }
        value.write_text(text);
        w.create_element("data")
            .with_attribute(("key", id.as_str()))
            .write_text_content(BytesText::from_escaped(text.as_str()))?;
    }
    Ok(())
}

/// Whether XML 1.0 forbids `c` even escaped: C0 controls other than tab, newline and
/// carriage return; U+FFFE and U+FFFF.
fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// Whether `s` might hold a [`forbidden`] character, judged by its bytes: a C0 control or
/// the lead byte of U+F000..U+FFFF. Almost all text has neither.
fn suspect(s: &str) -> bool {
    s.bytes().any(|b| b < 0x20 || b == 0xef)
}

/// `s` with [`forbidden`] characters replaced by U+FFFD.
pub(super) fn xml_safe(s: &str) -> Cow<'_, str> {
    if suspect(s) && s.contains(forbidden) {
        s.replace(forbidden, "\u{FFFD}").into()
    } else {
        s.into()
    }
}

/// Appends `s` to `out` as XML text: [`xml_safe`], then escaped as
/// `quick_xml::escape::partial_escape` does (`<`, `>`, `&` and carriage return), allocating
/// nothing for most text. Quotes need no escape outside attributes, and evidence is JSON full
/// of them: escaping them made GraphML a sixth larger.
fn escape_text(s: &str, out: &mut String) {
    let s = xml_safe(s);
    let mut rest = s.as_ref();
    while let Some(i) = rest
        .bytes()
        .position(|b| matches!(b, b'<' | b'>' | b'&' | b'\r'))
    {
        out.push_str(&rest[..i]);
        out.push_str(match rest.as_bytes()[i] {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            _ => "&#13;",
        });
        rest = &rest[i + 1..];
    }
    out.push_str(rest);
}

#[cfg(test)]
mod tests;
