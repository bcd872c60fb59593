//! Graphviz DOT, built as a `graphviz-rust` syntax tree and printed by its printer.
//!
//! The drawing is a `digraph`: co-occurrence edges carry `dir=none`, typed relations are
//! arrows labelled with their type, in the fixed colour and arrowhead of
//! the palette (heads at both ends for symmetric types such as `meets`),
//! dashed when some statements were negated. Nodes are shaped by kind and filled by kind or
//! community; their area grows with mentions and their label with PageRank. The caption and
//! the legend are one HTML-like table, the graph's label, which no layout can overlap.
//!
//! The graph names its layout engine (Graphviz honours a `layout` attribute before the
//! program's name or `-K`) with overlap removal and edge routing chosen for its size, so that
//! `dot -Tsvg graph.dot` returns within seconds for any graph written.
//!
//! Every id and every label is a quoted, escaped string, whatever characters it holds, so the
//! output is valid DOT for any entity name; it renders with `dot` and `sfdp` without warnings.

use std::collections::BTreeSet;

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use super::palette::{self, EdgeStyle};
use crate::error::UnknownName;
use crate::graph::{COOCCURRENCE, EdgeRecord, GraphDocument, NodeRecord};

/// Fonts, in order of preference (Graphviz passes the list to fontconfig / the SVG viewer).
const FONT: &str = "Helvetica,Arial,sans-serif";

/// What fills the nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Colour {
    /// The entity kind's colour.
    #[default]
    Kind,
    /// The community's colour (the shape still tells the kind).
    Community,
}

impl std::str::FromStr for Colour {
    type Err = UnknownName;

    fn from_str(s: &str) -> Result<Colour, UnknownName> {
        match s {
            "kind" => Ok(Colour::Kind),
            "community" => Ok(Colour::Community),
            _ => Err(UnknownName::new("colouring", s, "kind or community")),
        }
    }
}

/// How a picture is drawn.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Style {
    /// The layout engine written in the graph; `None` picks one by size ([`layout_for`]).
    pub layout: Option<String>,
    /// What fills the nodes.
    pub colour: Colour,
    /// Entities and edges of the graph this one was cut from, for the caption; `None` when
    /// it is the whole graph.
    pub whole: Option<(usize, usize)>,
    /// Pin the entities that have coordinates to their place on an equirectangular map and
    /// lay the others out around them (`neato`).
    pub geo: bool,
}

/// Where `--layout geo` pins entities: an equirectangular projection whose standard parallel
/// is the middle latitude of the entities placed, scaled so that they span [`MAP_WIDTH`].
struct Map {
    /// Points per degree of longitude.
    scale: f64,
    /// Shrinks longitude so that shapes near the standard parallel keep their proportions.
    parallel: f64,
    /// The westmost and southmost coordinates, placed at the origin.
    west: f64,
    south: f64,
}

/// The width, in inches (neato reads input positions in inches), that the placed entities
/// span on a map.
const MAP_WIDTH: f64 = 20.0;

impl Map {
    /// The map of `doc`'s entities with coordinates; `None` when fewer than two have them.
    fn of(doc: &GraphDocument) -> Option<Map> {
        let placed: Vec<(f64, f64)> = doc.nodes.iter().filter_map(coordinates).collect();
        if placed.len() < 2 {
            return None;
        }
        let fold = |pick: fn(&(f64, f64)) -> f64, f: fn(f64, f64) -> f64, start: f64| {
            placed.iter().map(pick).fold(start, f)
        };
        let (south, north) = (
            fold(|p| p.0, f64::min, 90.0),
            fold(|p| p.0, f64::max, -90.0),
        );
        let (west, east) = (
            fold(|p| p.1, f64::min, 180.0),
            fold(|p| p.1, f64::max, -180.0),
        );
        let parallel = ((south + north) / 2.0).to_radians().cos().max(0.2);
        let span = ((east - west) * parallel).max(north - south).max(1.0);
        Some(Map {
            scale: MAP_WIDTH / span,
            parallel,
            west,
            south,
        })
    }

    /// A pinned Graphviz position, in inches.
    fn pos(&self, (latitude, longitude): (f64, f64)) -> String {
        let x = (longitude - self.west) * self.parallel * self.scale;
        let y = (latitude - self.south) * self.scale;
        format!("{x:.3},{y:.3}!")
    }
}

/// An entity's (latitude, longitude), when both are known and finite.
fn coordinates(n: &NodeRecord) -> Option<(f64, f64)> {
    match (n.latitude, n.longitude) {
        (Some(lat), Some(lon)) if lat.is_finite() && lon.is_finite() => Some((lat, lon)),
        _ => None,
    }
}

