//! Graphviz DOT, built as a `graphviz-rust` syntax tree and printed by its printer.
//!
//! The drawing is a `digraph`: co-occurrence edges carry `dir=none`, typed relations are
//! arrows labelled with their type, one colour and arrowhead per type (heads at both ends
//! for symmetric types such as `meets`), dashed when some statements were negated. Nodes are shaped and filled by kind (the Okabe–Ito palette, readable with every
//! common form of colour blindness) and a `cluster_legend` subgraph explains both.
//!
//! Every id and every label is a quoted, escaped string, whatever characters it holds, so the
//! output is valid DOT for any entity name; it renders with `dot` and `sfdp` without warnings.

use std::collections::BTreeSet;

use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};

use crate::graph::{COOCCURRENCE, EdgeRecord, GraphDocument, NodeRecord};

/// Fonts, in order of preference (Graphviz passes the list to fontconfig / the SVG viewer).
const FONT: &str = "Helvetica,Arial,sans-serif";

/// Colour of co-occurrence edges.
const COOCCURRENCE_COLOUR: &str = "#999999";

/// Colours of relation types, assigned in sorted order of the types present (Okabe–Ito,
/// darkest first so thin arrows stay visible on white); more types than colours cycle.
const RELATION_COLOURS: [&str; 7] = [
    "#0072B2", "#D55E00", "#CC79A7", "#009E73", "#E69F00", "#56B4E9", "#000000",
];

/// The prefix of legend node ids. Entity ids are `[a-z0-9_]+`, so a colon can never collide.
const LEGEND_PREFIX: &str = "legend:";

/// How a node kind is drawn: (kind, shape, fill colour).
const NODE_STYLES: [(&str, &str, &str); 4] = [
    ("person", "ellipse", "#56B4E9"),
    ("state", "box", "#E69F00"),
    ("group", "hexagon", "#009E73"),
    ("place", "house", "#F0E442"),
];

/// Shape and fill of a kind the palette does not know.
const OTHER_STYLE: (&str, &str) = ("octagon", "#DDDDDD");

/// The document as a DOT `digraph`.
pub fn to_dot(doc: &GraphDocument) -> String {
    graph(doc).print(&mut PrinterContext::default()) + "\n"
}

/// Curved edge routing around nodes reads best, but its cost grows fast with the edge count
/// (minutes for the whole seeds graph); past a few hundred edges straight lines are drawn.
fn splines(doc: &GraphDocument) -> &'static str {
    if doc.edges.len() <= SPLINE_EDGES {
        "true"
    } else {
        "false"
    }
}

/// The most edges drawn with curved routing.
const SPLINE_EDGES: usize = 400;

/// The DOT syntax tree of the document.
fn graph(doc: &GraphDocument) -> Graph {
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("overlap", plain("false")),
            attr("splines", plain(splines(doc))),
            attr("outputorder", plain("edgesfirst")),
            attr("fontname", quoted(FONT)),
            attr("label", quoted(&title(doc))),
            attr("labelloc", plain("t")),
            attr("fontsize", plain("16")),
        ])),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("fontname", quoted(FONT)),
            attr("fontsize", plain("11")),
            attr("style", quoted("filled")),
            attr("color", quoted("#333333")),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", quoted(FONT)),
            attr("fontsize", plain("9")),
        ])),
    ];
    let relations = relation_kinds(doc);
    if let Some(legend) = legend(doc, &relations) {
        stmts.push(Stmt::Subgraph(legend));
    }
    stmts.extend(doc.nodes.iter().map(|n| Stmt::Node(node(n))));
    let max_weight = doc
        .edges
        .iter()
        .map(|e| e.weight)
        .filter(|w| w.is_finite())
        .fold(0.0f64, f64::max);
    stmts.extend(
        doc.edges
            .iter()
            .map(|e| Stmt::Edge(edge(e, max_weight, &relations))),
    );
    Graph::DiGraph {
        id: quoted("gazegraph"),
        strict: false,
        stmts,
    }
}

/// The graph's caption: the corpus totals and how the graph was made.
fn title(doc: &GraphDocument) -> String {
    let filters = if doc.options.filters.is_empty() {
        "none".to_owned()
    } else {
        doc.options.filters.join(", ")
    };
    format!(
        "gazegraph {}: {} documents, {} mentions, window {}, weight {}\nfilters: {}\n{} entities, {} edges",
        doc.tool,
        doc.corpus.documents,
        doc.corpus.mentions,
        doc.options.window,
        doc.options.weight,
        filters,
        doc.nodes.len(),
        doc.edges.len(),
    )
}

/// Shape and fill colour of a node kind.
fn node_style(kind: &str) -> (&'static str, &'static str) {
    NODE_STYLES
        .iter()
        .find(|(k, _, _)| *k == kind)
        .map_or(OTHER_STYLE, |&(_, shape, fill)| (shape, fill))
}

