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
        (FORMAT, 3, ABC, &[], VERSION_LINE, "graph schema version 3 is newer than this gazegraph reads (2); upgrade gazegraph"),
        (FORMAT, 0, ABC, &[], VERSION_LINE, "graph schema version 0 is not one this gazegraph reads (1 to 2)"),
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

#[test]
fn periods_must_be_of_the_unit_and_in_time_order() {
    let mut doc = crate::export::dot::sample();
    doc.nodes[1].periods = vec![("2019-03".into(), 1), ("2019-05".into(), 2)];
    assert_eq!(validate(&doc), Ok(()));
    doc.nodes[1].periods = vec![("2019-3".into(), 1)];
    let flaw = validate(&doc).unwrap_err();
    assert_eq!(flaw.place, Place::Node(1));
    assert_eq!(flaw.message, "period `2019-3` is not a month");
    doc.nodes[1].periods.clear();
    doc.edges[2].periods = vec![("2019-05".into(), 1), ("2019-03".into(), 1)];
    let flaw = validate(&doc).unwrap_err();
    assert_eq!(flaw.place, Place::Edge(2));
    assert_eq!(flaw.message, "period `2019-03` is out of time order");
    doc.edges[2].periods.clear();
    doc.options.period = "fortnight".into();
    let flaw = validate(&doc).unwrap_err();
    assert_eq!(flaw.place, Place::Field("options"));
}
