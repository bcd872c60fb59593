use super::*;
use crate::export::Format;

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
    assert_eq!(
        html(r#"<a href="x">&</a>"#),
        "&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;"
    );
    assert_eq!(html("Haftar's\tLNA"), "Haftar&apos;s LNA");
}

#[test]
fn output_parses_as_dot_names_its_layout_and_is_deterministic() {
    let doc = sample();
    let dot = Format::Dot.render(&doc);
    assert_eq!(dot, Format::Dot.render(&doc.clone()));
    graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{e}\n{dot}"));
    assert!(dot.starts_with("digraph \"gazegraph\" {"), "{dot}");
    assert!(dot.contains(r#"layout="neato""#), "{dot}");
    assert!(dot.contains("overlap=prism"), "{dot}");
    assert!(dot.contains("splines=true"));
    let mut big = doc.clone();
    big.edges = vec![doc.edges[0].clone(); SPLINE_EDGES + 1];
    assert!(Format::Dot.render(&big).contains("splines=false"));
    let dot_layout = Style {
        layout: Some("dot".to_owned()),
        ..Style::default()
    };
    let ranked = to_dot_with(&doc, &dot_layout);
    assert!(ranked.contains(r#"layout="dot""#) && !ranked.contains("overlap"));
    assert!(dot.contains(r#"label="Say \"Hi\" \\ back""#), "{dot}");
    assert!(dot.contains(r#"label="a\nb""#), "{dot}");
    assert!(dot.contains(r#"label="Erdoğan""#), "{dot}");
    assert!(dot.contains("7 documents"), "{dot}");
    assert!(
        dot.contains("3 entities, 3 edges; filters: min-count=2"),
        "{dot}"
    );
    let cut = Style {
        whole: Some((409, 1710)),
        ..Style::default()
    };
    assert!(to_dot_with(&doc, &cut).contains("3 of 409 entities, 3 of 1,710 edges"));
    assert_eq!(layout_for(NEATO_NODES + 1), "sfdp");
}

#[test]
fn every_node_and_edge_appears_styled_by_the_palette() {
    let doc = sample();
    let dot = Format::Dot.render(&doc);
    for n in &doc.nodes {
        let line = dot
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{}\"[", n.id)))
            .unwrap_or_else(|| panic!("no node {}", n.id));
        let kind = palette::kind(&n.kind);
        assert!(line.contains(&format!("shape={}", kind.shape)), "{line}");
        assert!(
            line.contains(&format!("fillcolor=\"{}\"", kind.fill)),
            "{line}"
        );
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
        if e.kind != COOCCURRENCE {
            let style = palette::relation(&e.kind);
            assert!(
                line.contains(&format!("color=\"{}\"", style.colour)),
                "{line}"
            );
            assert!(
                line.contains(&format!("arrowhead={}", style.arrowhead)),
                "{line}"
            );
        }
    }
    // Heaviest edge is drawn widest, lightest at 1 + 5 * 2/4.
    assert!(dot.contains("penwidth=6.00"), "{dot}");
    assert!(dot.contains("penwidth=3.50"), "{dot}");
}

#[test]
fn sizes_follow_mentions_and_pagerank() {
    let mut doc = sample();
    doc.nodes[0].mentions = 100;
    doc.nodes[0].pagerank = 0.9;
    doc.nodes[1].mentions = 1;
    doc.nodes[1].pagerank = 0.0;
    let dot = Format::Dot.render(&doc);
    let line = |id: &str| {
        dot.lines()
            .find(|l| l.trim_start().starts_with(&format!("\"{id}\"[")))
            .unwrap()
            .to_owned()
    };
    let big = line(&doc.nodes[0].id);
    let small = line(&doc.nodes[1].id);
    assert!(big.contains(&format!("width={:.2}", NODE_SIDES.1)), "{big}");
    assert!(
        big.contains(&format!("fontsize={:.1}", LABEL_SIZES.1)),
        "{big}"
    );
    assert!(
        small.contains(&format!("fontsize={:.1}", LABEL_SIZES.0)),
        "{small}"
    );
    let side = NODE_SIDES.0 + (NODE_SIDES.1 - NODE_SIDES.0) * 0.1;
    assert!(small.contains(&format!("width={side:.2}")), "{small}");
}

#[test]
fn legend_is_one_table_of_the_kinds_and_types_present() {
    let doc = sample();
    let dot = Format::Dot.render(&doc);
    assert_eq!(dot.matches("label=<<TABLE").count(), 1, "{dot}");
    assert!(
        !dot.contains("cluster_legend") && !dot.contains("legend:"),
        "{dot}"
    );
    for kind in ["person", "group", "place"] {
        assert!(dot.contains(&format!(">{kind} (")), "{dot}");
    }
    assert!(!dot.contains(">state ("), "{dot}");
    for kind in ["co-occurrence", "opposes", "supports", "negated"] {
        assert!(
            dot.contains(&format!("</FONT> {kind}</TD>")),
            "{kind}\n{dot}"
        );
    }
    let by_community = Style {
        colour: Colour::Community,
        ..Style::default()
    };
    let dot = to_dot_with(&doc, &by_community);
    assert!(dot.contains(&format!(
        r#"BGCOLOR="{}">community 1<"#,
        palette::community(1)
    )));
    assert!(dot.contains(&format!(r#"fillcolor="{}""#, palette::community(1))));
    let empty = GraphDocument {
        nodes: Vec::new(),
        edges: Vec::new(),
        ..doc
    };
    let dot = Format::Dot.render(&empty);
    assert!(dot.contains("0 entities, 0 edges"), "{dot}");
    graphviz_rust::parse(&dot).unwrap();
}

#[test]
fn numbers_get_thousands_separators() {
    assert_eq!(thousands(0), "0");
    assert_eq!(thousands(999), "999");
    assert_eq!(thousands(1710), "1,710");
    assert_eq!(thousands(1_234_567), "1,234,567");
}

#[test]
fn geo_pins_placed_entities_west_to_east_and_south_to_north() {
    let mut doc = sample();
    let places = [(30.0, 10.0), (50.0, 40.0)];
    for (node, (lat, lon)) in doc.nodes.iter_mut().zip(places) {
        node.latitude = Some(lat);
        node.longitude = Some(lon);
    }
    let geo = Style {
        geo: true,
        ..Style::default()
    };
    let dot = to_dot_with(&doc, &geo);
    assert!(dot.contains(r#"layout="neato""#), "{dot}");
    let pos: Vec<(f64, f64)> = dot
        .split("pos=\"")
        .skip(1)
        .map(|rest| {
            let pin = &rest[..rest.find('"').unwrap()];
            let (x, y) = pin.trim_end_matches('!').split_once(',').unwrap();
            assert!(pin.ends_with('!'), "{pin}");
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect();
    assert_eq!(
        pos.len(),
        2,
        "only entities with coordinates are pinned: {dot}"
    );
    assert_eq!(pos[0], (0.0, 0.0), "the south-west corner is the origin");
    // 30 degrees of longitude at the 40th parallel span the map's width.
    assert!((pos[1].0 - MAP_WIDTH).abs() < 1e-3, "{pos:?}");
    let per_degree = MAP_WIDTH / (30.0 * 40f64.to_radians().cos());
    assert!((pos[1].1 - 20.0 * per_degree).abs() < 1e-2, "{pos:?}");
    // Without coordinates, or without `geo`, nothing is pinned.
    assert!(!Format::Dot.render(&doc).contains("pos="));
    assert!(!to_dot_with(&sample(), &geo).contains("pos="));
}