/// The relation types present, sorted: their index picks their colour.
fn relation_kinds(doc: &GraphDocument) -> Vec<&str> {
    let kinds: BTreeSet<&str> = doc
        .edges
        .iter()
        .map(|e| e.kind.as_str())
        .filter(|k| *k != COOCCURRENCE)
        .collect();
    kinds.into_iter().collect()
}

fn relation_colour(relations: &[&str], kind: &str) -> &'static str {
    let i = relations.iter().position(|k| *k == kind).unwrap_or(0);
    RELATION_COLOURS[i % RELATION_COLOURS.len()]
}

/// Arrowheads, changed each time the colours run out, so no two of the first 35 relation
/// types look alike.
const RELATION_ARROWHEADS: [&str; 5] = ["normal", "vee", "diamond", "dot", "box"];

fn relation_arrowhead(relations: &[&str], kind: &str) -> &'static str {
    let i = relations.iter().position(|k| *k == kind).unwrap_or(0);
    RELATION_ARROWHEADS[(i / RELATION_COLOURS.len()) % RELATION_ARROWHEADS.len()]
}

/// Arrowhead attributes of a relation edge: one head, or a head at each end when the
/// relation has no direction.
fn arrowheads(head: &'static str, directed: bool) -> Vec<Attribute> {
    let mut attributes = vec![attr("arrowhead", plain(head))];
    if !directed {
        attributes.push(attr("dir", plain("both")));
        attributes.push(attr("arrowtail", plain(head)));
    }
    attributes
}

fn node(n: &NodeRecord) -> Node {
    let (shape, fill) = node_style(&n.kind);
    let tooltip = format!(
        "{}\nid: {}\nkind: {}\nmentions: {}\ndocuments: {}\ndegree: {}\ncommunity: {}",
        n.name, n.id, n.kind, n.mentions, n.documents, n.degree, n.community
    );
    Node::new(
        node_id(&n.id),
        vec![
            attr("label", quoted(&n.name)),
            attr("tooltip", quoted(&tooltip)),
            attr("shape", plain(shape)),
            attr("fillcolor", quoted(fill)),
        ],
    )
}

fn edge(e: &EdgeRecord, max_weight: f64, relations: &[&str]) -> Edge {
    let weight = if e.weight.is_finite() {
        e.weight.max(0.0)
    } else {
        0.0
    };
    let penwidth = if max_weight > 0.0 {
        1.0 + 5.0 * weight / max_weight
    } else {
        1.0
    };
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
        attributes.push(attr("color", quoted(COOCCURRENCE_COLOUR)));
    } else {
        let colour = relation_colour(relations, &e.kind);
        attributes.push(attr("label", quoted(&e.kind)));
        attributes.push(attr("color", quoted(colour)));
        attributes.push(attr("fontcolor", quoted(colour)));
        attributes.extend(arrowheads(
            relation_arrowhead(relations, &e.kind),
            e.directed,
        ));
        if e.negated > 0 {
            attributes.push(attr("style", quoted("dashed")));
        }
    }
    Edge {
        ty: EdgeTy::Pair(Vertex::N(node_id(&e.source)), Vertex::N(node_id(&e.target))),
        attributes,
    }
}

