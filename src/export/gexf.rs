//! GEXF 1.3 in dynamic mode, for Gephi's timeline (and networkx's `read_gexf`).
//!
//! Every node and edge carries its fields as static attributes and, when the graph is dated,
//! its time: `spells`, one per run of consecutive periods in which it was seen (so Gephi's
//! timeline shows it only then), and a dynamic attribute holding its count in each period
//! ([`crate::graph::GraphOptions::period`]). An undated node or edge has no spell: GEXF
//! then lets it exist at every time.
//!
//! The graph is `defaultedgetype="directed"`, because relations are; a co-occurrence edge is
//! `type="mutual"`, which Gephi and networkx (`read_gexf` adds both arcs) read as symmetric.
//! Evidence, a list, is flattened into its JSON text, as in GraphML.

use std::io::Write;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use super::graphml::{EDGE_KEYS, NODE_KEYS, Value, edge_data, node_data};
use super::xml::{Context, Tag};
use crate::graph::GraphDocument;
use crate::time::{NaiveDate, Period};

const NAMESPACE: &str = "http://gexf.net/1.3";
const SCHEMA: &str = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd";

/// GraphML's node attributes that GEXF gives otherwise: `label` and `name` are the node's
/// `label`, `periods` its dynamic values and spells.
const NODE_OTHERWISE: [&str; 3] = ["label", "name", "periods"];
/// GraphML's edge attributes that GEXF gives otherwise: `key` and `label` are the edge's
/// `label`, `weight` its `weight`, `periods` its dynamic values and spells; GEXF needs no
/// `mirror`, since an undirected edge is one `mutual` edge.
const EDGE_OTHERWISE: [&str; 5] = ["key", "label", "weight", "mirror", "periods"];

/// The dynamic attribute of nodes, mentions in each period. Its title differs from the static
/// `mentions`, which networkx would otherwise overwrite.
const NODE_PERIODS: &str = "period_mentions";
/// The dynamic attribute of edges, the edge's count in each period.
const EDGE_PERIODS: &str = "period_count";

/// Streams the document as GEXF into `out`, ending with a newline.
pub fn write_gexf<W: Write>(doc: &GraphDocument, out: &mut W) -> std::io::Result<()> {
    write(&mut Writer::new_with_indent(&mut *out, b' ', 2), doc)?;
    out.write_all(b"\n")
}

/// The static attributes of GraphML's `keys` that GEXF gives as attributes, with their types.
fn statics<'k>(
    keys: &'k [(&'k str, &'k str)],
    otherwise: &'k [&str],
) -> impl Iterator<Item = (&'k str, &'k str)> + 'k {
    keys.iter()
        .copied()
        .filter(|(name, _)| !otherwise.contains(name))
}

/// A period's first and last day, for spells and dynamic values.
type Interval = (NaiveDate, NaiveDate);

/// `periods` as intervals, in time order; [`crate::graph::document::validate`] refuses a
/// document with a label its unit cannot read, so none is left out of a document read back.
fn intervals(unit: Period, periods: &[(String, u64)]) -> Vec<(Interval, u64)> {
    periods
        .iter()
        .filter_map(|(label, count)| Some((unit.bounds(label)?, *count)))
        .collect()
}

/// Consecutive intervals joined into spells: a node seen in March, April and June has two.
fn spells(periods: &[(Interval, u64)]) -> Vec<Interval> {
    let mut spells: Vec<Interval> = Vec::new();
    for &((start, end), _) in periods {
        match spells.last_mut() {
            Some(last) if last.1.succ_opt() == Some(start) => last.1 = end,
            _ => spells.push((start, end)),
        }
    }
    spells
}

fn write<W: Write>(w: &mut Writer<W>, doc: &GraphDocument) -> std::io::Result<()> {
    // Validated on read (`graph::document::validate`).
    let unit: Period = doc.options.period.parse().unwrap_or_default();
    let dated = doc.nodes.iter().any(|n| !n.periods.is_empty());
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.create_element("gexf")
        .with_attribute(("xmlns", NAMESPACE))
        .with_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"))
        .with_attribute(("xsi:schemaLocation", SCHEMA))
        .with_attribute(("version", "1.3"))
        .write_inner_content(|w| {
            w.create_element("meta").write_inner_content(|w| {
                w.create_element("creator")
                    .write_text_content(BytesText::new(&format!("gazegraph {}", doc.tool)))?;
                let description = format!(
                    "{} documents; gazetteer {}; co-occurrence window {}; periods of a {}",
                    doc.corpus.documents, doc.gazetteer, doc.options.window, unit
                );
                w.create_element("description")
                    .write_text_content(BytesText::new(&description))?;
                Ok(())
            })?;
            let mut graph = w
                .create_element("graph")
                .with_attribute(("defaultedgetype", "directed"))
                .with_attribute(("idtype", "string"));
            if dated {
                graph = graph
                    .with_attribute(("mode", "dynamic"))
                    .with_attribute(("timeformat", "date"))
                    .with_attribute(("timerepresentation", "interval"));
            } else {
                graph = graph.with_attribute(("mode", "static"));
            }
            graph.write_inner_content(|w| {
                declare(w, "node", "static", statics(&NODE_KEYS, &NODE_OTHERWISE))?;
                declare(w, "edge", "static", statics(&EDGE_KEYS, &EDGE_OTHERWISE))?;
                if dated {
                    declare(w, "node", "dynamic", [(NODE_PERIODS, "long")])?;
                    declare(w, "edge", "dynamic", [(EDGE_PERIODS, "long")])?;
                }
                write_nodes(w, doc, unit)?;
                write_edges(w, doc, unit)?;
                Ok(())
            })?;
            Ok(())
        })?;
    Ok(())
}