/// The document as a DOT `digraph`, laid out as suits its size: [`super::Format::Dot`].
pub(crate) fn to_dot(doc: &GraphDocument) -> String {
    to_dot_with(doc, &Style::default())
}

/// The document as a DOT `digraph`, drawn as `style` says.
pub fn to_dot_with(doc: &GraphDocument, style: &Style) -> String {
    graph(doc, style).print(&mut PrinterContext::default()) + "\n"
}

/// Most entities `dot` lays out within seconds with labelled edges (it ranks every edge
/// label as a node of its own; 120 entities and 600 edges take about two seconds).
pub const DOT_NODES: usize = 120;

/// Most edges for the `dot` engine; see [`DOT_NODES`].
pub const DOT_EDGES: usize = 600;

/// Most entities drawn with `neato`, whose stress majorisation is quadratic in the nodes; past
/// that, `sfdp`'s multilevel force layout.
pub const NEATO_NODES: usize = 150;

/// Most edges routed as splines around nodes: the router's cost grows fast with the edge
/// count (minutes for the whole seeds graph); past it edges are straight lines.
pub const SPLINE_EDGES: usize = 400;

/// Whether the `dot` engine lays out a graph this size within seconds.
pub fn dot_can_lay_out(nodes: usize, edges: usize) -> bool {
    nodes <= DOT_NODES && edges <= DOT_EDGES
}

/// The layout engine that suits a graph of this size: `neato` for small ones, `sfdp` past
/// [`NEATO_NODES`] entities.
pub fn layout_for(nodes: usize) -> &'static str {
    if nodes <= NEATO_NODES {
        "neato"
    } else {
        "sfdp"
    }
}

/// The DOT syntax tree of the document.
fn graph(doc: &GraphDocument, style: &Style) -> Graph {
    let map = style.geo.then(|| Map::of(doc)).flatten();
    let layout = match (&map, &style.layout) {
        (Some(_), _) => "neato".to_owned(),
        (None, Some(layout)) => layout.clone(),
        (None, None) => layout_for(doc.nodes.len()).to_owned(),
    };
    let splines = if doc.edges.len() > SPLINE_EDGES {
        "false"
    } else {
        "true"
    };
    let mut graph_attributes = vec![
        attr("layout", quoted(&layout)),
        attr("splines", plain(splines)),
        attr("outputorder", plain("edgesfirst")),
        attr("fontname", quoted(FONT)),
        attr("label", Id::Html(format!("<{}>", legend(doc, style)))),
        attr("labelloc", plain("t")),
        attr("fontsize", plain("12")),
    ];
    if layout == "dot" {
        graph_attributes.extend([attr("nodesep", plain("0.3")), attr("ranksep", plain("0.6"))]);
    } else {
        // Nodes never overlap, with room for a line between them; `prism` keeps the layout's
        // shape where `scale` would blow it up. On a map it nudges pinned places apart where
        // their shapes would overlap (neighbours such as a state and its capital), so map
        // positions are approximate at the scale of a node.
        graph_attributes.extend([
            attr("overlap", plain("prism")),
            attr("sep", quoted("+8")),
            attr("esep", quoted("+4")),
        ]);
    }
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(graph_attributes)),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", quoted(FONT)),
            attr("style", quoted("filled")),
            attr("color", quoted("#333333")),
            attr("margin", quoted("0.08,0.04")),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", quoted(FONT)),
            attr("fontsize", plain("10")),
        ])),
    ];
    let scale = Scale::of(doc);
    stmts.extend(doc.nodes.iter().map(|n| {
        let mut node = node(n, style, &scale);
        if let Some((map, place)) = map.as_ref().zip(coordinates(n)) {
            node.attributes.push(attr("pos", quoted(&map.pos(place))));
            node.attributes.push(attr("pin", plain("true")));
        }
        Stmt::Node(node)
    }));
    stmts.extend(doc.edges.iter().map(|e| Stmt::Edge(edge(e, &scale))));
    Graph::DiGraph {
        id: quoted("gazegraph"),
        strict: false,
        stmts,
    }
}

/// The largest values that sizes are relative to.
struct Scale {
    mentions: f64,
    pagerank: f64,
    weight: f64,
}

impl Scale {
    fn of(doc: &GraphDocument) -> Scale {
        let max = |values: &mut dyn Iterator<Item = f64>| {
            values.filter(|x| x.is_finite()).fold(0.0f64, f64::max)
        };
        Scale {
            mentions: max(&mut doc.nodes.iter().map(|n| n.mentions as f64)),
            pagerank: max(&mut doc.nodes.iter().map(|n| n.pagerank)),
            weight: max(&mut doc.edges.iter().map(|e| e.weight)),
        }
    }
}