/// The legend: one sample node per node kind present and one sample edge per edge kind
/// present, or `None` for an empty graph.
fn legend(doc: &GraphDocument, relations: &[&str]) -> Option<Subgraph> {
    let present: BTreeSet<&str> = doc.nodes.iter().map(|n| n.kind.as_str()).collect();
    // Known kinds in display order, then any others in sorted order.
    let mut kinds: Vec<&str> = NODE_STYLES
        .iter()
        .map(|(k, _, _)| *k)
        .filter(|k| present.contains(k))
        .collect();
    kinds.extend(
        present
            .iter()
            .copied()
            .filter(|k| NODE_STYLES.iter().all(|(known, _, _)| known != k)),
    );
    let cooccurrence = doc.edges.iter().any(|e| e.kind == COOCCURRENCE);
    if kinds.is_empty() && !cooccurrence && relations.is_empty() {
        return None;
    }
    let mut stmts = vec![
        Stmt::GAttribute(GraphAttributes::Graph(vec![
            attr("label", quoted("")),
            attr("style", quoted("rounded")),
            attr("color", quoted("#BBBBBB")),
        ])),
        Stmt::Node(Node::new(
            node_id(&format!("{LEGEND_PREFIX}title")),
            vec![
                attr("label", quoted("Legend")),
                attr("shape", plain("plaintext")),
                attr("style", quoted("")),
                attr("fontsize", plain("12")),
            ],
        )),
    ];
    // The first item of each legend entry, in order. Invisible edges chain them, in a
    // `rank=same` row: `dot` then lays the row out left to right, and engines without
    // clusters (sfdp, neato) keep the legend together instead of scattering it.
    let mut chain = vec![node_id(&format!("{LEGEND_PREFIX}title"))];
    for kind in kinds {
        let (shape, fill) = node_style(kind);
        let id = node_id(&format!("{LEGEND_PREFIX}node:{kind}"));
        chain.push(id.clone());
        stmts.push(Stmt::Node(Node::new(
            id,
            vec![
                attr("label", quoted(kind)),
                attr("tooltip", quoted(&format!("entity kind: {kind}"))),
                attr("shape", plain(shape)),
                attr("fillcolor", quoted(fill)),
            ],
        )));
    }
    let mut samples: Vec<(&str, &str, &str)> = Vec::new();
    if cooccurrence {
        samples.push((COOCCURRENCE, "co-occurrence", COOCCURRENCE_COLOUR));
    }
    for kind in relations {
        samples.push((kind, kind, relation_colour(relations, kind)));
    }
    for (kind, label, colour) in samples {
        let end = |side: &str| {
            Node::new(
                node_id(&format!("{LEGEND_PREFIX}edge:{kind}:{side}")),
                vec![
                    attr("label", quoted("")),
                    attr("shape", plain("point")),
                    attr("width", plain("0.05")),
                    attr("color", quoted(colour)),
                ],
            )
        };
        let (from, to) = (end("from"), end("to"));
        let mut attributes = vec![
            attr("label", quoted(label)),
            attr("tooltip", quoted(&format!("edge kind: {kind}"))),
            attr("color", quoted(colour)),
            attr("fontcolor", quoted(colour)),
        ];
        if kind == COOCCURRENCE {
            attributes.push(attr("dir", plain("none")));
        } else {
            let directed = doc.edges.iter().any(|e| e.kind == kind && e.directed);
            attributes.extend(arrowheads(relation_arrowhead(relations, kind), directed));
        }
        chain.push(from.id.clone());
        let ty = EdgeTy::Pair(Vertex::N(from.id.clone()), Vertex::N(to.id.clone()));
        stmts.push(Stmt::Node(from));
        stmts.push(Stmt::Node(to));
        stmts.push(Stmt::Edge(Edge { ty, attributes }));
    }
    for pair in chain.windows(2) {
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(Vertex::N(pair[0].clone()), Vertex::N(pair[1].clone())),
            attributes: vec![attr("style", quoted("invis"))],
        }));
    }
    let mut row = vec![Stmt::GAttribute(GraphAttributes::Graph(vec![attr(
        "rank",
        plain("same"),
    )]))];
    row.extend(
        chain
            .into_iter()
            .map(|id| Stmt::Node(Node::new(id, Vec::new()))),
    );
    stmts.push(Stmt::Subgraph(Subgraph {
        id: quoted(&format!("{LEGEND_PREFIX}row")),
        stmts: row,
    }));
    Some(Subgraph {
        id: quoted("cluster_legend"),
        stmts,
    })
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
        evidence: vec![crate::graph::Evidence {
            document: "d1".to_owned(),
            sentence: 0,
            source_span: Default::default(),
            target_span: Default::default(),
            cue_span: Default::default(),
            rule: String::new(),
            negated: false,
            text: "Say \"Hi\" met Erdoğan.".to_owned(),
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_any_string_literal() {
        assert_eq!(escape(r#"Say "Hi" \ back"#), r#"Say \"Hi\" \\ back"#);
        assert_eq!(escape("a\nb"), "a\\nb");
        assert_eq!(escape("a\r\nb\rc"), "a\\nb\\nc");
        assert_eq!(escape("Erdoğan"), "Erdoğan");
        assert_eq!(escape("AT&T &lt;"), "AT&amp;T &amp;lt;");
        assert_eq!(escape(r"\N\G\l"), r"\\N\\G\\l");
        assert_eq!(escape("x\u{1}y\tz"), "x\u{FFFD}y z");
        // A trailing backslash cannot swallow the closing quote.
        assert_eq!(quoted("a\\"), Id::Escaped(r#""a\\""#.to_owned()));
    }

    #[test]
    fn output_parses_as_dot_and_is_deterministic() {
        let doc = sample();
        let dot = to_dot(&doc);
        assert_eq!(dot, to_dot(&doc.clone()));
        graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{e}\n{dot}"));
        assert!(dot.starts_with("digraph \"gazegraph\" {"), "{dot}");
        assert!(dot.contains("overlap=false"));
        assert!(dot.contains("splines=true"));
        let mut big = doc.clone();
        big.edges = vec![doc.edges[0].clone(); SPLINE_EDGES + 1];
        assert!(to_dot(&big).contains("splines=false"));
        assert!(dot.contains(r#"label="Say \"Hi\" \\ back""#), "{dot}");
        assert!(dot.contains(r#"label="a\nb""#), "{dot}");
        assert!(dot.contains(r#"label="Erdoğan""#), "{dot}");
        assert!(dot.contains("7 documents"), "{dot}");
        assert!(dot.contains("filters: min-count=2"), "{dot}");
    }

    #[test]
    fn every_node_and_edge_appears_styled() {
        let doc = sample();
        let dot = to_dot(&doc);
        for n in &doc.nodes {
            let line = dot
                .lines()
                .find(|l| l.trim_start().starts_with(&format!("\"{}\"[", n.id)))
                .unwrap_or_else(|| panic!("no node {}", n.id));
            let (shape, fill) = node_style(&n.kind);
            assert!(line.contains(&format!("shape={shape}")), "{line}");
            assert!(line.contains(&format!("fillcolor=\"{fill}\"")), "{line}");
            assert!(line.contains(&format!("id: {}", n.id)), "{line}");
        }
        for e in &doc.edges {
            let head = format!("\"{}\" -> \"{}\" [", e.source, e.target);
            let line = dot
                .lines()
                .find(|l| {
                    l.contains(&head)
                        && (e.kind == COOCCURRENCE || l.contains(&format!("label=\"{}\"", e.kind)))
                })
                .unwrap_or_else(|| panic!("no edge {head} {}\n{dot}", e.kind));
            assert_eq!(line.contains("dir=none"), e.kind == COOCCURRENCE, "{line}");
            let both = e.kind != COOCCURRENCE && !e.directed;
            assert_eq!(line.contains("dir=both"), both, "{line}");
            assert_eq!(line.contains("style=\"dashed\""), e.negated > 0, "{line}");
        }
        // Heaviest edge is drawn widest, lightest at 1.
        assert!(dot.contains("penwidth=6.00"), "{dot}");
        assert!(dot.contains("penwidth=2.25"), "{dot}");
        // Relation kinds get distinct colours, then distinct arrowheads.
        assert_ne!(
            relation_colour(&["opposes", "supports"], "opposes"),
            relation_colour(&["opposes", "supports"], "supports")
        );
        let many: Vec<String> = (0..20).map(|i| format!("r{i:02}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let styles: BTreeSet<(&str, &str)> = many
            .iter()
            .map(|k| (relation_colour(&many, k), relation_arrowhead(&many, k)))
            .collect();
        assert_eq!(styles.len(), many.len());
    }

    #[test]
    fn symmetric_relations_have_a_head_at_each_end() {
        let mut doc = sample();
        let mut meets = doc.edges[2].clone();
        meets.kind = "meets".to_owned();
        meets.directed = false;
        doc.edges.push(meets);
        let dot = to_dot(&doc);
        graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{e}\n{dot}"));
        let line = dot
            .lines()
            .find(|l| l.contains("label=\"meets\"") && !l.contains("legend:"))
            .unwrap_or_else(|| panic!("no meets edge\n{dot}"));
        assert!(
            line.contains("dir=both") && line.contains("arrowtail="),
            "{line}"
        );
        let sample = dot
            .lines()
            .find(|l| l.contains("legend:edge:meets:from\" ->"))
            .unwrap_or_else(|| panic!("no meets legend\n{dot}"));
        assert!(sample.contains("dir=both"), "{sample}");
    }

    #[test]
    fn legend_shows_kinds_present_with_ids_entities_cannot_take() {
        let doc = sample();
        let dot = to_dot(&doc);
        assert!(dot.contains("subgraph \"cluster_legend\""), "{dot}");
        for kind in ["person", "group", "place"] {
            assert!(dot.contains(&format!("\"legend:node:{kind}\"")), "{dot}");
        }
        assert!(!dot.contains("legend:node:state"), "{dot}");
        assert!(dot.contains(r#""legend:title"[label="Legend""#), "{dot}");
        assert!(
            dot.contains(r#"subgraph "legend:row""#) && dot.contains("rank=same"),
            "{dot}"
        );
        assert!(
            dot.contains(r#""legend:title" -> "legend:node:person" [style="invis"]"#),
            "{dot}"
        );
        for kind in ["cooccurrence", "opposes", "supports"] {
            assert!(
                dot.contains(&format!(
                    "\"legend:edge:{kind}:from\" -> \"legend:edge:{kind}:to\""
                )),
                "{dot}"
            );
        }
        let empty = GraphDocument {
            nodes: Vec::new(),
            edges: Vec::new(),
            ..doc
        };
        let dot = to_dot(&empty);
        assert!(!dot.contains("cluster_legend"), "{dot}");
        graphviz_rust::parse(&dot).unwrap();
    }
}