/// Tags and buffers reused for every node, edge and value, rather than a string or two per
/// attribute.
struct Scratch {
    attvalue: Tag,
    spell: Tag,
    /// A value, escaped.
    text: String,
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            attvalue: Tag::new("attvalue"),
            spell: Tag::new("spell"),
            text: String::new(),
        }
    }
}

/// The `<nodes>`, each with its static values, values per period and spells.
fn write_nodes<W: Write>(
    w: &mut Writer<W>,
    doc: &GraphDocument,
    unit: Period,
) -> std::io::Result<()> {
    let count = doc.nodes.len().to_string();
    let (mut node, mut scratch) = (Tag::new("node"), Scratch::new());
    w.create_element("nodes")
        .with_attribute(("count", count.as_str()))
        .write_inner_content(|w| {
            for n in &doc.nodes {
                let periods = intervals(unit, &n.periods);
                node.clear()
                    .attr("id", &n.id)
                    .attr("label", &n.name)
                    .around(w, |w| {
                        let values = NODE_KEYS.iter().zip(node_data(n));
                        let values = values.filter(|((name, _), _)| !NODE_OTHERWISE.contains(name));
                        let values = values.map(|((name, _), value)| (*name, value));
                        values_and_spells(w, values, NODE_PERIODS, &periods, &mut scratch)
                    })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// The `<edges>`: relations `directed`, co-occurrences and symmetric relations `mutual`.
fn write_edges<W: Write>(
    w: &mut Writer<W>,
    doc: &GraphDocument,
    unit: Period,
) -> std::io::Result<()> {
    let count = doc.edges.len().to_string();
    let (mut edge, mut scratch) = (Tag::new("edge"), Scratch::new());
    let mut evidence = Vec::new();
    w.create_element("edges")
        .with_attribute(("count", count.as_str()))
        .write_inner_content(|w| {
            for (i, e) in doc.edges.iter().enumerate() {
                evidence.clear();
                serde_json::to_writer(&mut evidence, &e.evidence)?;
                let evidence = std::str::from_utf8(&evidence).expect("JSON is written as UTF-8");
                let periods = intervals(unit, &e.periods);
                edge.clear()
                    .display("id", format_args!("e{i}"))
                    .attr("source", &e.source)
                    .attr("target", &e.target)
                    .attr("type", if e.directed { "directed" } else { "mutual" })
                    .attr("label", &e.kind);
                // xs:double has no `inf`.
                if e.weight.is_finite() {
                    edge.display("weight", e.weight);
                }
                edge.around(w, |w| {
                    let values = EDGE_KEYS.iter().zip(edge_data(e, evidence, false));
                    let values = values.filter(|((name, _), _)| !EDGE_OTHERWISE.contains(name));
                    let values = values.map(|((name, _), value)| (*name, value));
                    values_and_spells(w, values, EDGE_PERIODS, &periods, &mut scratch)
                })?;
            }
            Ok(())
        })?;
    Ok(())
}

/// An `<attributes>` block declaring `attributes` for `class` (`node` or `edge`).
fn declare<'k, W: Write>(
    w: &mut Writer<W>,
    class: &str,
    mode: &str,
    attributes: impl IntoIterator<Item = (&'k str, &'k str)>,
) -> std::io::Result<()> {
    w.create_element("attributes")
        .with_attribute(("class", class))
        .with_attribute(("mode", mode))
        .write_inner_content(|w| {
            for (name, ty) in attributes {
                w.create_element("attribute")
                    .with_attribute(("id", name))
                    .with_attribute(("title", name))
                    .with_attribute(("type", ty))
                    .write_empty()?;
            }
            Ok(())
        })?;
    Ok(())
}

/// A node's or edge's `<attvalues>` (static values, then one dynamic value per period) and
/// its `<spells>`.
fn values_and_spells<'a, W: Write>(
    w: &mut Writer<W>,
    values: impl Iterator<Item = (&'a str, Value<'a>)>,
    dynamic: &str,
    periods: &[(Interval, u64)],
    scratch: &mut Scratch,
) -> std::io::Result<()> {
    let Scratch {
        attvalue,
        spell,
        text,
    } = scratch;
    w.create_element("attvalues").write_inner_content(|w| {
        for (name, value) in values {
            if value.spelled() {
                value.write(Context::Attribute, text);
                attvalue
                    .clear()
                    .attr("for", name)
                    .escaped("value", text)
                    .empty(w)?;
            }
        }
        for ((start, end), count) in periods {
            attvalue
                .clear()
                .attr("for", dynamic)
                .display("value", count)
                .display("start", start)
                .display("end", end)
                .empty(w)?;
        }
        Ok(())
    })?;
    let spells = spells(periods);
    if !spells.is_empty() {
        w.create_element("spells").write_inner_content(|w| {
            for (start, end) in spells {
                spell
                    .clear()
                    .display("start", start)
                    .display("end", end)
                    .empty(w)?;
            }
            Ok(())
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