/// `x / max` in [0, 1]; 0 when there is nothing to compare with.
fn share(x: f64, max: f64) -> f64 {
    if max > 0.0 && x.is_finite() {
        (x / max).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Smallest and largest node label, in points: readable at 100% zoom.
const LABEL_SIZES: (f64, f64) = (11.0, 26.0);

/// Smallest and largest node side, in inches, for area by mentions.
const NODE_SIDES: (f64, f64) = (0.3, 1.4);

fn node(n: &NodeRecord, style: &Style, scale: &Scale) -> Node {
    let kind = palette::kind(&n.kind);
    let fill = match style.colour {
        Colour::Kind => kind.fill,
        Colour::Community => palette::community(n.community),
    };
    // Area, not side, grows with mentions; a label larger than the area widens the node.
    let side = NODE_SIDES.0
        + (NODE_SIDES.1 - NODE_SIDES.0) * share(n.mentions as f64, scale.mentions).sqrt();
    let font =
        LABEL_SIZES.0 + (LABEL_SIZES.1 - LABEL_SIZES.0) * share(n.pagerank, scale.pagerank).sqrt();
    let tooltip = format!(
        "{}\nid: {}\nkind: {}\nmentions: {}\ndocuments: {}\ndegree: {}\ncommunity: {}",
        n.name, n.id, n.kind, n.mentions, n.documents, n.degree, n.community
    );
    Node::new(
        node_id(&n.id),
        vec![
            attr("label", quoted(&n.name)),
            attr("tooltip", quoted(&tooltip)),
            attr("shape", plain(kind.shape)),
            attr("fillcolor", quoted(fill)),
            attr("width", plain(&format!("{side:.2}"))),
            attr("height", plain(&format!("{:.2}", side * 0.6))),
            attr("fontsize", plain(&format!("{font:.1}"))),
        ],
    )
}

fn edge(e: &EdgeRecord, scale: &Scale) -> Edge {
    let penwidth = 1.0 + 5.0 * share(e.weight.max(0.0), scale.weight);
    let mut tooltip = format!(
        "{} → {}: {}\ncount: {}\ndocuments: {}",
        e.source, e.target, e.kind, e.count, e.documents
    );
    if e.negated > 0 {
        tooltip.push_str(&format!("\nnegated: {}", e.negated));
    }
    tooltip.push_str(&format!(
        "\npmi: {:.3}\nnpmi: {:.3}\nllr: {:.3}",
        e.pmi, e.npmi, e.llr
    ));
    let mut attributes = vec![
        attr("penwidth", plain(&format!("{penwidth:.2}"))),
        attr("tooltip", quoted(&tooltip)),
    ];
    if e.kind == COOCCURRENCE {
        attributes.push(attr("dir", plain("none")));
        attributes.push(attr("color", quoted(palette::COOCCURRENCE.colour)));
    } else {
        let style = palette::relation(&e.kind);
        attributes.push(attr("label", quoted(&e.kind)));
        attributes.push(attr("color", quoted(style.colour)));
        attributes.push(attr("fontcolor", quoted(style.colour)));
        attributes.push(attr("arrowhead", plain(style.arrowhead)));
        if !e.directed {
            attributes.push(attr("dir", plain("both")));
            attributes.push(attr("arrowtail", plain(style.arrowhead)));
        }
        if e.negated > 0 {
            attributes.push(attr("style", quoted("dashed")));
        }
    }
    Edge {
        ty: EdgeTy::Pair(Vertex::N(node_id(&e.source)), Vertex::N(node_id(&e.target))),
        attributes,
    }
}

/// The caption lines: the corpus, how the graph was made, and what the picture leaves out.
fn caption(doc: &GraphDocument, style: &Style) -> Vec<String> {
    let whole = style.whole;
    let filters = if doc.options.filters.is_empty() {
        "none".to_owned()
    } else {
        doc.options.filters.join(", ")
    };
    let (nodes, edges) = (doc.nodes.len(), doc.edges.len());
    let shown = match whole {
        Some((all_nodes, all_edges)) => format!(
            "{nodes} of {} entities, {edges} of {} edges",
            thousands(all_nodes),
            thousands(all_edges)
        ),
        None => format!("{nodes} entities, {edges} edges"),
    };
    vec![
        format!(
            "gazegraph {}: {} documents, {} mentions, window {}, weight {}",
            doc.tool,
            thousands(doc.corpus.documents as usize),
            thousands(doc.corpus.mentions as usize),
            doc.options.window,
            doc.options.weight
        ),
        format!("{shown}; filters: {filters}"),
        if style.geo {
            "places at their coordinates (equirectangular), the rest around them; node area: mentions"
        } else {
            "node area: mentions; label size: PageRank; line width: edge weight"
        }
        .to_owned(),
    ]
}

/// `1710` as `1,710`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A character for a Graphviz arrowhead in the legend.
fn glyph(arrowhead: &str) -> &'static str {
    match arrowhead {
        "none" => "━",
        "vee" => "➤",
        "tee" => "┤",
        "dot" => "●",
        "diamond" => "◆",
        "box" => "■",
        "inv" => "◀",
        "crow" => "⋲",
        "icurve" => ")",
        "odot" => "○",
        _ => "▶",
    }
}

/// Legend cells in a row per this many items.
const LEGEND_COLUMNS: usize = 6;

/// The caption and legend: one HTML-like table of the caption lines, the kinds (or
/// communities) and the edge types present.
fn legend(doc: &GraphDocument, style: &Style) -> String {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let present: BTreeSet<&str> = doc.nodes.iter().map(|n| n.kind.as_str()).collect();
    // Known kinds in palette order, then the others by name.
    let mut kinds: Vec<&str> = palette::KINDS
        .iter()
        .map(|k| k.kind)
        .filter(|k| present.contains(k))
        .collect();
    kinds.extend(
        present
            .iter()
            .filter(|k| palette::KINDS.iter().all(|s| s.kind != **k)),
    );
    let filled = style.colour == Colour::Kind;
    rows.extend(cells(kinds.into_iter().map(|kind| {
        let drawn = palette::kind(kind);
        let fill = if filled { drawn.fill } else { "#FFFFFF" };
        format!(
            r#"<TD BORDER="1" BGCOLOR="{fill}">{} ({})</TD>"#,
            html(kind),
            html(drawn.shape)
        )
    })));
    if style.colour == Colour::Community {
        let communities: BTreeSet<u32> = doc.nodes.iter().map(|n| n.community).collect();
        let named = palette::COMMUNITIES.len() as u32;
        let mut fills: Vec<String> = communities
            .iter()
            .filter(|&&c| c < named)
            .map(|&c| {
                format!(
                    r#"<TD BORDER="1" BGCOLOR="{}">community {c}</TD>"#,
                    palette::community(c)
                )
            })
            .collect();
        if communities.iter().any(|&c| c >= named) {
            fills.push(format!(
                r#"<TD BORDER="1" BGCOLOR="{}">community {named}+</TD>"#,
                palette::OTHER_COMMUNITY
            ));
        }
        rows.extend(cells(fills.into_iter()));
    }
    let types: BTreeSet<&str> = doc.edges.iter().map(|e| e.kind.as_str()).collect();
    let mut samples = Vec::new();
    if types.contains(COOCCURRENCE) {
        samples.push(sample_cell("co-occurrence", palette::COOCCURRENCE, false));
    }
    // Shipped types in palette order, then the others by name.
    for (kind, edge_style) in palette::RELATIONS {
        if types.contains(kind) {
            samples.push(sample_cell(kind, edge_style, false));
        }
    }
    for kind in types
        .iter()
        .filter(|k| **k != COOCCURRENCE && palette::RELATIONS.iter().all(|(r, _)| r != *k))
    {
        samples.push(sample_cell(kind, palette::relation(kind), false));
    }
    if doc.edges.iter().any(|e| e.negated > 0) {
        samples.push(sample_cell("negated", palette::COOCCURRENCE, true));
    }
    rows.extend(cells(samples.into_iter()));
    let mut table =
        String::from(r#"<TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="3">"#);
    for line in caption(doc, style) {
        table.push_str(&format!(
            r#"<TR><TD ALIGN="LEFT">{}</TD></TR>"#,
            html(&line)
        ));
    }
    for row in rows {
        table.push_str(&format!(
            r#"<TR><TD ALIGN="LEFT"><TABLE BORDER="0" CELLBORDER="0" CELLSPACING="4" CELLPADDING="3"><TR>{}</TR></TABLE></TD></TR>"#,
            row.concat()
        ));
    }
    table.push_str("</TABLE>");
    table
}

/// Items split into rows of [`LEGEND_COLUMNS`].
fn cells(items: impl Iterator<Item = String>) -> Vec<Vec<String>> {
    let items: Vec<String> = items.collect();
    items
        .chunks(LEGEND_COLUMNS)
        .map(<[String]>::to_vec)
        .collect()
}

/// A legend cell: a line in the type's colour ending in its arrowhead, then its name.
fn sample_cell(name: &str, style: EdgeStyle, dashed: bool) -> String {
    let line = if dashed { "╍╍" } else { "━━" };
    let head = glyph(style.arrowhead);
    format!(
        r#"<TD><FONT COLOR="{}">{line}{head}</FONT> {}</TD>"#,
        style.colour,
        html(name)
    )
}

/// Escapes text for an HTML-like label.
fn html(s: &str) -> String {
    // Graphviz's HTML-like labels take no control characters, even escaped.
    let plain: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    quick_xml::escape::escape(plain.as_str()).into_owned()
}

fn attr(name: &str, value: Id) -> Attribute {
    Attribute(plain(name), value)
}

fn plain(s: &str) -> Id {
    Id::Plain(s.to_owned())
}

fn node_id(id: &str) -> NodeId {
    NodeId(quoted(id), None)
}

/// A double-quoted DOT string holding exactly `s` (see [`escape`]).
fn quoted(s: &str) -> Id {
    Id::Escaped(format!("\"{}\"", escape(s)))
}

/// Escapes `s` for the inside of a double-quoted DOT string used as an `escString` (labels,
/// tooltips), so that Graphviz displays exactly `s`:
///
/// * `"` and `\` are backslash-escaped (so `\N`, `\G`, `\l` and friends stay literal);
/// * line breaks (`\n`, `\r\n`, `\r`) become the centred line break `\n`;
/// * `&` becomes `&amp;`, because Graphviz decodes HTML entities such as `&lt;` in labels;
/// * other control characters, which SVG cannot hold, become U+FFFD.
///
/// The mapping is injective, so distinct node ids stay distinct.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '&' => out.push_str("&amp;"),
            '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A small document with awkward names (quotes, backslashes, newlines, non-ASCII), one
/// co-occurrence and two relations (one negated): the fixture of every export's unit tests.
#[cfg(test)]
pub(crate) fn sample() -> GraphDocument {
    let node = |id: &str, name: &str, kind: &str| NodeRecord {
        id: id.to_owned(),
        name: name.to_owned(),
        kind: kind.to_owned(),
        category: String::new(),
        country: String::new(),
        mentions: 3,
        documents: 2,
        windows: 3,
        degree: 2,
        weighted_degree: 4.0,
        pagerank: 0.25,
        betweenness: 0.5,
        community: 1,
        latitude: None,
        longitude: None,
        first_seen: None,
        last_seen: None,
        periods: Vec::new(),
    };
    let edge = |source: &str, target: &str, kind: &str, count: u64, negated: u64| EdgeRecord {
        source: source.to_owned(),
        target: target.to_owned(),
        kind: kind.to_owned(),
        directed: kind != COOCCURRENCE,
        count,
        documents: 1,
        negated,
        pmi: 1.5,
        npmi: 0.5,
        llr: 2.25,
        jaccard: 0.5,
        weight: count as f64,
        first_seen: None,
        last_seen: None,
        periods: Vec::new(),
        evidence: vec![crate::graph::Evidence {
            document: "d1".to_owned(),
            sentence: 0,
            source_span: Default::default(),
            target_span: Default::default(),
            cue_span: Default::default(),
            rule: String::new(),
            negated: false,
            text: "Say \"Hi\" met Erdoğan.".to_owned(),
            source_part: "body".to_owned(),
            target_part: "body".to_owned(),
        }],
    };
    GraphDocument {
        format: crate::graph::document::FORMAT.to_owned(),
        version: crate::graph::document::VERSION,
        tool: "0.1.0".to_owned(),
        gazetteer: "abc".to_owned(),
        options: crate::graph::GraphOptions {
            window: "sentence".to_owned(),
            evidence_cap: 5,
            weight: "count".to_owned(),
            filters: vec!["min-count=2".to_owned()],
            relations: String::new(),
            period: "month".to_owned(),
            parts: "headline,body".to_owned(),
        },
        corpus: crate::graph::CorpusStats {
            documents: 7,
            ..Default::default()
        },
        nodes: vec![
            node("a_b", "a\nb", "place"),
            node("erdogan", "Erdoğan", "person"),
            node("say", "Say \"Hi\" \\ back", "group"),
        ],
        edges: vec![
            edge("a_b", "erdogan", COOCCURRENCE, 2, 0),
            edge("erdogan", "say", "opposes", 1, 1),
            edge("say", "erdogan", "supports", 4, 0),
        ],
        documents: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
